// InlineValues (core/inline_values.hpp): a vector of values that holds six inline.
#include "core/inline_values.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <compare>
#include <vector>

namespace rumor::core {
namespace {

std::vector<Value> as_vector(const InlineValues& values) { return {values.begin(), values.end()}; }

// Whatever the sizes (inline, just past inline, on the heap), it holds what a vector would, and
// copies, moves, comparison and ordering agree with the vector's.
RC_GTEST_PROP(InlineValues, BehavesAsAVectorOfItsValues, ()) {
  const auto first = *rc::gen::container<std::vector<Value>>(rc::gen::inRange<Value>(-3, 3));
  const auto second = *rc::gen::container<std::vector<Value>>(rc::gen::inRange<Value>(-3, 3));
  InlineValues a;
  for (Value value : first) a.push_back(value);
  InlineValues b(second);
  RC_ASSERT(as_vector(a) == first);
  RC_ASSERT(as_vector(b) == second);
  RC_ASSERT((a == b) == (first == second));
  RC_ASSERT((a <=> b) == (first <=> second));

  InlineValues copy = a;
  copy.append(b.begin(), b.end());
  std::vector<Value> joined = first;
  joined.insert(joined.end(), second.begin(), second.end());
  RC_ASSERT(as_vector(copy) == joined);
  RC_ASSERT(as_vector(a) == first);

  InlineValues moved = std::move(copy);
  RC_ASSERT(as_vector(moved) == joined);
  RC_ASSERT(copy.empty());  // NOLINT(bugprone-use-after-move): moved-from is left empty
  moved = b;
  RC_ASSERT(as_vector(moved) == second);
  moved = std::move(a);
  RC_ASSERT(as_vector(moved) == first);
}

TEST(InlineValues, SixValuesFitInsideAMessageWithoutGrowingIt) {
  EXPECT_EQ(InlineValues::inline_capacity, 6u);
  EXPECT_LE(sizeof(InlineValues), 56u);
  InlineValues values{1, 2, 3, 4, 5, 6};
  const Value* inside = values.data();
  EXPECT_TRUE(inside >= reinterpret_cast<const Value*>(&values) &&
              inside < reinterpret_cast<const Value*>(&values + 1));
  values.push_back(7);  // the seventh moves them to the heap
  EXPECT_EQ(as_vector(values), (std::vector<Value>{1, 2, 3, 4, 5, 6, 7}));
  values.pop_back();
  EXPECT_EQ(values.back(), 6);
  EXPECT_EQ(values.front(), 1);
}

}  // namespace
}  // namespace rumor::core
