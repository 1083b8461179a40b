// Runs a program through real pipes (posix_spawn, no shell) for the end-to-end tests: feeds it
// stdin, keeps stdin open until `close_stdin_when` holds for the stdout so far (so timers can fire
// and the test waits on the event it needs, never on a wall-clock window) or, without it, for
// `linger`; then closes stdin, collects stdout and stderr, and waits for exit, killing it if the
// deadline passes.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace rumor::testing {

struct ChildResult {
  std::string stdout_text;
  std::string stderr_text;
  int exit_code = -1;      // -1 unless it exited normally
  bool timed_out = false;  // killed at the deadline
};

struct ChildRun {
  std::string program;
  std::vector<std::string> args;
  std::string input;
  std::chrono::milliseconds linger{0};
  std::chrono::milliseconds deadline{10000};
  std::function<bool(std::string_view stdout_so_far)> close_stdin_when{};
};

ChildResult run_child(const ChildRun& run);

}  // namespace rumor::testing
