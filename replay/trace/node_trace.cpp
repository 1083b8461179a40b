#include "replay/trace/node_trace.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <variant>

namespace rumor::replay::trace {
namespace {

namespace trace_format = runtime::trace;

std::runtime_error bad_line(const std::string& node, std::size_t number, const std::string& why) {
  return std::runtime_error(node + ".log line " + std::to_string(number) + ": " + why);
}

// Splits "abc12" into ("abc", 12) for natural ordering; no digits -> (text, -1).
std::pair<std::string, long long> split_number(const std::string& text) {
  std::size_t digits = text.size();
  while (digits > 0 && text[digits - 1] >= '0' && text[digits - 1] <= '9') --digits;
  if (digits == text.size() || text.size() - digits > 18) return {text, -1};
  return {text.substr(0, digits), std::stoll(text.substr(digits))};
}

}  // namespace

bool natural_less(const std::string& a, const std::string& b) {
  return split_number(a) < split_number(b);
}

std::optional<NodeTrace> parse_node_trace(const std::string& text, const std::string& node,
                                          const std::filesystem::path& path) {
  NodeTrace trace;
  trace.node = node;
  trace.path = path;
  bool have_header = false;
  std::size_t number = 0;
  std::size_t begin = 0;
  trace_format::LineReader reader;
  while (begin < text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string::npos) {
      trace.cut_short = true;  // an unfinished last line is not trusted
      break;
    }
    std::string_view line(text.data() + begin, end - begin);
    begin = end + 1;
    ++number;
    const trace_format::Line parsed = reader.parse(line);
    if (const auto* header = std::get_if<trace_format::Header>(&parsed)) {
      if (have_header) throw bad_line(node, number, "a second trace header (node restarted?)");
      trace.header = *header;
      have_header = true;
    } else if (const auto* in = std::get_if<trace_format::In>(&parsed)) {
      if (!have_header) throw bad_line(node, number, "#in before the trace header");
      trace.inputs.push_back(TraceInput{.kind = TraceInput::Kind::line,
                                        .now_ms = in->now_ms,
                                        .line = std::string(in->line),
                                        .outputs = {},
                                        .out_hash = std::nullopt,
                                        .log_line = number});
    } else if (const auto* tick = std::get_if<trace_format::TickIn>(&parsed)) {
      if (!have_header) throw bad_line(node, number, "#tick before the trace header");
      trace.inputs.push_back(TraceInput{.kind = TraceInput::Kind::tick,
                                        .now_ms = tick->now_ms,
                                        .line = {},
                                        .outputs = {},
                                        .out_hash = std::nullopt,
                                        .log_line = number});
    } else if (const auto* out = std::get_if<trace_format::Out>(&parsed)) {
      if (trace.inputs.empty()) throw bad_line(node, number, "#out before any input");
      trace.inputs.back().outputs.emplace_back(out->line);
    } else if (const auto* out_hash = std::get_if<trace_format::OutHash>(&parsed)) {
      if (trace.inputs.empty()) throw bad_line(node, number, "#out-hash before any input");
      trace.inputs.back().out_hash = *out_hash;
    } else if (const auto* bad = std::get_if<trace_format::BadLine>(&parsed)) {
      throw bad_line(node, number, bad->reason);
    }
  }
  if (!have_header) return std::nullopt;
  return trace;
}

std::optional<NodeTrace> read_node_trace(const std::filesystem::path& log_path) {
  std::ifstream in(log_path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + log_path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return parse_node_trace(text.str(), log_path.stem().string(), log_path);
}

std::vector<NodeTrace> read_run_traces(const std::filesystem::path& run_dir) {
  std::vector<NodeTrace> traces;
  const std::filesystem::path logs = run_dir / "node-logs";
  std::error_code error;
  if (!std::filesystem::is_directory(logs, error)) return traces;
  for (const auto& entry : std::filesystem::directory_iterator(logs)) {
    if (entry.path().extension() != ".log") continue;
    if (auto trace = read_node_trace(entry.path())) traces.push_back(std::move(*trace));
  }
  std::sort(traces.begin(), traces.end(),
            [](const NodeTrace& a, const NodeTrace& b) { return natural_less(a.node, b.node); });
  return traces;
}

}  // namespace rumor::replay::trace
