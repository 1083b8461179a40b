// A node's set of known values: insert answers "new?" exactly as a std::set would, and sorted()
// gives every value ascending (a simulated run's final values), inside the bitmap or outside it.
#include "core/value_set.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cstdint>
#include <set>
#include <vector>

namespace rumor::core {
namespace {

// Inserts each value, checking insert's answer against a std::set; returns the set's order.
std::vector<Value> insert_all(ValueSet& set, const std::vector<Value>& values) {
  std::set<Value> expected;
  for (const Value value : values) {
    const bool fresh = expected.insert(value).second;
    if (set.insert(value) != fresh) ADD_FAILURE() << "insert(" << value << ") answered wrongly";
  }
  return {expected.begin(), expected.end()};
}

RC_GTEST_PROP(ValueSet, SortedHoldsEveryDenseValueOnceAscending, ()) {
  // Maelstrom's values: small integers, in any order, possibly repeated; a few negative.
  const auto values = *rc::gen::container<std::vector<Value>>(rc::gen::inRange<Value>(-70, 600));
  ValueSet set;
  const std::vector<Value> expected = insert_all(set, values);
  RC_ASSERT(set.size() == expected.size());
  RC_ASSERT(set.sorted() == expected);
}

RC_GTEST_PROP(ValueSet, SortedHoldsAnyValuesAscending, ()) {
  const auto values = *rc::gen::arbitrary<std::vector<Value>>();
  ValueSet set;
  const std::vector<Value> expected = insert_all(set, values);
  RC_ASSERT(set.sorted() == expected);
}

TEST(ValueSet, SortsExtremesAndTheBitmapsEdges) {
  const Value dense_end = Value{1} << 26;  // the bitmap's limit (value_set.hpp)
  const std::vector<Value> values{5,  INT64_MAX, dense_end,     3,  5,   INT64_MIN,    0,
                                  -1, 63,        dense_end - 1, 64, -64, INT64_MAX - 1};
  ValueSet set;
  const std::vector<Value> expected = insert_all(set, values);
  EXPECT_EQ(set.sorted(), expected);
  EXPECT_TRUE(ValueSet{}.sorted().empty());
}

}  // namespace
}  // namespace rumor::core
