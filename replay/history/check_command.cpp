#include "replay/history/check_command.hpp"

#include <exception>
#include <iostream>
#include <optional>

#include "replay/history/check.hpp"
#include "replay/history/history_io.hpp"

namespace rumor::history {
namespace {

constexpr int kExitBadArguments = 254;
constexpr int kExitCrash = 255;

void print_usage() {
  std::cerr << "usage: rumor check RUN_DIR [--json]\n"
               "  Checks RUN_DIR/history.edn as Maelstrom's broadcast workload would and prints\n"
               "  the results map (EDN, or JSON with --json). Exit status: 0 valid, 1 invalid,\n"
               "  2 unknown, 254 bad arguments, 255 unreadable history.\n";
}

const char* verdict_line(Validity validity) {
  switch (validity) {
    case Validity::valid:
      return "Everything looks good! ヽ(‘ー`)ノ";
    case Validity::invalid:
      return "Analysis invalid! (ﾉಥ益ಥ）ﾉ ┻━┻";
    case Validity::unknown:
      return "Errors occurred during analysis, but no anomalies found. ಠ~ಠ";
  }
  return "";
}

}  // namespace

int check_command(const std::vector<std::string>& args) {
  std::optional<std::string> run_dir;
  bool json = false;
  for (const std::string& arg : args) {
    if (arg == "--json") {
      json = true;
    } else if (arg == "-h" || arg == "--help") {
      print_usage();
      return kExitBadArguments;
    } else if (!arg.empty() && arg[0] == '-') {
      std::cerr << "rumor check: unknown option " << arg << "\n";
      print_usage();
      return kExitBadArguments;
    } else if (run_dir) {
      std::cerr << "rumor check: more than one RUN_DIR given\n";
      print_usage();
      return kExitBadArguments;
    } else {
      run_dir = arg;
    }
  }
  if (!run_dir) {
    print_usage();
    return kExitBadArguments;
  }

  History history;
  try {
    history = read_history_edn(*run_dir + "/history.edn");
  } catch (const std::exception& error) {
    std::cerr << "rumor check: " << error.what() << "\n";
    return kExitCrash;
  }
  // The net journal is not read (Maelstrom's is binary Fressian); :net carries the op count.
  const Edn results = check(history, std::nullopt);
  const Validity validity = validity_of(results);
  if (json) {
    std::cout << to_json(results) << "\n";
  } else {
    std::cout << to_edn_pretty(results) << "\n\n" << verdict_line(validity) << "\n";
  }
  return exit_code(validity);
}

}  // namespace rumor::history
