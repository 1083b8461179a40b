// Re-runs a node's core on its recorded inputs, through the same runtime::Host (line level) the
// node ran, and compares every output with what the node wrote, byte for byte.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "replay/trace/node_trace.hpp"
#include "runtime/host.hpp"
#include "runtime/options.hpp"

namespace rumor::replay::trace {

struct Divergence {
  std::string node;
  std::size_t input_number = 0;  // 1-based, counting #in and #tick lines
  TraceInput input;
  std::vector<std::string> expected;  // what the node wrote
  std::vector<std::string> actual;    // what the re-run core writes
  std::string reason;                 // which output differs, or why the re-run stopped
};

struct NodeRerun {
  std::string node;
  std::size_t inputs = 0;           // inputs replayed
  std::size_t outputs = 0;          // outputs compared
  std::size_t divergences = 0;      // inputs whose outputs differ
  std::optional<Divergence> first;  // the first of them
};

// The node's options from its trace header's args (profile, seed). Throws std::runtime_error
// when they are not a command line rumor-node accepts.
runtime::Options options_from_header(const runtime::trace::Header& header);

// Replays every input. After a divergence the replay goes on from the re-run state, so the count
// says whether the difference was one output or the whole rest of the run.
NodeRerun rerun_node(const NodeTrace& trace);
// The same, and where the trace holds only an output hash (hash capture) that the re-run matched,
// fills in the outputs the re-run wrote, which are then exactly what the node wrote: message
// counts and --explain need them.
NodeRerun rerun_and_fill_outputs(NodeTrace& trace);

// The node's host after its first `until` inputs (1-based count; 0 = initial state). Throws
// std::out_of_range when the trace has fewer inputs, std::runtime_error when the re-run failed
// before them (the host's failure, which leaves no state to show).
runtime::Host core_after(const NodeTrace& trace, std::size_t until);

// The outputs of one step as separate lines, from the '\n'-terminated buffer the host fills.
std::vector<std::string> split_lines(const std::string& buffer);

}  // namespace rumor::replay::trace
