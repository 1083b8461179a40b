#include "replay/sim/child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <stdexcept>

extern char** environ;

namespace rumor::replay::sim {
namespace {

constexpr std::size_t read_chunk_bytes = 64 * 1024;

struct Pipe {
  int read = -1;
  int write = -1;
};

Pipe make_pipe() {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    throw std::runtime_error(std::string("cannot create a pipe: ") + std::strerror(errno));
  }
  return Pipe{fds[0], fds[1]};
}

void set_non_blocking(int fd) { ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK); }

int exit_status_of(int wait_status) {
  if (WIFEXITED(wait_status)) return WEXITSTATUS(wait_status);
  if (WIFSIGNALED(wait_status)) return 128 + WTERMSIG(wait_status);
  return -1;
}

// In the forked child: only async-signal-safe calls until exec. Blocks on the gate, execs, and
// on failure reports errno through `report_fd` (closed by a successful exec: O_CLOEXEC).
[[noreturn]] void exec_child(int stdin_fd, int stdout_fd, int stderr_fd, const StartGate& gate,
                             int report_fd, const char* program, char* const argv[]) {
  // rumor ignores SIGPIPE (see replay/main.cpp); an ignored signal survives exec, and a node must
  // start with the default disposition it would have under Maelstrom.
  ::signal(SIGPIPE, SIG_DFL);
  ::dup2(stdin_fd, 0);
  ::dup2(stdout_fd, 1);
  ::dup2(stderr_fd, 2);
  if (::chdir("/tmp") != 0) {
    // Maelstrom runs nodes in its temp dir; elsewhere the node still starts.
  }
  ::close(gate.release_fd());  // else this child would hold the gate open itself
  char byte = 1;
  while (::write(gate.ready_fd(), &byte, 1) < 0 && errno == EINTR) {
  }
  while (::read(gate.wait_fd(), &byte, 1) < 0 && errno == EINTR) {
  }
  // When this child left the gate (the parent may be scheduled much later on a busy host).
  timespec now{};
  ::clock_gettime(CLOCK_MONOTONIC, &now);
  const std::int64_t exec_ns = std::int64_t{now.tv_sec} * 1'000'000'000 + now.tv_nsec;
  if (::write(report_fd, &exec_ns, sizeof exec_ns) < 0) {
    // The parent then knows only that the exec happened.
  }
  ::execve(program, argv, environ);
  const int error = errno;
  if (::write(report_fd, &error, sizeof error) < 0) {
    // Nothing left to tell the parent with.
  }
  ::_exit(127);
}

}  // namespace

StartGate::StartGate() {
  const Pipe gate = make_pipe();
  wait_fd_ = gate.read;
  release_fd_ = gate.write;
  const Pipe ready = make_pipe();
  ready_read_fd_ = ready.read;
  ready_write_fd_ = ready.write;
}

StartGate::~StartGate() {
  release(0);
  for (const int fd : {wait_fd_, ready_read_fd_, ready_write_fd_}) {
    if (fd >= 0) ::close(fd);
  }
}

std::chrono::steady_clock::time_point StartGate::release(std::size_t children) {
  constexpr int park_timeout_ms = 10'000;
  std::size_t parked = 0;
  char bytes[256];
  while (parked < children && release_fd_ >= 0) {
    pollfd ready{ready_read_fd_, POLLIN, 0};
    if (::poll(&ready, 1, park_timeout_ms) <= 0) break;  // open anyway rather than hang
    const ssize_t count = ::read(ready_read_fd_, bytes, sizeof bytes);
    if (count <= 0 && errno != EINTR) break;
    if (count > 0) parked += static_cast<std::size_t>(count);
  }
  // Read before the close: the children it wakes may keep this process off the CPU for a while.
  const auto released = std::chrono::steady_clock::now();
  if (release_fd_ >= 0) ::close(release_fd_);
  release_fd_ = -1;
  return released;
}

