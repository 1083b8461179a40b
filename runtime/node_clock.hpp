// The node's notion of now: wall-clock epoch milliseconds sampled once at start, plus elapsed
// monotonic time. Nodes in different processes then share one time grid (for batch alignment),
// and time never goes backwards even if the wall clock is stepped.
#pragma once

#include <chrono>
#include <cstdint>

namespace rumor::runtime {

class NodeClock {
 public:
  NodeClock();
  std::int64_t now_ms() const;

 private:
  std::int64_t epoch_ms_at_start_;
  std::chrono::steady_clock::time_point steady_at_start_;
};

}  // namespace rumor::runtime
