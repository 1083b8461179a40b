#include "tests/runtime/child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <stdexcept>
#include <string_view>

extern char** environ;

namespace rumor::testing {
namespace {

using Clock = std::chrono::steady_clock;

struct Pipe {
  int read_end = -1;
  int write_end = -1;
};

Pipe make_pipe() {
  std::array<int, 2> fds{};
  if (::pipe2(fds.data(), O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
  return {fds[0], fds[1]};
}

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

pid_t spawn(const ChildRun& run, const Pipe& in, const Pipe& out, const Pipe& err) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in.read_end, 0);
  posix_spawn_file_actions_adddup2(&actions, out.write_end, 1);
  posix_spawn_file_actions_adddup2(&actions, err.write_end, 2);
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(run.program.c_str()));
  for (const std::string& arg : run.args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  // The test ignores SIGPIPE (run_child); the program under test starts with the default, as
  // from a shell, so a program that would die of SIGPIPE does so here too.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF);
  pid_t pid = -1;
  const int error =
      ::posix_spawn(&pid, run.program.c_str(), &actions, &attributes, argv.data(), environ);
  posix_spawnattr_destroy(&attributes);
  posix_spawn_file_actions_destroy(&actions);
  if (error != 0) throw std::runtime_error("posix_spawn " + run.program + " failed");
  return pid;
}

bool drain(int& fd, std::string& into) {
  std::array<char, 65536> chunk{};
  const ssize_t count = ::read(fd, chunk.data(), chunk.size());
  if (count > 0) {
    into.append(chunk.data(), static_cast<std::size_t>(count));
    return true;
  }
  if (count < 0 && errno == EINTR) return true;
  close_fd(fd);
  return false;
}

}  // namespace

ChildResult run_child(const ChildRun& run) {
  // A child that dies early must not kill the test with SIGPIPE while we write its stdin.
  ::signal(SIGPIPE, SIG_IGN);
  Pipe in = make_pipe();
  Pipe out = make_pipe();
  Pipe err = make_pipe();
  const pid_t pid = spawn(run, in, out, err);
  close_fd(in.read_end);
  close_fd(out.write_end);
  close_fd(err.write_end);
  // Non-blocking, so a large input is written in pieces while we keep draining the child's
  // output: a blocking write could wait on a child that waits on us to read.
  ::fcntl(in.write_end, F_SETFL, ::fcntl(in.write_end, F_GETFL) | O_NONBLOCK);

  ChildResult result;
  const auto start = Clock::now();
  const auto deadline = start + run.deadline;
  std::string_view pending = run.input;
  bool input_closed = false;
  while (out.read_end >= 0 || err.read_end >= 0) {
    const auto now = Clock::now();
    if (now >= deadline) {
      result.timed_out = true;
      break;
    }
    const bool done_waiting =
        run.close_stdin_when ? run.close_stdin_when(result.stdout_text) : now >= start + run.linger;
    if (!input_closed && pending.empty() && done_waiting) {
      close_fd(in.write_end);
      input_closed = true;
    }
    std::array<pollfd, 3> fds{pollfd{out.read_end, POLLIN, 0}, pollfd{err.read_end, POLLIN, 0},
                              pollfd{pending.empty() ? -1 : in.write_end, POLLOUT, 0}};
    ::poll(fds.data(), fds.size(), 10);
    if (fds[0].revents != 0) drain(out.read_end, result.stdout_text);
    if (fds[1].revents != 0) drain(err.read_end, result.stderr_text);
    if (fds[2].revents & POLLOUT) {
      const ssize_t written = ::write(in.write_end, pending.data(), pending.size());
      if (written > 0) pending.remove_prefix(static_cast<std::size_t>(written));
      if (written < 0 && errno != EINTR && errno != EAGAIN) pending = {};  // child closed stdin
    } else if (fds[2].revents != 0) {
      pending = {};
    }
  }
  close_fd(in.write_end);
  close_fd(out.read_end);
  close_fd(err.read_end);

  int status = 0;
  while (true) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (result.timed_out || Clock::now() >= deadline) {
      result.timed_out = true;
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      break;
    }
    ::usleep(1000);
  }
  if (!result.timed_out && WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  return result;
}

}  // namespace rumor::testing
