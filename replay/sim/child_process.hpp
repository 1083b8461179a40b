// One node process of `rumor test --bin` (spec §1): launched with posix_spawn in /tmp (as
// Maelstrom's JVM temp dir), stdin and stdout on non-blocking pipes, stderr straight into its
// node log file. Killed (SIGKILL, as Maelstrom's teardown) when destroyed.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

namespace rumor::sim {

class ChildProcess {
 public:
  // Throws std::runtime_error when the program cannot be started. `stderr_path` empty: /dev/null.
  ChildProcess(const std::string& program, const std::vector<std::string>& args,
               const std::string& stderr_path);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  int stdin_fd() const { return stdin_fd_; }
  int stdout_fd() const { return stdout_fd_; }

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
  pid_t pid_ = -1;
  int stdin_fd_ = -1;
  int stdout_fd_ = -1;
  std::string pending_input_;
  std::optional<int> exit_status_;
  bool input_broken_ = false;  // the process closed stdin: further input is dropped
};

}  // namespace rumor::sim
