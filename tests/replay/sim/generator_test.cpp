// The generator of Jepsen's generator: the C+1-slot dispatch pointer and the staggered schedule.
#include "replay/sim/generator.hpp"

#include <gtest/gtest.h>

namespace rumor::replay::sim {
namespace {

std::vector<std::size_t> dispatch_all_free(std::size_t workers, std::size_t ops) {
  Dispatcher dispatcher(workers);
  std::vector<bool> busy(workers, false);
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < ops; ++i) {
    order.push_back(*dispatcher.pick_client(busy));
    dispatcher.advance();
  }
  return order;
}

TEST(Dispatcher, AllFreeOrderVisitsWorkerZeroTwicePerRound) {
  EXPECT_EQ(dispatch_all_free(5, 14),
            (std::vector<std::size_t>{0, 1, 2, 3, 4, 0, 0, 1, 2, 3, 4, 0, 0, 1}));
  EXPECT_EQ(dispatch_all_free(1, 4), (std::vector<std::size_t>{0, 0, 0, 0}));
}

TEST(Dispatcher, SkipsBusyWorkersAndWraps) {
  Dispatcher dispatcher(5);
  std::vector<bool> busy{false, false, true, false, false};
  dispatcher.advance();
  dispatcher.advance();  // pointer 2, which is busy
  EXPECT_EQ(dispatcher.pick_client(busy), 3u);
  busy = {false, true, false, false, true};
  dispatcher.advance();
  dispatcher.advance();  // pointer 4, busy: wraps to the first free from 0
  EXPECT_EQ(dispatcher.pick_client(busy), 0u);
  busy = {true, true, true, true, true};
  EXPECT_FALSE(dispatcher.pick_client(busy).has_value());
}

TEST(Dispatcher, NemesisOpsMoveThePointerToo) {
  Dispatcher dispatcher(3);
  std::vector<bool> busy(3, false);
  dispatcher.advance();  // a nemesis op
  EXPECT_EQ(dispatcher.pick_client(busy), 1u);
  dispatcher.advance();
  dispatcher.advance();  // pointer on the nemesis slot (3)
  EXPECT_EQ(dispatcher.pointer(), dispatcher.nemesis_slot());
  EXPECT_EQ(dispatcher.pick_client(busy), 0u);
}

TEST(Stagger, GapsLieInZeroToTwiceTheMean) {
  const double rate = 10;
  Stagger stagger(1e9 / rate, Rng(11));
  stagger.start(0);
  EXPECT_EQ(stagger.next_ns(), 0);  // the first op is due at once
  std::int64_t previous = 0;
  double sum = 0;
  const int n = 50000;
  for (int i = 0; i < n; ++i) {
    stagger.issued(previous);
    const std::int64_t gap = stagger.next_ns() - previous;
    ASSERT_GE(gap, 0);
    ASSERT_LT(gap, 200'000'000);
    sum += static_cast<double>(gap);
    previous = stagger.next_ns();
  }
  EXPECT_NEAR(sum / n / 1e6, 100.0, 2.0);
}

TEST(Stagger, SlippedOpCountsTheNextGapFromItsIssueTime) {
  Stagger stagger(1e9, Rng(3));
  stagger.start(0);
  stagger.issued(5'000'000'000);  // due at 0, issued at 5 s
  EXPECT_GE(stagger.next_ns(), 5'000'000'000);
  EXPECT_LT(stagger.next_ns(), 7'000'000'000);
}

TEST(Concurrency, ParsesCountsAndMultiplesOfNodes) {
  EXPECT_EQ(parse_concurrency("1n", 5), 5u);
  EXPECT_EQ(parse_concurrency("2n", 25), 50u);
  EXPECT_EQ(parse_concurrency("3", 25), 3u);
  EXPECT_FALSE(parse_concurrency("0", 5).has_value());
  EXPECT_FALSE(parse_concurrency("n", 5).has_value());
  EXPECT_FALSE(parse_concurrency("2x", 5).has_value());
  EXPECT_FALSE(parse_concurrency("", 5).has_value());
}

}  // namespace
}  // namespace rumor::replay::sim
