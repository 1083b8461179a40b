// After a long partition heals, every node catches up quickly, and the catch-up traffic is a
// bounded trickle per link, not a burst that grows with the length of the partition.
#include <gtest/gtest.h>

#include <iostream>
#include <map>
#include <set>

#include "cluster_harness.hpp"
#include "core/node_names.hpp"

namespace rumor::core {
namespace {

struct Recovery {
  std::int64_t converge_ms = -1;            // from the heal until every node has every value
  std::size_t per_link_per_second_max = 0;  // messages on one directed link in any 1 s after heal
  std::size_t values_per_message_max = 0;   // the largest batch sent after the heal
};

// 25 nodes, 100 ms latency, a broadcast every 20 ms; a majority split for `partition_ms`.
Recovery partition_then_heal(const std::string& profile, std::int64_t partition_ms) {
  Cluster cluster(25, profile, 11, 0.0, 100, 100);
  std::set<std::string> side;
  for (int i = 0; i < 12; ++i) side.insert(node_name(i * 2));  // the hub n0 included
  cluster.run_for(1000);
  cluster.cut(side);
  Value value = 0;
  for (std::int64_t t = 0; t < partition_ms; t += 20) {
    cluster.broadcast(node_name(value % 25), value);
    ++value;
    cluster.run_for(20);
  }
  cluster.heal();
  const std::int64_t healed_ms = cluster.now_ms();
  const std::size_t sent_before = cluster.sent().size();
  Recovery recovery;
  while (cluster.now_ms() < healed_ms + 20000) {
    cluster.run_for(10);
    if (cluster.converged()) {
      recovery.converge_ms = cluster.now_ms() - healed_ms;
      break;
    }
  }
  std::map<std::tuple<std::string, std::string, std::int64_t>, std::size_t> per_link_second;
  const auto& sent = cluster.sent();
  for (std::size_t i = sent_before; i < sent.size(); ++i) {
    const auto& m = sent[i].message;
    auto& count = per_link_second[{m.src, m.dest, (sent[i].time_ms - healed_ms) / 1000}];
    recovery.per_link_per_second_max = std::max(recovery.per_link_per_second_max, ++count);
    recovery.values_per_message_max =
        std::max(recovery.values_per_message_max, std::get<Gossip>(m.body).values.size());
  }
  return recovery;
}

class PartitionRecovery : public ::testing::TestWithParam<std::string> {};

TEST_P(PartitionRecovery, LongPartitionHealsWithinFiveSecondsWithABoundedBurst) {
  const auto profile = *profile_named(GetParam());
  const Recovery long_partition = partition_then_heal(GetParam(), 15000);
  ASSERT_GE(long_partition.converge_ms, 0) << "never converged";
  std::cout << GetParam() << ": converged " << long_partition.converge_ms
            << " ms after the heal, peak " << long_partition.per_link_per_second_max
            << " msgs/link/s, largest batch " << long_partition.values_per_message_max << "\n";
  EXPECT_LE(long_partition.converge_ms, 5000);
  EXPECT_LE(long_partition.values_per_message_max, profile.values_per_message_max);
  // What one link sends in a second after the heal is bounded by the window and retransmission,
  // not by how much was missed.
  EXPECT_LE(long_partition.per_link_per_second_max, 12u);
  const Recovery short_partition = partition_then_heal(GetParam(), 3000);
  EXPECT_LE(long_partition.per_link_per_second_max, 2 * short_partition.per_link_per_second_max + 4)
      << "the burst grew with the partition's length";
}

INSTANTIATE_TEST_SUITE_P(AllProfiles, PartitionRecovery, ::testing::ValuesIn(profile_names()));

}  // namespace
}  // namespace rumor::core
