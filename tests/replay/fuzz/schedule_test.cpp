// distinct_values (replay/fuzz/schedule.hpp) counts a schedule's distinct broadcast values, the
// dense ones of generated schedules by a table of their span and any others by sorting: both
// must count what a set would.
#include "replay/fuzz/schedule.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <set>
#include <vector>

#include "replay/world/rng.hpp"

namespace rumor::replay::fuzz {
namespace {

Schedule with_values(const std::vector<core::Value>& values) {
  Schedule schedule;
  std::uint32_t id = 0;
  for (const core::Value value : values) {
    schedule.events.push_back(Event{id++, ClientBroadcast{.at_ms = 0, .node = 0, .value = value}});
    schedule.events.push_back(Event{id++, ClientRead{.at_ms = 0, .node = 0}});
  }
  return schedule;
}

std::size_t set_size(const std::vector<core::Value>& values) {
  return std::set<core::Value>(values.begin(), values.end()).size();
}

TEST(Schedule, DistinctValuesCountsWhatASetWould) {
  for (std::uint64_t seed = 0; seed < 300; ++seed) {
    world::Rng rng(seed);
    std::vector<core::Value> values;
    const auto count = rng.range(0, 60);
    // Dense, sparse, or far apart and negative: each path of the count.
    const std::int64_t spread = rng.pick<std::int64_t>({1, 3, 8, 1000, 1'000'000'000});
    const std::int64_t base = rng.pick<std::int64_t>({0, -500, 7});
    for (std::int64_t k = 0; k < count; ++k) values.push_back(base + rng.range(0, spread * count));
    EXPECT_EQ(distinct_values(with_values(values)), set_size(values)) << "seed " << seed;
  }
  constexpr auto lowest = std::numeric_limits<core::Value>::min();
  constexpr auto highest = std::numeric_limits<core::Value>::max();
  const std::vector<core::Value> extremes{lowest, highest, lowest, 0, highest};
  EXPECT_EQ(distinct_values(with_values(extremes)), 3U);
  EXPECT_EQ(distinct_values(with_values({})), 0U);
  EXPECT_EQ(distinct_values(with_values({5, 5, 5})), 1U);
}

}  // namespace
}  // namespace rumor::replay::fuzz
