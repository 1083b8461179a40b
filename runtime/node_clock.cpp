#include "runtime/node_clock.hpp"

namespace rumor::runtime {

NodeClock::NodeClock()
    : epoch_ms_at_start_(std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count()),
      steady_at_start_(std::chrono::steady_clock::now()) {}

std::int64_t NodeClock::now_ms() const {
  const auto elapsed = std::chrono::steady_clock::now() - steady_at_start_;
  return epoch_ms_at_start_ +
         std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count();
}

}  // namespace rumor::runtime
