// `rumor replay RUN_DIR --explain VALUE` from rumor traces: which inputs brought a broadcast value
// to which node, from whom and when; which nodes passed it on, which showed it in a read, and
// where it stopped. Works without a net journal (process mode, the simulator, real Maelstrom).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "core/message.hpp"
#include "replay/trace/node_trace.hpp"

namespace rumor::replay::trace {

// One recorded input or output that carried the value. Times are ms since the run's first input.
struct Hop {
  std::string node;  // whose trace recorded it
  std::string peer;  // the sender (for an input) or the destination (for an output)
  std::string type;  // body type, e.g. broadcast, gossip, read_ok
  std::int64_t time_ms = 0;
  std::size_t input_number = 0;  // 1-based input of `node` (for an output: the input it answered)
};

struct NaturalOrder {
  bool operator()(const std::string& a, const std::string& b) const { return natural_less(a, b); }
};

struct TraceExplanation {
  core::Value value = 0;
  std::vector<Hop> received;                       // every delivery carrying it, in time order
  std::map<std::string, Hop, NaturalOrder> first;  // node -> the delivery that first brought it
  std::map<std::string, Hop, NaturalOrder> read;   // node -> first read_ok showing it
  std::vector<std::string> never_received;         // nodes whose trace never saw it
  std::vector<std::string> not_forwarded;          // got it, never sent it to another node
  std::size_t forwarded = 0;                       // node-to-node outputs carrying it
};

TraceExplanation explain_from_traces(const std::vector<NodeTrace>& traces, core::Value value);

void print_trace_explanation(std::ostream& out, const TraceExplanation& explanation);

}  // namespace rumor::replay::trace
