// What rumor-node does with one input, apart from any I/O: decode a received line (skipping
// blank and undecodable ones), step the core, encode the outputs. Shared by the stdio loop and by
// `rumor replay`, so a replayed trace goes through exactly the code the node ran.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/state.hpp"
#include "core/step.hpp"
#include "runtime/options.hpp"

namespace rumor::runtime {

class NodeCore {
 public:
  explicit NodeCore(const Options& options);

  // Steps on one received line (without its '\n'). Appends each output message as one JSON line
  // ('\n'-terminated) to `out` and log lines to `log`; returns the number of messages.
  // Bad input never throws: an undecodable line is logged and skipped, a bad request answered.
  // Anything that does throw (core::InvariantViolation, std::bad_alloc) is not about the input
  // and leaves this NodeCore without a state: the caller must stop using it. `out` then holds
  // only whole lines, none of the failed step's.
  std::size_t receive_line(std::string_view line, std::int64_t now_ms, std::string& out,
                           std::string& log);
  std::size_t tick(std::int64_t now_ms, std::string& out, std::string& log);

  const core::State& state() const { return state_; }

  // Lines the node ignores without decoding (and without recording them in its trace).
  static bool is_blank(std::string_view line);

 private:
  std::size_t step(const core::Input& input, std::string& out, std::string& log);

  core::State state_;
  std::string encoded_;  // the current step's output lines, before they join `out`
};

// Appends "rumor-node: <text>\n", the prefix of the runtime's own log lines, with the text's
// control characters escaped (core/log_text.hpp).
void append_log_line(std::string& log, std::string_view text);

}  // namespace rumor::runtime
