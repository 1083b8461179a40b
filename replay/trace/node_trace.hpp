// A node's rumor trace (runtime/trace_format.hpp) read back from its log: the header, then every
// input it stepped with the outputs it wrote, and where each came from in the log file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "runtime/trace_format.hpp"

namespace rumor::replay::trace {

struct TraceInput {
  enum class Kind { line, tick };
  Kind kind = Kind::tick;
  std::int64_t now_ms = 0;
  std::string line;                  // the received line (Kind::line)
  std::vector<std::string> outputs;  // the #out lines that followed, without the prefix
  std::optional<runtime::trace::OutHash> out_hash;  // hash capture: the #out-hash line
  std::size_t log_line = 0;                         // 1-based line of the #in / #tick in the log
};

struct NodeTrace {
  std::string node;  // from the file name: node-logs/n3.log -> n3
  std::filesystem::path path;
  runtime::trace::Header header;
  std::vector<TraceInput> inputs;
  // The log ended inside a line (the process was killed mid-write): the last input's outputs
  // may be incomplete, so replay compares only the ones recorded.
  bool cut_short = false;
};

// nullopt when the text holds no trace header (a free-form log of some other node). Throws
// std::runtime_error on a malformed trace (the message names the line).
std::optional<NodeTrace> parse_node_trace(const std::string& text, const std::string& node,
                                          const std::filesystem::path& path = {});
std::optional<NodeTrace> read_node_trace(const std::filesystem::path& log_path);

// Every node-logs/*.log of a run directory that holds a trace, in natural node order (n2 < n10).
std::vector<NodeTrace> read_run_traces(const std::filesystem::path& run_dir);

// True if a's numeric suffix order puts it first: n2 < n10.
bool natural_less(const std::string& a, const std::string& b);

}  // namespace rumor::replay::trace
