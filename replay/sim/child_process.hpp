// One node process of `rumor test --bin` (Maelstrom's doc/protocol.md): forked, then blocked on a
// StartGate until every node of the test is forked, then exec'd in /tmp (as Maelstrom's JVM temp
// dir), stdin and stdout on non-blocking pipes, stderr straight into its node log file. Killed
// (SIGKILL, as Maelstrom's teardown) when destroyed.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rumor::replay::sim {

// Holds forked children before exec so that all start together, as Maelstrom starts its nodes
// from parallel threads: spawning one after another spreads their start (and the phases of any
// timers they start then) over tens of ms. Each child says it is parked (a byte on the ready
// pipe), then blocks reading the gate's pipe; release() waits until every child is parked (a
// freshly forked child may not have run yet on a busy host) and closes the write end, so every
// read returns at once.
class StartGate {
 public:
  StartGate();
  ~StartGate();
  StartGate(const StartGate&) = delete;
  StartGate& operator=(const StartGate&) = delete;

  int wait_fd() const { return wait_fd_; }
  int release_fd() const { return release_fd_; }
  int ready_fd() const { return ready_write_fd_; }
  // Waits (at most 10 s) until `children` children are parked, then opens the gate; returns
  // when it opened.
  std::chrono::steady_clock::time_point release(std::size_t children);

 private:
  int wait_fd_ = -1;
  int release_fd_ = -1;
  int ready_read_fd_ = -1;
  int ready_write_fd_ = -1;
};

class ChildProcess {
 public:
  // Forks; the child waits for `gate` to open, then execs the program. Throws
  // std::runtime_error when a pipe, the log or the fork fails. `stderr_path` empty: /dev/null.
  ChildProcess(const std::string& program, const std::vector<std::string>& args,
               const std::string& stderr_path, const StartGate& gate);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  int stdin_fd() const { return stdin_fd_; }
  int stdout_fd() const { return stdout_fd_; }

  // After the gate opened: whether the exec has happened yet (false while the child is still
  // between the gate and its exec). Throws std::runtime_error ("cannot start PROGRAM: why")
  // when the exec failed.
  bool exec_done();
  int exec_report_fd() const { return exec_report_fd_; }  // -1 once the exec is known done
  // CLOCK_MONOTONIC (steady_clock) ns at which the child left the gate for its exec, once known.
  std::optional<std::int64_t> exec_started_ns() const { return exec_started_ns_; }

  // Queues bytes for stdin and writes what the pipe takes now; the rest waits for flush().
  void write(std::string_view bytes);
  void flush();
  bool has_pending_input() const { return !pending_input_.empty(); }

  // Reads what stdout has; false once it reached end of file (the process closed it or died).
  bool read_available(std::string& into);

  // The exit status if the process has ended (128 + signal for a signal, like Java's exitValue).
  std::optional<int> poll_exit();
  // SIGKILL and reap; the exit status it had before, if it had already ended by itself.
  std::optional<int> kill_and_reap();

 private:
  std::string program_;
  pid_t pid_ = -1;
  // Carries the time the child left the gate, then closes at a successful exec or carries errno.
  int exec_report_fd_ = -1;
  std::string exec_report_;
  std::optional<std::int64_t> exec_started_ns_;
  int stdin_fd_ = -1;
  int stdout_fd_ = -1;
  std::string pending_input_;
  std::optional<int> exit_status_;
  bool input_broken_ = false;  // the process closed stdin: further input is dropped
};

}  // namespace rumor::replay::sim
