// The embedded cluster's helpers: final values come out sorted exactly as std::sort sorts them,
// whether they are dense (counted) or spread out (sorted).
#include "replay/sim/cluster.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace rumor::replay::sim {
namespace {

std::vector<core::Value> std_sorted(std::vector<core::Value> values) {
  std::sort(values.begin(), values.end());
  return values;
}

RC_GTEST_PROP(SortedValues, SortsDenseValuesAsStdSort, ()) {
  // Maelstrom's values: a shuffled stretch of small integers, possibly with repeats.
  const auto values =
      *rc::gen::container<std::vector<core::Value>>(rc::gen::inRange<core::Value>(-3, 200));
  RC_ASSERT(sorted_values(values) == std_sorted(values));
}

RC_GTEST_PROP(SortedValues, SortsDistinctDenseValuesAsStdSort, ()) {
  // A node's log: each value once, dense, in the order learnt (the bitmap path).
  const auto values =
      *rc::gen::unique<std::vector<core::Value>>(rc::gen::inRange<core::Value>(-70, 600));
  RC_ASSERT(sorted_values(values) == std_sorted(values));
}

RC_GTEST_PROP(SortedValues, SortsAnyValuesAsStdSort, ()) {
  const auto values = *rc::gen::arbitrary<std::vector<core::Value>>();
  RC_ASSERT(sorted_values(values) == std_sorted(values));
}

TEST(SortedValues, KeepsRepeatsAndExtremes) {
  const std::vector<core::Value> values{5, INT64_MAX, 3, 5, INT64_MIN, 0};
  EXPECT_EQ(sorted_values(values), std_sorted(values));
  const std::vector<core::Value> repeats{2, 1, 1, 0};
  EXPECT_EQ(sorted_values(repeats), (std::vector<core::Value>{0, 1, 1, 2}));
  const std::vector<core::Value> top{INT64_MAX, INT64_MAX - 64, INT64_MAX - 1, INT64_MAX - 63};
  EXPECT_EQ(sorted_values(top), std_sorted(top));
  const std::vector<core::Value> bottom{INT64_MIN + 64, INT64_MIN, INT64_MIN + 1, -0};
  EXPECT_EQ(sorted_values(bottom), std_sorted(bottom));
  EXPECT_TRUE(sorted_values(std::vector<core::Value>{}).empty());
}

}  // namespace
}  // namespace rumor::replay::sim
