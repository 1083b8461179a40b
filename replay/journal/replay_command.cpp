#include "replay/journal/replay_command.hpp"

#include <exception>
#include <fstream>
#include <iostream>
#include <optional>

#include "replay/journal/diagram.hpp"
#include "replay/journal/explain.hpp"
#include "replay/journal/history_scan.hpp"
#include "replay/journal/journal.hpp"
#include "replay/journal/report.hpp"

namespace rumor::journal {
namespace {

constexpr int kExitBadArguments = 254;  // Maelstrom's (Jepsen's) code for a bad command line
constexpr int kExitCrash = 255;

void print_usage() {
  std::cerr
      << "usage: rumor replay RUN_DIR [--json] [--explain VALUE] [--diagram FILE.html]\n"
         "                    [--max-arrows N]\n"
         "  Reads RUN_DIR/net-journal/*.fressian (Maelstrom's network journal) and prints\n"
         "  message counts per body type, node and pair, and the :net map of results.edn\n"
         "  (msgs-per-op over the client :invoke ops of RUN_DIR/history.edn).\n"
         "  --json            one JSON object instead of text\n"
         "  --explain VALUE   the path of a broadcast value: who sent it, every message that\n"
         "                    carried it, the nodes it never reached, the first reads showing it\n"
         "  --diagram FILE    write a self-contained HTML Lamport diagram of the messages\n"
         "  --max-arrows N    arrows the diagram shows before its filters (default 1000, 0 = all)\n"
         "  Exit status: 0 done, 254 bad arguments, 255 missing/corrupt journal.\n";
}

struct Options {
  std::string run_dir;
  bool json = false;
  std::optional<std::string> explain_value;
  std::optional<std::string> diagram_path;
  std::size_t max_arrows = 1000;
};

// nullopt after printing why, for the caller to exit with kExitBadArguments.
std::optional<Options> parse_options(const std::vector<std::string>& args) {
  Options options;
  bool have_run_dir = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const bool takes_value = arg == "--explain" || arg == "--diagram" || arg == "--max-arrows";
    if (takes_value && i + 1 >= args.size()) {
      std::cerr << "rumor replay: " << arg << " needs a value\n";
      return std::nullopt;
    }
    if (arg == "--json") {
      options.json = true;
    } else if (arg == "--explain") {
      options.explain_value = args[++i];
    } else if (arg == "--diagram") {
      options.diagram_path = args[++i];
    } else if (arg == "--max-arrows") {
      const std::string& text = args[++i];
      if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) {
        std::cerr << "rumor replay: --max-arrows wants a count, got '" << text << "'\n";
        return std::nullopt;
      }
      options.max_arrows = std::stoull(text);
    } else if (!arg.empty() && arg[0] == '-') {
      std::cerr << "rumor replay: unknown option " << arg << "\n";
      return std::nullopt;
    } else if (have_run_dir) {
      std::cerr << "rumor replay: more than one RUN_DIR given\n";
      return std::nullopt;
    } else {
      options.run_dir = arg;
      have_run_dir = true;
    }
  }
  if (!have_run_dir) {
    std::cerr << "rumor replay: no RUN_DIR given\n";
    return std::nullopt;
  }
  return options;
}

void write_diagram(const std::string& path, const std::vector<Event>& events,
                   const std::optional<HistorySummary>& history, const Options& options) {
  DiagramOptions diagram;
  diagram.title = options.run_dir;
  diagram.max_arrows = options.max_arrows;
  if (history) diagram.partitions = partition_spans_ms(events, *history);
  std::ofstream out(path, std::ios::binary);
  if (!out) throw std::runtime_error(path + ": cannot write the diagram");
  write_diagram_html(out, events, diagram);
  out.close();
  if (!out) throw std::runtime_error(path + ": error while writing the diagram");
}

}  // namespace

int replay_command(const std::vector<std::string>& args) {
  for (const std::string& arg : args) {
    if (arg == "-h" || arg == "--help") {
      print_usage();
      return kExitBadArguments;
    }
  }
  const std::optional<Options> options = parse_options(args);
  if (!options) {
    print_usage();
    return kExitBadArguments;
  }
  try {
    const std::vector<Event> events = read_journal(options->run_dir);
    const std::optional<HistorySummary> history =
        scan_history_file(options->run_dir + "/history.edn");
    if (!history) {
      std::cerr << "rumor replay: " << options->run_dir
                << "/history.edn not found: msgs-per-op left out\n";
    }
    const RunReport report =
        make_report(options->run_dir, events,
                    history ? std::optional<std::int64_t>(history->op_count) : std::nullopt);
    std::optional<Explanation> explanation;
    if (options->explain_value) {
      explanation = explain(events, parse_explain_value(*options->explain_value));
    }
    if (options->diagram_path) write_diagram(*options->diagram_path, events, history, *options);
    if (options->json) {
      std::cout << json_report(report, explanation ? &*explanation : nullptr) << "\n";
    } else {
      print_text_report(std::cout, report);
      if (explanation) {
        std::cout << "\n";
        print_explanation(std::cout, *explanation);
      }
      if (options->diagram_path)
        std::cout << "\ndiagram written to " << *options->diagram_path << "\n";
    }
  } catch (const std::exception& error) {
    std::cerr << "rumor replay: " << error.what() << "\n";
    return kExitCrash;
  }
  return 0;
}

}  // namespace rumor::journal
