// The fuzzer's own faulty network between nodes (clients are never faulted): latency per
// message, and while fault windows are active, loss, duplication, extra delay (reordering) and
// partitions. Every fate is a hash of (seed, window id, link, the link's message number), so the
// same schedule always gives the same fates, whatever else changed in the run.
#pragma once

#include <cstdint>
#include <vector>

#include "replay/fuzz/schedule.hpp"

namespace rumor::replay::fuzz {

// What happens to one node-to-node send: delivered after each of delays_ms (none: lost; two:
// duplicated).
struct Fate {
  std::vector<std::int64_t> delays_ms;
  bool partitioned = false;  // lost to a partition rather than to a loss window
};

class FaultNetwork {
 public:
  explicit FaultNetwork(const Schedule& schedule);

  // The fate of the next message from `from` to `to`, sent at global time now_ms.
  Fate send(int from, int to, std::int64_t now_ms);

  // A partition cuts from -> to at now_ms (also checked at delivery time).
  bool cut(int from, int to, std::int64_t now_ms) const;

 private:
  std::int64_t latency_ms(std::uint64_t draw) const;

  std::uint64_t seed_;
  int nodes_;
  Latency latency_;
  std::vector<std::pair<std::uint32_t, LinkFault>> faults_;  // (event id, window)
  std::vector<Partition> partitions_;
  std::vector<std::uint64_t> link_sequence_;  // per (from, to)
};

}  // namespace rumor::replay::fuzz
