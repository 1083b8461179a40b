#include "replay/history/check_command.hpp"

#include <exception>
#include <iostream>
#include <optional>
#include <ostream>

#include "replay/history/check.hpp"
#include "replay/history/history_io.hpp"
#include "runtime/cli_flags.hpp"

namespace rumor::replay::history {
namespace {

constexpr int kExitBadArguments = 254;
constexpr int kExitCrash = 255;

void print_usage(std::ostream& out) {
  out << "usage: rumor check RUN_DIR [--json]\n"
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
  std::string run_dir;
  bool json = false;
  CLI::App app{"rumor check"};
  app.add_option("RUN_DIR", run_dir, "a Maelstrom store directory")->required();
  app.add_flag("--json", json);
  const runtime::cli::Parsed parsed = runtime::cli::parse_flags(app, args);
  if (parsed.help) {
    print_usage(std::cout);
    return 0;
  }
  if (parsed.error) {
    std::cerr << "rumor check: " << *parsed.error << " (rumor check --help for usage)\n";
    return kExitBadArguments;
  }

  History history;
  try {
    history = read_history_edn(run_dir + "/history.edn");
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

}  // namespace rumor::replay::history
