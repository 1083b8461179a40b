#include "replay/replay_command.hpp"

#include <algorithm>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <optional>
#include <string>
#include <tuple>

#include "replay/journal/diagnose_run.hpp"
#include "replay/journal/diagram.hpp"
#include "replay/journal/explain.hpp"
#include "replay/journal/history_scan.hpp"
#include "replay/journal/journal.hpp"
#include "replay/journal/report.hpp"
#include "replay/journal/timeline.hpp"
#include "replay/journal/trace_events.hpp"
#include "replay/journal/trace_traffic.hpp"
#include "replay/trace/node_trace.hpp"
#include "replay/trace/rerun.hpp"
#include "replay/trace/rerun_report.hpp"
#include "replay/trace/state_text.hpp"
#include "replay/trace/trace_explain.hpp"
#include "runtime/cli_flags.hpp"

namespace rumor::replay {

// The subcommand reads journals and node traces; it is the only file at this level that does.
using namespace journal;

namespace {

constexpr int kExitDiverged = 1;
constexpr int kExitBadArguments = 254;  // Maelstrom's (Jepsen's) code for a bad command line
constexpr int kExitCrash = 255;

void print_usage(std::ostream& out) {
  out << "usage: rumor replay RUN_DIR [--json] [--explain VALUE] [--diagram FILE.html]\n"
         "                    [--max-arrows N] [--node nX [--until K] --state]\n"
         "                    [--detail] [--report FILE.html]\n"
         "  Re-runs every node whose RUN_DIR/node-logs/nX.log holds a rumor trace (rumor-node\n"
         "  under Maelstrom or `rumor test --bin`, or `rumor test` itself) and checks that each\n"
         "  output is byte-identical; reports the first difference. Reads RUN_DIR/net-journal/\n"
         "  (Maelstrom's network journal) when there is one, else counts from the traces, and\n"
         "  prints message counts per body type, node and pair, and the :net map of results.edn\n"
         "  (msgs-per-op over the client :invoke ops of RUN_DIR/history.edn).\n"
         "  --json            one JSON object instead of text (with \"divergences\" for traces)\n"
         "  --explain VALUE   the path of a broadcast value: who sent it, every message that\n"
         "                    carried it, the nodes it never reached, the first reads showing it\n"
         "  --diagram FILE    write a self-contained HTML Lamport diagram (needs a net journal)\n"
         "  --max-arrows N    arrows the diagram shows before its filters (default 1000, 0 = all,\n"
         "                    at most 100000000)\n"
         "  --detail          on an invalid run, explain every lost and never-read value\n"
         "                    (default: the causes with counts and one example each)\n"
         "  --report FILE     write an HTML timeline of every broadcast value beside the\n"
         "                    diagram (lost values link to FILE's diagram.html#value=N)\n"
         "  --node nX --until K --state\n"
         "                    print node nX's state after its first K inputs (default: all)\n"
         "  Exit status: 0 done (and every trace reproduced), 1 a trace did not reproduce,\n"
         "  254 bad arguments, 255 missing/corrupt journal or trace.\n";
}

struct Options {
  std::string run_dir;
  bool json = false;
  std::optional<std::string> explain_value;
  std::optional<std::string> diagram_path;
  std::size_t max_arrows = 1000;
  std::optional<std::string> node;
  std::optional<std::size_t> until;
  bool state = false;
  bool detail = false;
  std::optional<std::string> report_path;
};

std::optional<std::size_t> parse_count(const std::string& text) {
  return runtime::cli::parse_number<std::size_t>(text);
}

// Arrows a diagram may show: beyond this the HTML page would not load anyway.
constexpr std::size_t kMaxArrowsMax = 100'000'000;

void add_flags(CLI::App& app, Options& options) {
  app.add_option("RUN_DIR", options.run_dir)->required();
  app.add_flag("--json", options.json);
  app.add_option("--explain", options.explain_value);
  app.add_option("--diagram", options.diagram_path);
  runtime::cli::add_number(app, "--max-arrows", options.max_arrows, std::size_t{0}, kMaxArrowsMax,
                           "arrows");
  app.add_option("--node", options.node);
  app.add_option_function<std::string>(
         "--until", [&options](const std::string& text) { options.until = parse_count(text); })
      ->check(runtime::cli::number_in(std::size_t{0}, std::numeric_limits<std::size_t>::max()));
  app.add_flag("--state", options.state);
  app.add_flag("--detail", options.detail);
  app.add_option("--report", options.report_path);
}

// The options; or --help asked for, or the one-line reason they are bad.
runtime::cli::Parsed parse_options(const std::vector<std::string>& args, Options& options) {
  CLI::App app{"rumor replay"};
  add_flags(app, options);
  runtime::cli::Parsed parsed = runtime::cli::parse_flags(app, args);
  if (parsed.help || parsed.error) return parsed;
  if ((options.node || options.until) && !options.state) {
    return {false, "--node and --until go with --state"};
  }
  if (options.state && !options.node) return {false, "--state needs --node nX"};
  return {};
}

// "net journal incomplete: chunks 2, 5 of 0..7 missing; the counts are partial"
std::string missing_chunks_note(const std::vector<std::int64_t>& missing) {
  if (missing.empty()) return "";
  std::string note = "net journal incomplete: chunk";
  note += missing.size() > 1 ? "s " : " ";
  const std::size_t shown = std::min<std::size_t>(missing.size(), 20);
  for (std::size_t i = 0; i < shown; ++i) {
    if (i > 0) note += ", ";
    note += std::to_string(missing[i]) + ".fressian";
  }
  if (shown < missing.size()) note += " and " + std::to_string(missing.size() - shown) + " more";
  return note + " missing; the counts are partial";
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

// A run with only history.edn: the diagnosis the history supports, nothing else.
int report_history_only(const Options& options) {
  const auto diagnosis = diagnose_run(options.run_dir, {}, ModelSource::history);
  if (options.report_path) write_timeline(*options.report_path, diagnosis, std::nullopt);
  if (options.json) {
    std::cout << (diagnosis ? diagnosis_json(diagnosis->diagnosis) : "{}") << "\n";
  } else if (diagnosis && !diagnosis->diagnosis.values.empty()) {
    print_diagnosis(std::cout, diagnosis->diagnosis, diagnosis->header, options.detail);
  } else {
    std::cout << options.run_dir << ": no net journal or traces; no value lost or unread\n";
  }
  if (options.report_path && !options.json) {
    std::cout << "\nreport written to " << *options.report_path << "\n";
  }
  return 0;
}

int print_node_state(const std::vector<trace::NodeTrace>& traces, const Options& options) {
  for (const auto& node_trace : traces) {
    if (node_trace.node != *options.node) continue;
    const std::size_t until = options.until.value_or(node_trace.inputs.size());
    const runtime::Host core = trace::core_after(node_trace, until);
    std::cout << node_trace.node << " after input " << until << " of " << node_trace.inputs.size();
    if (until > 0) {
      const trace::TraceInput& input = node_trace.inputs[until - 1];
      std::cout << " (log line " << input.log_line << ", "
                << (input.kind == trace::TraceInput::Kind::tick ? "#tick " : "#in ") << input.now_ms
                << ")";
    }
    std::cout << "\n";
    trace::print_state(std::cout, core.state());
    return 0;
  }
  std::cerr << "rumor replay: no rumor trace for node " << *options.node << " in "
            << options.run_dir << "/node-logs\n";
  return kExitBadArguments;
}

// The diagnosis of the verdict's lost values (a failure to diagnose is a warning, not an
// error), the --report page, and the diagram: beside the report unless --diagram says where.
std::pair<std::optional<RunDiagnosis>, std::optional<std::string>> diagnose_and_draw(
    const Options& options, bool has_journal, const std::vector<trace::NodeTrace>& traces,
    const std::vector<Event>& events, const std::optional<HistorySummary>& history) {
  std::optional<RunDiagnosis> diagnosis;
  try {
    const bool journal = has_journal || traces.empty();
    diagnosis = diagnose_run(options.run_dir, journal ? events : events_from_traces(traces),
                             journal ? ModelSource::net_journal : ModelSource::traces);
  } catch (const std::exception& error) {
    if (options.report_path) throw;
    std::cerr << "rumor replay: no diagnosis: " << error.what() << "\n";
  }
  const std::optional<std::string> diagram_path =
      options.diagram_path || !options.report_path || !has_journal
          ? options.diagram_path
          : std::optional<std::string>(sibling_diagram_path(*options.report_path));
  if (options.report_path) write_timeline(*options.report_path, diagnosis, diagram_path);
  if (diagram_path) {
    if (!has_journal)
      throw std::runtime_error("--diagram needs a message journal (net-journal/ or journal.jsonl)");
    write_diagram(*diagram_path, events, history, options);
  }
  return {diagnosis, diagram_path};
}

// What report_run found, for printing as JSON or as text.
struct Findings {
  RunReport report;
  std::vector<trace::NodeRerun> reruns;
  std::size_t divergences = 0;
  bool has_journal = false;
  std::vector<std::int64_t> missing_chunks;
  std::string missing_note;
  std::optional<Explanation> explanation;
  std::optional<trace::TraceExplanation> trace_explanation;
  std::optional<RunDiagnosis> diagnosis;
  std::optional<std::string> diagram_path;
};

void print_json_findings(const Findings& found) {
  RawJsonMembers extra;
  if (!found.reruns.empty()) {
    extra.emplace_back("net-source", found.has_journal ? "\"net-journal\"" : "\"traces\"");
    extra.emplace_back("divergences", std::to_string(found.divergences));
    extra.emplace_back("replay", trace::reruns_json(found.reruns));
  }
  if (found.trace_explanation) {
    extra.emplace_back("explain", trace::trace_explanation_json(*found.trace_explanation));
  }
  if (!found.missing_chunks.empty()) {
    std::string list = "[";
    for (const std::int64_t chunk : found.missing_chunks) {
      list += (list.size() > 1 ? "," : "") + std::to_string(chunk);
    }
    extra.emplace_back("missing-journal-chunks", list + "]");
    extra.emplace_back("partial", "true");
  }
  if (found.diagnosis && !found.diagnosis->diagnosis.values.empty())
    extra.emplace_back("diagnosis", diagnosis_json(found.diagnosis->diagnosis));
  std::cout << json_report(found.report, found.explanation ? &*found.explanation : nullptr, extra)
            << "\n";
}

void print_text_findings(const Findings& found, const Options& options) {
  if (!found.has_journal && !found.reruns.empty()) {
    std::cout << "(no net journal: message counts come from the node traces)\n";
  }
  if (!found.missing_chunks.empty()) std::cout << "(" << found.missing_note << ")\n";
  print_text_report(std::cout, found.report);
  if (!found.reruns.empty()) {
    std::cout << "\n";
    trace::print_rerun_summary(std::cout, found.reruns);
  }
  if (found.explanation) {
    std::cout << "\n";
    print_explanation(std::cout, *found.explanation);
  }
  if (found.trace_explanation) {
    std::cout << "\n";
    trace::print_trace_explanation(std::cout, *found.trace_explanation);
  }
  if (found.diagnosis && !found.diagnosis->diagnosis.values.empty()) {
    std::cout << "\n";
    print_diagnosis(std::cout, found.diagnosis->diagnosis, found.diagnosis->header, options.detail);
  }
  if (options.report_path) std::cout << "\nreport written to " << *options.report_path << "\n";
  if (found.diagram_path) std::cout << "\ndiagram written to " << *found.diagram_path << "\n";
}

// The traffic report (from the journal, else from the traces), the re-run of every trace, and
// the value's path when asked.
int report_run(std::vector<trace::NodeTrace>& traces, const Options& options) {
  Findings found;
  // First, so that hash-captured traces have their (reproduced) outputs for counts and --explain.
  for (auto& node_trace : traces) found.reruns.push_back(trace::rerun_and_fill_outputs(node_trace));
  found.divergences = trace::total_divergences(found.reruns);

  found.has_journal = journal::has_journal(options.run_dir);
  const bool has_journal = found.has_journal;
  const std::optional<HistorySummary> history = scan_history_file(options.run_dir + "/history.edn");
  if (!history) {
    std::cerr << "rumor replay: " << options.run_dir
              << "/history.edn not found: msgs-per-op left out\n";
  }
  const auto op_count = history ? std::optional<std::int64_t>(history->op_count) : std::nullopt;
  std::vector<Event> events;
  // Without traces a missing journal is the error it always was (read_journal says why).
  if (has_journal || traces.empty()) events = read_journal(options.run_dir);
  found.missing_chunks = missing_journal_chunks(options.run_dir);
  found.missing_note = missing_chunks_note(found.missing_chunks);
  if (!found.missing_chunks.empty()) std::cerr << "rumor replay: " << found.missing_note << "\n";
  found.report = has_journal || traces.empty()
                     ? make_report(options.run_dir, events, op_count)
                     : report_from_traces(options.run_dir, traces, op_count);
  if (options.explain_value) {
    if (has_journal || traces.empty()) {
      found.explanation = explain(events, parse_explain_value(*options.explain_value));
    } else {
      const auto value = parse_count(*options.explain_value);
      if (!value) throw std::runtime_error("--explain wants a broadcast value (an integer)");
      found.trace_explanation =
          trace::explain_from_traces(traces, static_cast<core::Value>(*value));
    }
  }
  std::tie(found.diagnosis, found.diagram_path) =
      diagnose_and_draw(options, has_journal, traces, events, history);
  if (options.json) {
    print_json_findings(found);
  } else {
    print_text_findings(found, options);
  }
  if (found.divergences > 0) {
    for (const auto& rerun : found.reruns) {
      if (!rerun.first) continue;
      std::cerr << "rumor replay: " << found.divergences << " inputs did not reproduce; ";
      trace::print_divergence(std::cerr, *rerun.first);
      break;
    }
    return kExitDiverged;
  }
  return 0;
}

}  // namespace

int replay_command(const std::vector<std::string>& args) {
  Options options_value;
  const runtime::cli::Parsed parsed = parse_options(args, options_value);
  if (parsed.help) {
    print_usage(std::cout);
    return 0;
  }
  if (parsed.error) {
    std::cerr << "rumor replay: " << *parsed.error << " (rumor replay --help for usage)\n";
    return kExitBadArguments;
  }
  const Options* options = &options_value;
  try {
    std::vector<trace::NodeTrace> traces = trace::read_run_traces(options->run_dir);
    if (options->state) return print_node_state(traces, *options);
    if (traces.empty() && !journal::has_journal(options->run_dir) &&
        std::filesystem::exists(options->run_dir + "/history.edn")) {
      return report_history_only(*options);
    }
    return report_run(traces, *options);
  } catch (const std::exception& error) {
    std::cerr << "rumor replay: " << error.what() << "\n";
    return kExitCrash;
  }
}

}  // namespace rumor::replay