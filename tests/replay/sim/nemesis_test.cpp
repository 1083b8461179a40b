// The four grudge kinds of the partition nemesis (Maelstrom's nemesis.clj).
#include "replay/sim/nemesis.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

namespace rumor::replay::sim {
namespace {

std::size_t drop_count(const Grudge& g, std::size_t receiver) {
  std::size_t count = 0;
  for (std::size_t s = 0; s < g.node_count(); ++s) count += g.drops(receiver, s);
  return count;
}

bool symmetric(const Grudge& g) {
  for (std::size_t a = 0; a < g.node_count(); ++a) {
    for (std::size_t b = 0; b < g.node_count(); ++b) {
      if (g.drops(a, b) != g.drops(b, a)) return false;
    }
  }
  return true;
}

bool nobody_drops_itself(const Grudge& g) {
  for (std::size_t a = 0; a < g.node_count(); ++a) {
    if (g.drops(a, a)) return false;
  }
  return true;
}

// What every grudge must be: symmetric, and nobody cut off from itself.
bool is_partition(const Grudge& g) { return symmetric(g) && nobody_drops_itself(g); }

// Sizes of the cut-off side: nodes that drop more than they keep are the minority.
std::size_t isolated_nodes(const Grudge& g) {
  std::size_t count = 0;
  for (std::size_t a = 0; a < g.node_count(); ++a) count += drop_count(g, a) * 2 > g.node_count();
  return count;
}

RC_GTEST_PROP(Nemesis, OneCutsExactlyOneNodeBothWays, (std::uint64_t seed)) {
  const std::size_t n = *rc::gen::inRange<std::size_t>(2, 30);
  Rng rng(seed);
  const Grudge g = one_grudge(n, rng);
  RC_ASSERT(is_partition(g));
  std::size_t alone = 0, rest = 0;
  for (std::size_t a = 0; a < n; ++a) {
    const std::size_t d = drop_count(g, a);
    alone += d == n - 1;
    rest += d == 1;
  }
  if (n > 2) {
    RC_ASSERT(alone == 1u);
    RC_ASSERT(rest == n - 1);
  } else {
    RC_ASSERT(rest == 2u);  // two nodes: each drops the other
  }
}

RC_GTEST_PROP(Nemesis, MajoritySplitsFloorHalfFromTheRest, (std::uint64_t seed)) {
  const std::size_t n = *rc::gen::inRange<std::size_t>(2, 30);
  Rng rng(seed);
  const Grudge g = majority_grudge(n, rng);
  RC_ASSERT(symmetric(g));
  std::size_t small_side = 0;
  for (std::size_t a = 0; a < n; ++a) {
    const std::size_t d = drop_count(g, a);
    RC_ASSERT(d == n / 2 || d == n - n / 2);
    small_side += d == n - n / 2;
  }
  if (n % 2 == 1) {
    RC_ASSERT(small_side == n / 2);
  }
}

TEST(Nemesis, MinorityThirdSizes) {
  Rng rng(5);
  EXPECT_EQ(isolated_nodes(minority_third_grudge(5, rng)), 1u);
  const Grudge g25 = minority_third_grudge(25, rng);
  EXPECT_EQ(isolated_nodes(g25), 8u);
  EXPECT_TRUE(symmetric(g25));
  for (std::size_t a = 0; a < 25; ++a) {
    const auto d = drop_count(g25, a);
    EXPECT_TRUE(d == 17 || d == 8);
  }
  EXPECT_TRUE(minority_third_grudge(3, rng).empty());  // N ≤ 3: nobody is cut
  EXPECT_TRUE(minority_third_grudge(1, rng).empty());
}

RC_GTEST_PROP(Nemesis, RingOfFiveKeepsEachNodeWithItsTwoRingNeighbours, (std::uint64_t seed)) {
  Rng rng(seed);
  const Grudge g = majorities_ring_grudge(5, rng);
  RC_ASSERT(is_partition(g));
  for (std::size_t a = 0; a < 5; ++a) RC_ASSERT(drop_count(g, a) == 2u);
  // No two nodes see the same majority.
  for (std::size_t a = 0; a < 5; ++a) {
    for (std::size_t b = a + 1; b < 5; ++b) {
      bool same = true;
      for (std::size_t s = 0; s < 5; ++s) same = same && g.drops(a, s) == g.drops(b, s);
      RC_ASSERT(!same);
    }
  }
}

RC_GTEST_PROP(Nemesis, RingOfThreeIsOneDirectional, (std::uint64_t seed)) {
  Rng rng(seed);
  const Grudge g = majorities_ring_grudge(3, rng);
  RC_ASSERT(nobody_drops_itself(g));
  for (std::size_t a = 0; a < 3; ++a) {
    RC_ASSERT(drop_count(g, a) == 1u);
    for (std::size_t b = 0; b < 3; ++b) RC_ASSERT(!(g.drops(a, b) && g.drops(b, a)));
  }
}

RC_GTEST_PROP(Nemesis, RingOfFourIsSymmetric, (std::uint64_t seed)) {
  Rng rng(seed);
  const Grudge g = majorities_ring_grudge(4, rng);
  RC_ASSERT(symmetric(g));
  for (std::size_t a = 0; a < 4; ++a) RC_ASSERT(drop_count(g, a) == 1u);
}

RC_GTEST_PROP(Nemesis, LargeRingGivesEveryNodeAMajorityAndIsSymmetric, (std::uint64_t seed)) {
  const std::size_t n = *rc::gen::inRange<std::size_t>(6, 40);
  Rng rng(seed);
  const Grudge g = majorities_ring_grudge(n, rng);
  RC_ASSERT(is_partition(g));
  for (std::size_t a = 0; a < n; ++a) RC_ASSERT(n - drop_count(g, a) >= majority(n));
  RC_ASSERT(!g.empty());  // a real partition: not everyone sees everyone
}

TEST(Nemesis, IsolatedEdnListsEveryNodeInOrder) {
  Grudge g(3);
  g.set_drop(0, 2);
  g.set_drop(2, 0);
  g.set_drop(2, 1);
  EXPECT_EQ(isolated_edn(g, {"n0", "n1", "n2"}),
            "[:isolated {\"n0\" #{\"n2\"}, \"n1\" #{}, \"n2\" #{\"n0\" \"n1\"}}]");
  EXPECT_EQ(partition_kind_keyword(PartitionKind::majorities_ring), ":majorities-ring");
}

TEST(Nemesis, SameSeedSameGrudge) {
  Rng a(42), b(42);
  for (auto kind : all_partition_kinds) {
    EXPECT_EQ(make_grudge(kind, 25, a), make_grudge(kind, 25, b));
  }
}

}  // namespace
}  // namespace rumor::replay::sim
