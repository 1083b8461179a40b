#include "runtime/node_loop.hpp"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <exception>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "core/codec.hpp"
#include "core/state.hpp"
#include "core/step.hpp"
#include "runtime/line_buffer.hpp"
#include "runtime/node_clock.hpp"

namespace rumor::runtime {
namespace {

constexpr std::size_t read_chunk_bytes = 256 * 1024;
constexpr int exit_code_invariant_violation = 3;
constexpr std::size_t output_flush_bytes = 256 * 1024;

// Thrown when stdout cannot be written mid-batch; ends the loop with exit code 1.
struct OutputClosed {};
constexpr std::size_t logged_line_bytes_max = 300;  // long junk lines are cut in the log

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

std::string truncated_for_log(std::string_view line) {
  if (line.size() <= logged_line_bytes_max) return std::string(line);
  return std::string(line.substr(0, logged_line_bytes_max)) + "... (" +
         std::to_string(line.size()) + " bytes)";
}

bool is_blank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

// Ticks fall on multiples of tick_ms of the shared time grid, so all nodes tick together.
std::int64_t next_tick_after(std::int64_t now_ms, std::int64_t tick_ms) {
  return (now_ms / tick_ms + 1) * tick_ms;
}

class NodeLoop {
 public:
  NodeLoop(const Options& options, NodeFds fds)
      : options_(options),
        fds_(fds),
        state_(core::make_state(options.profile, options.seed)),
        next_tick_ms_(next_tick_after(clock_.now_ms(), options.tick_ms)) {}

  int run();
  // Writes what earlier inputs produced, reports the broken invariant and gives the exit code.
  int stop_on_violation(const core::InvariantViolation& violation);

 private:
  void handle_line(std::string_view line, std::int64_t now_ms);
  void tick_if_due();
  void step(const core::Input& input);
  bool flush();
  void log(std::string_view text);

  Options options_;
  NodeFds fds_;
  NodeClock clock_;
  core::State state_;
  std::int64_t next_tick_ms_;
  LineBuffer lines_;
  std::string out_;  // encoded messages waiting for the next flush
  std::string log_;  // stderr lines waiting for the next flush
};

void NodeLoop::log(std::string_view text) {
  log_ += "rumor-node: ";
  log_ += text;
  log_ += '\n';
}

void NodeLoop::step(const core::Input& input) {
  try {
    core::StepResult result = core::step(std::move(state_), input);
    state_ = std::move(result.state);
    for (const core::Message& message : result.output.messages) {
      core::encode_append(message, out_);
      out_ += '\n';
    }
    for (const std::string& line : result.output.log_lines) {
      log_ += line;
      log_ += '\n';
    }
    // Still one write per many messages, but the buffer stays small enough to stay in cache.
    if (out_.size() >= output_flush_bytes && !flush()) throw OutputClosed{};
  } catch (const core::InvariantViolation&) {
    throw;  // a bug in the core: fatal, see run_node_loop
  } catch (const std::exception& error) {
    // step() took the state by value, so it is gone; a fresh node answers "not initialised"
    // instead of crashing, which would abort the whole Maelstrom run.
    log(std::string("core step threw (state reset): ") + error.what());
    state_ = core::make_state(options_.profile, options_.seed);
  }
}

void NodeLoop::handle_line(std::string_view line, std::int64_t now_ms) {
  if (is_blank(line)) return;
  try {
    auto decoded = core::decode(line);
    if (auto* error = std::get_if<core::DecodeError>(&decoded)) {
      log("skipped line (" + error->reason + "): " + truncated_for_log(line));
      return;
    }
    step(core::Received{std::get<core::Message>(std::move(decoded)), now_ms});
  } catch (const core::InvariantViolation&) {
    throw;
  } catch (const std::exception& error) {
    log(std::string("skipped line (") + error.what() + "): " + truncated_for_log(line));
  }
}

void NodeLoop::tick_if_due() {
  const std::int64_t now_ms = clock_.now_ms();
  if (now_ms < next_tick_ms_) return;
  step(core::Tick{now_ms});
  next_tick_ms_ = next_tick_after(now_ms, options_.tick_ms);
}

bool NodeLoop::flush() {
  const bool written = write_all(fds_.output, out_);
  out_.clear();
  if (!written) log(std::string("cannot write stdout: ") + std::strerror(errno));
  // Logging is best effort: a full or closed stderr must not stop the node.
  (void)write_all(fds_.log, log_);
  log_.clear();
  return written;
}

int NodeLoop::stop_on_violation(const core::InvariantViolation& violation) {
  log(std::string("core invariant violated, stopping: ") + violation.what());
  flush();
  return exit_code_invariant_violation;
}

int NodeLoop::run() {
  std::string chunk(read_chunk_bytes, '\0');
  while (true) {
    tick_if_due();
    if (!flush()) return 1;

    pollfd input{fds_.input, POLLIN, 0};
    const std::int64_t wait_ms = std::max<std::int64_t>(0, next_tick_ms_ - clock_.now_ms());
    const int ready = ::poll(&input, 1, static_cast<int>(std::min<std::int64_t>(wait_ms, 1000)));
    if (ready < 0 && errno != EINTR) {
      log(std::string("cannot poll stdin: ") + std::strerror(errno));
      flush();
      return 1;
    }
    if (ready <= 0) continue;

    const ssize_t count = ::read(fds_.input, chunk.data(), chunk.size());
    if (count < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      log(std::string("cannot read stdin: ") + std::strerror(errno));
      flush();
      return 1;
    }
    const std::int64_t now_ms = clock_.now_ms();  // lines read together arrived together
    if (count == 0) {
      // End of input: a final line without '\n' is still a whole message.
      lines_.for_each_line([&](std::string_view line) { handle_line(line, now_ms); });
      handle_line(lines_.take_rest(), now_ms);
      return flush() ? 0 : 1;
    }
    lines_.append(std::string_view(chunk.data(), static_cast<std::size_t>(count)));
    lines_.for_each_line([&](std::string_view line) { handle_line(line, now_ms); });
    if (lines_.take_overflow()) log("skipped a line longer than the line limit");
  }
}

}  // namespace

int run_node_loop(const Options& options, NodeFds fds) {
  NodeLoop loop(options, fds);
  try {
    return loop.run();
  } catch (const OutputClosed&) {
    return 1;
  } catch (const core::InvariantViolation& violation) {
    return loop.stop_on_violation(violation);
  }
}

}  // namespace rumor::runtime
