// A link's record of the peer's stream (core/link.cpp): whatever order data arrives in, the
// contiguous prefix and the ranges held beyond it say exactly which positions arrived, and the
// ranges stay sorted, apart and bounded. Checked against a plain set of received positions.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cstdint>
#include <set>
#include <utility>
#include <vector>

#include "core/link.hpp"
#include "tests/core/test_support.hpp"

namespace rumor::core {
namespace {

Profile test_profile() { return testing::link_test_profile(8); }

using Ranges = std::vector<std::pair<std::uint64_t, std::uint64_t>>;

// The maximal runs of `received` at or above `from`: what the link must hold beyond its prefix.
Ranges runs_from(const std::set<std::uint64_t>& received, std::uint64_t from) {
  Ranges runs;
  for (auto it = received.lower_bound(from); it != received.end(); ++it) {
    if (!runs.empty() && runs.back().second == *it) {
      ++runs.back().second;
    } else {
      runs.emplace_back(*it, *it + 1);
    }
  }
  return runs;
}

// Positions below 100 leave room for at most 50 runs, under the link's bound of 64: no range is
// ever dropped, so the link must match the set exactly.
RC_GTEST_PROP(LinkRanges, HoldExactlyThePositionsReceived, ()) {
  const auto pieces =
      *rc::gen::container<std::vector<std::pair<std::uint64_t, std::uint64_t>>>(rc::gen::pair(
          rc::gen::inRange<std::uint64_t>(0, 100), rc::gen::inRange<std::uint64_t>(0, 9)));
  const Profile profile = test_profile();
  Link link;
  std::set<std::uint64_t> received;
  for (const auto& [begin, length] : pieces) {
    link_on_data(link, begin, begin + length, 0, profile);
    for (std::uint64_t position = begin; position < begin + length; ++position) {
      received.insert(position);
    }
    std::uint64_t contiguous = 0;
    while (received.contains(contiguous)) ++contiguous;
    RC_ASSERT(link.in_contiguous == contiguous);
    RC_ASSERT(link.in_ranges == runs_from(received, contiguous));
  }
}

TEST(LinkRanges, AreBoundedAndTheRestIsResentLater) {
  const Profile profile = test_profile();
  Link link;
  // Every other position from 1: 100 separate ranges, of which the link keeps the first 64.
  for (std::uint64_t position = 1; position < 200; position += 2) {
    link_on_data(link, position, position + 1, 0, profile);
  }
  ASSERT_EQ(link.in_ranges.size(), 64u);
  EXPECT_EQ(link.in_ranges.front(), std::make_pair(std::uint64_t{1}, std::uint64_t{2}));
  EXPECT_EQ(link.in_ranges.back(), std::make_pair(std::uint64_t{127}, std::uint64_t{128}));
  // Filling the gaps below 128 joins everything kept; what was dropped beyond must come again.
  for (std::uint64_t position = 0; position < 128; position += 2) {
    link_on_data(link, position, position + 1, 0, profile);
  }
  EXPECT_EQ(link.in_contiguous, 128u);
  EXPECT_TRUE(link.in_ranges.empty());
}

TEST(LinkRanges, ARangeBridgingTwoMergesThemIntoOne) {
  const Profile profile = test_profile();
  Link link;
  link_on_data(link, 10, 12, 0, profile);
  link_on_data(link, 20, 22, 0, profile);
  link_on_data(link, 30, 31, 0, profile);
  link_on_data(link, 11, 21, 0, profile);
  EXPECT_EQ(link.in_ranges, (Ranges{{10, 22}, {30, 31}}));
  link_on_data(link, 22, 30, 0, profile);  // touching on both sides
  EXPECT_EQ(link.in_ranges, (Ranges{{10, 31}}));
  EXPECT_EQ(link.in_contiguous, 0u);
}

}  // namespace
}  // namespace rumor::core
