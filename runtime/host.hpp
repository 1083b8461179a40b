// The host: the one place a node's core is stepped. It decodes what the node receives, steps the
// core, encodes what it sends and records the rumor trace (runtime/trace_format.hpp), with one
// policy for failures. rumor-node, `rumor replay`'s re-run, the simulators of `rumor test` and
// `rumor fuzz`, and the tests all step through it, so they cannot disagree on any of that.
//
// Two entry levels. Line level (rumor-node, `rumor replay`, the node fuzz target): lines in,
// '\n'-terminated JSON lines out. Message level (the simulators, which skip JSON for speed):
// core::Message in, core::Output out; the trace still records the lines a process would have
// read and written.
//
// The failure policy, as data: bad input never throws (an undecodable line is logged and skipped,
// a bad request answered). Anything that does throw inside a step (core::InvariantViolation,
// std::bad_alloc) is not about the input; the host then keeps no state, records the failure and
// ignores every later input. Callers say what a failure means to them: rumor-node exits 3 or 4,
// the simulator marks the node crashed, the fuzzer reports a safety failure, the re-run stops.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/message.hpp"
#include "core/state.hpp"
#include "core/step.hpp"
#include "runtime/trace_format.hpp"

namespace rumor::runtime {

// How the host steps the core: core::step_in_place unless a test substitutes a misbehaving node.
// In place, into the host's own Output, and a plain function pointer: it sits on the simulators'
// hot path, where moving the state in and out of core::step cost more than the step itself.
using StepFunction = void (*)(core::State&, const core::Input&, core::Output&);

struct HostFailure {
  enum class Kind { invariant_violation, internal };
  Kind kind = Kind::internal;
  std::string reason;  // what the exception said
};

struct HostOptions {
  // What of the trace the log records: inputs and every output (full), inputs and a hash per
  // step (hash), or no trace line at all (off).
  trace::Capture capture = trace::Capture::off;
  std::optional<trace::Header> header;  // the log's first line, when capturing
  // The core's log lines (why an input was ignored) join the log; a simulator that stores no
  // logs drops them.
  bool keep_log_lines = true;
  StepFunction step = core::step_in_place;
};

// No trace and no log lines: for hosts whose log nobody reads (re-runs, simulators, tests).
inline HostOptions silent_host_options() {
  HostOptions options;
  options.keep_log_lines = false;
  return options;
}

class Host {
 public:
  Host(core::State initial, HostOptions options);

  // Line level. Steps on one received line (without its '\n'); appends each output message as
  // one JSON line ('\n'-terminated) to `out` and returns how many. A failed step appends
  // nothing, so `out` holds only whole lines of earlier steps.
  std::size_t receive_line(std::string_view line, std::int64_t now_ms, std::string& out);
  std::size_t tick(std::int64_t now_ms, std::string& out);

  // Message level. `network_id` is the id Maelstrom adds to a delivered message's line; it
  // appears only in the trace. Returns the step's output (empty once failed): the host's own
  // buffer, valid until its next step. Callers may move messages out of it; the host clears it
  // at the next step and keeps its capacity, so steady stepping allocates no output vectors.
  core::Output& step(const core::Input& input,
                     std::optional<std::int64_t> network_id = std::nullopt);

  bool failed() const { return failure_.has_value(); }
  const std::optional<HostFailure>& failure() const { return failure_; }
  // Throws std::logic_error once failed: the state went with the failed step. Inline: the
  // fuzzer's oracle reads the state after every step.
  const core::State& state() const {
    if (!state_) throw_no_state();
    return *state_;
  }
  // Hands the state back (for tests that keep a bare core::State between steps); throws
  // std::logic_error once failed.
  core::State release_state() &&;
  // When the core next needs a Tick (core::Output::wake_at_ms of its last step); none once
  // failed.
  std::optional<std::int64_t> wake_at_ms() const { return wake_at_ms_; }

  // The node's stderr text so far: trace lines and log lines. Runners flush and clear it, and
  // may add their own lines (append_log_line).
  std::string& log() { return log_; }
  const std::string& log() const { return log_; }

  // Lines the node ignores without decoding (and without recording them in its trace).
  static bool is_blank(std::string_view line);

 private:
  // Steps the core into output_. On success records the log lines, encodes the outputs into
  // encoded_ when `encode` or when the trace needs them, records them, and returns true; on a
  // throw fails the host, empties output_ and returns false.
  bool step_core(const core::Input& input, bool encode);
  std::size_t step_line(const core::Input& input, std::string& out);
  void fail(const std::exception& error) noexcept;
  [[noreturn]] void throw_no_state() const;

  std::optional<core::State> state_;
  HostOptions options_;
  std::optional<HostFailure> failure_;
  std::optional<std::int64_t> wake_at_ms_;
  std::string log_;
  // Inputs as compact `#i` lines (each needs the previous input's time and dest), or verbatim
  // `#in` lines under full capture (runtime/trace_format.hpp).
  trace::InputWriter trace_inputs_;
  std::string encoded_;  // the current step's output lines
  core::Output output_;  // the current step's output, reused from step to step
};

// Appends "rumor-node: <text>\n", the prefix of the runtime's own log lines, with the text's
// control characters escaped (core/log_text.hpp).
void append_log_line(std::string& log, std::string_view text);

}  // namespace rumor::runtime
