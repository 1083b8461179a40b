// Campaign progress on stderr: a bar redrawn in place on a terminal, plain lines (every few
// seconds) otherwise, so CI logs stay readable.
#pragma once

#include <chrono>
#include <cstdint>
#include <ostream>

namespace rumor::replay::fuzz {

class Progress {
 public:
  Progress(std::ostream& out, bool terminal, std::uint64_t total_runs);

  // Called often; draws only when due.
  void update(std::uint64_t runs_done, std::uint64_t failures);
  void finish(std::uint64_t runs_done, std::uint64_t failures);

 private:
  void draw(std::uint64_t runs_done, std::uint64_t failures);
  double elapsed_s() const;

  std::ostream& out_;
  bool terminal_;
  std::uint64_t total_runs_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace rumor::replay::fuzz
