// Runs a program through real pipes (posix_spawn, no shell) for the end-to-end tests: feeds it
// stdin, waits `linger_ms` with stdin still open (so timers can fire), closes stdin, collects
// stdout and stderr, and waits for exit, killing it if the deadline passes.
#pragma once

#include <chrono>
#include <string>
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
};

ChildResult run_child(const ChildRun& run);

}  // namespace rumor::testing
