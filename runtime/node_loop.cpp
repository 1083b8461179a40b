#include "runtime/node_loop.hpp"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <exception>
#include <new>
#include <optional>
#include <string>
#include <string_view>

#include "core/profile.hpp"
#include "core/state.hpp"
#include "core/step.hpp"
#include "runtime/host.hpp"
#include "runtime/line_buffer.hpp"
#include "runtime/node_clock.hpp"
#include "runtime/tick_grid.hpp"
#include "runtime/trace_format.hpp"

#ifndef RUMOR_VERSION
#define RUMOR_VERSION "unknown"
#endif

namespace rumor::runtime {
namespace {

constexpr std::size_t read_chunk_bytes = 256 * 1024;
constexpr int exit_code_invariant_violation = 3;
constexpr int exit_code_internal_failure = 4;
constexpr std::size_t output_flush_bytes = 256 * 1024;

// Thrown when stdout cannot be written mid-batch; ends the loop with exit code 1.
struct OutputClosed {};
// Thrown when the host failed (host.hpp); ends the loop with the failure's exit code.
struct NodeFailed {};

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

trace::Header trace_header(const Options& options) {
  return trace::Header{
      .program = "rumor-node",
      .version = RUMOR_VERSION,
      .settings = {{"capture", options.capture == trace::Capture::full ? "full" : "hash"},
                   {"profile", options.profile.name},
                   {"seed", std::to_string(options.seed)},
                   {"tick-ms", std::to_string(options.tick_ms)}},
      .args = options.args};
}

HostOptions host_options(const Options& options) {
  HostOptions host_options;
  host_options.capture = options.capture;
  host_options.header = trace_header(options);
  return host_options;
}

class NodeLoop {
 public:
  NodeLoop(const Options& options, NodeFds fds)
      : options_(options),
        fds_(fds),
        host_(core::make_state(options.profile, options.seed), host_options(options)) {
    if (options_.capture != trace::Capture::off) {
      host_.log().reserve(2 * read_chunk_bytes);  // a read chunk's #in lines, without regrowing
    }
  }

  int run();
  // Writes what earlier inputs produced (whole lines: a failed step adds none), reports why the
  // node stops and returns `exit_code`. Never resets the core to go on.
  int stop(std::string_view why, const char* detail, int exit_code);
  const std::optional<HostFailure>& failure() const { return host_.failure(); }

 private:
  void handle_line(std::string_view line, std::int64_t now_ms);
  void tick_if_due();
  void after_step();
  bool flush();
  std::string& log() { return host_.log(); }

  Options options_;
  NodeFds fds_;
  NodeClock clock_;
  Host host_;
  std::optional<std::int64_t> next_tick_ms_;  // none: no timer runs, sleep until input
  std::optional<std::int64_t> last_tick_ms_;
  LineBuffer lines_;
  std::string out_;  // encoded messages waiting for the next flush
};

// Stops on a failed host; schedules the next tick (timers as outputs: the core says when it next
// needs one, and the node sleeps until then); keeps the output buffer small enough to stay in
// cache (still one write per many messages).
void NodeLoop::after_step() {
  if (host_.failed()) throw NodeFailed{};
  // Ticks fall on multiples of tick_ms of the epoch clock, one grid for every node (tick_grid.hpp).
  next_tick_ms_ = next_tick(TickGrid{.phase = 0, .period = options_.tick_ms}, host_.wake_at_ms(), 0,
                            last_tick_ms_);
  if (out_.size() >= output_flush_bytes && !flush()) throw OutputClosed{};
}

void NodeLoop::handle_line(std::string_view line, std::int64_t now_ms) {
  if (Host::is_blank(line)) return;
  host_.receive_line(line, now_ms, out_);
  after_step();
}

void NodeLoop::tick_if_due() {
  const std::int64_t now_ms = clock_.now_ms();
  if (!next_tick_ms_ || now_ms < *next_tick_ms_) return;
  last_tick_ms_ = now_ms;
  host_.tick(now_ms, out_);
  after_step();
}

bool NodeLoop::flush() {
  // stderr first: if the process is killed between the two writes (Maelstrom force-kills at
  // teardown), the trace may hold outputs stdout lacks, never the reverse, so it still replays.
  // Logging is best effort: a full or closed stderr must not stop the node.
  (void)write_all(fds_.log, log());
  log().clear();
  const bool written = write_all(fds_.output, out_);
  out_.clear();
  if (!written) {
    append_log_line(log(), std::string("cannot write stdout: ") + std::strerror(errno));
    (void)write_all(fds_.log, log());
    log().clear();
  }
  return written;
}

int NodeLoop::stop(std::string_view why, const char* detail, int exit_code) {
  try {
    append_log_line(log(), std::string(why) + detail);
  } catch (const std::bad_alloc&) {
    static constexpr std::string_view out_of_memory = "rumor-node: out of memory, stopping\n";
    (void)write_all(fds_.log, log());  // whatever fits is better than nothing
    log().clear();
    (void)write_all(fds_.log, out_of_memory);
  }
  flush();
  return exit_code;
}

int NodeLoop::run() {
  std::string chunk(read_chunk_bytes, '\0');
  while (true) {
    tick_if_due();
    if (!flush()) return 1;

    pollfd input{fds_.input, POLLIN, 0};
    int timeout_ms = -1;  // no timer: only input can give the core something to do
    if (next_tick_ms_) {
      const std::int64_t wait_ms = std::max<std::int64_t>(0, *next_tick_ms_ - clock_.now_ms());
      timeout_ms = static_cast<int>(std::min<std::int64_t>(wait_ms, 1000));
    }
    const int ready = ::poll(&input, 1, timeout_ms);
    if (ready < 0 && errno != EINTR) {
      append_log_line(log(), std::string("cannot poll stdin: ") + std::strerror(errno));
      flush();
      return 1;
    }
    if (ready <= 0) continue;

    const ssize_t count = ::read(fds_.input, chunk.data(), chunk.size());
    if (count < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      append_log_line(log(), std::string("cannot read stdin: ") + std::strerror(errno));
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
    if (lines_.take_overflow()) append_log_line(log(), "skipped a line longer than the line limit");
  }
}

}  // namespace

int run_node_loop(const Options& options, NodeFds fds) {
  NodeLoop loop(options, fds);
  try {
    return loop.run();
  } catch (const OutputClosed&) {
    return 1;
  } catch (const NodeFailed&) {
    // The host's failure policy (host.hpp): the state is gone with the failed step, so the node
    // stops, loudly, with the exit code that says why.
    const HostFailure& failure = *loop.failure();
    if (failure.kind == HostFailure::Kind::invariant_violation) {
      return loop.stop("core invariant violated, stopping: ", failure.reason.c_str(),
                       exit_code_invariant_violation);
    }
    return loop.stop("internal failure, stopping: ", failure.reason.c_str(),
                     exit_code_internal_failure);
  } catch (const std::exception& failure) {
    // Outside a step (reading or buffering lines): most likely std::bad_alloc.
    return loop.stop("internal failure, stopping: ", failure.what(), exit_code_internal_failure);
  }
}

}  // namespace rumor::runtime