ChildProcess::ChildProcess(const std::string& program, const std::vector<std::string>& args,
                           const std::string& stderr_path, const StartGate& gate)
    : program_(program) {
  const Pipe input = make_pipe();
  const Pipe output = make_pipe();
  const Pipe report = make_pipe();
  const int log_fd = ::open(stderr_path.empty() ? "/dev/null" : stderr_path.c_str(),
                            O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (log_fd < 0) {
    throw std::runtime_error("cannot open " + stderr_path + ": " + std::strerror(errno));
  }
  std::vector<std::string> argv_strings{program};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& arg : argv_strings) argv.push_back(arg.data());
  argv.push_back(nullptr);
  pid_ = ::fork();
  if (pid_ == 0) {
    exec_child(input.read, output.write, log_fd, gate, report.write, program.c_str(), argv.data());
  }
  const int fork_error = errno;
  for (const int fd : {input.read, output.write, log_fd, report.write}) ::close(fd);
  if (pid_ < 0) {
    for (const int fd : {input.write, output.read, report.read}) ::close(fd);
    throw std::runtime_error("cannot start " + program + ": " + std::strerror(fork_error));
  }
  stdin_fd_ = input.write;
  stdout_fd_ = output.read;
  exec_report_fd_ = report.read;
  set_non_blocking(stdin_fd_);
  set_non_blocking(stdout_fd_);
  set_non_blocking(exec_report_fd_);
}

bool ChildProcess::exec_done() {
  if (exec_report_fd_ < 0) return true;
  char bytes[16];
  for (;;) {
    const ssize_t count = ::read(exec_report_fd_, bytes, sizeof bytes);
    if (count > 0) {
      exec_report_.append(bytes, static_cast<std::size_t>(count));
      continue;
    }
    if (count < 0 && (errno == EAGAIN || errno == EINTR)) return false;
    break;  // end of file: the exec happened, or the child reported why it failed
  }
  ::close(exec_report_fd_);
  exec_report_fd_ = -1;
  std::int64_t exec_ns = 0;
  if (exec_report_.size() >= sizeof exec_ns) {
    std::memcpy(&exec_ns, exec_report_.data(), sizeof exec_ns);
    exec_started_ns_ = exec_ns;
  }
  int error = 0;
  if (exec_report_.size() >= sizeof exec_ns + sizeof error) {
    std::memcpy(&error, exec_report_.data() + sizeof exec_ns, sizeof error);
    throw std::runtime_error("cannot start " + program_ + ": " + std::strerror(error));
  }
  return true;
}

ChildProcess::~ChildProcess() {
  kill_and_reap();
  if (stdin_fd_ >= 0) ::close(stdin_fd_);
  if (stdout_fd_ >= 0) ::close(stdout_fd_);
  if (exec_report_fd_ >= 0) ::close(exec_report_fd_);
}

void ChildProcess::write(std::string_view bytes) {
  if (input_broken_) return;
  pending_input_.append(bytes);
  flush();
}

void ChildProcess::flush() {
  std::size_t done = 0;
  while (done < pending_input_.size()) {
    const ssize_t written =
        ::write(stdin_fd_, pending_input_.data() + done, pending_input_.size() - done);
    if (written < 0) {
      if (errno == EINTR) continue;
      if (errno != EAGAIN) {  // EPIPE: the process is gone; what it would have read is lost
        input_broken_ = true;
        done = pending_input_.size();
      }
      break;
    }
    done += static_cast<std::size_t>(written);
  }
  pending_input_.erase(0, done);
}

bool ChildProcess::read_available(std::string& into) {
  char chunk[read_chunk_bytes];
  while (true) {
    const ssize_t count = ::read(stdout_fd_, chunk, sizeof chunk);
    if (count > 0) {
      into.append(chunk, static_cast<std::size_t>(count));
      continue;
    }
    if (count == 0) return false;
    if (errno == EINTR) continue;
    return errno == EAGAIN;
  }
}

std::optional<int> ChildProcess::poll_exit() {
  if (exit_status_ || pid_ < 0) return exit_status_;
  int status = 0;
  if (::waitpid(pid_, &status, WNOHANG) == pid_) exit_status_ = exit_status_of(status);
  return exit_status_;
}

std::optional<int> ChildProcess::kill_and_reap() {
  if (pid_ < 0) return exit_status_;
  const std::optional<int> before = poll_exit();
  if (!before) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    exit_status_ = exit_status_of(status);
  }
  pid_ = -1;
  return before;
}

}  // namespace rumor::replay::sim
