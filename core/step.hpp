// The single entry point of the core: step(state, input) -> (state, outputs). Pure: no I/O, no
// clocks, no globals; time arrives inside the input, randomness only from the seed in the state.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "core/message.hpp"
#include "core/message_list.hpp"
#include "core/state.hpp"

namespace rumor::core {

struct Received {
  Message message;
  std::int64_t now_ms = 0;
};
struct Tick {
  std::int64_t now_ms = 0;
};
using Input = std::variant<Received, Tick>;

// How often runners tick a node unless told otherwise, and the longest period they accept: ticks
// drive retransmission and batching, so a minute is already far too slow to be useful.
inline constexpr std::int64_t tick_ms_default = 10;
inline constexpr std::int64_t tick_ms_max = 60'000;

struct Output {
  MessageList messages;                // to send, in order
  std::vector<std::string> log_lines;  // for stderr: why something was ignored
  // Timers as outputs: the earliest time a Tick could make the node send anything (its batch
  // flushes, ack delays and retransmission deadlines), or nullopt when no timer runs. A time at
  // or before the step's own means "as soon as you can". Hosts wake the core only then; a Tick
  // at any other time is harmless (it finds nothing due), so old traces still replay.
  std::optional<std::int64_t> wake_at_ms;
};

struct StepResult {
  State state;
  Output output;
};

// Thrown by step when one of its invariants breaks (a bug, never bad input): runners must treat it
// as fatal rather than log and go on.
struct InvariantViolation : std::logic_error {
  using std::logic_error::logic_error;
};

StepResult step(State state, const Input& input);

// The same step, in place, for hosts on a hot path: changes `state` and writes the step's output
// into `output`, which it clears first but whose buffers it keeps, so a host that passes the same
// Output every time allocates nothing for it once the buffers have grown. Deterministic and free
// of I/O like step: the same state and input give the same state and output. If it throws, the
// state is unspecified (partly stepped) and must be dropped: the host then fails (see
// runtime/host.hpp) rather than go on from it.
void step_in_place(State& state, const Input& input, Output& output);

}  // namespace rumor::core
