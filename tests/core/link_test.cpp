// The per-peer reliable stream: batching on a grid, riding and pure acks, retransmission,
// bounded messages and windows, out-of-order arrival.
#include "core/link.hpp"

#include <gtest/gtest.h>

#include "tests/core/test_support.hpp"

namespace rumor::core {
namespace {

std::uint64_t rng = 1;

Profile test_profile() { return testing::link_test_profile(4); }

TEST(Link, GridPoints) {
  EXPECT_EQ(next_grid_point(0, {100, 0}), 100);
  EXPECT_EQ(next_grid_point(1, {100, 0}), 100);
  EXPECT_EQ(next_grid_point(100, {100, 0}), 200);
  EXPECT_EQ(next_grid_point(101, {500, 120}), 120);
  EXPECT_EQ(next_grid_point(120, {500, 120}), 620);
  EXPECT_EQ(next_grid_point(121, {500, 120}), 620);
  EXPECT_EQ(next_grid_point(37, {0, 0}), 37);
  EXPECT_EQ(next_grid_point(50, {500, 120}), 120);
  EXPECT_EQ(next_grid_point(-1, {100, 0}), 0);
  EXPECT_EQ(next_grid_point(-100, {100, 0}), 0);
}

TEST(Link, UnbatchedDataLeavesAtOnce) {
  Link link;
  auto profile = test_profile();
  link_queue(link, 7, 10);
  auto g = link_poll(link, 10, {0, 0}, profile, rng);
  ASSERT_TRUE(g);
  EXPECT_EQ(g->offset, 0u);
  EXPECT_EQ(g->values, std::vector<Value>{7});
  EXPECT_FALSE(link_poll(link, 11, {0, 0}, profile, rng));
}

// The values a poll at now_ms sends on a 100 ms grid; empty when it sends nothing.
std::vector<Value> sent_on_100ms_grid(Link& link, std::int64_t now_ms) {
  const std::optional<Gossip> gossip = link_poll(link, now_ms, {100, 0}, test_profile(), rng);
  return gossip ? std::vector<Value>(gossip->values.begin(), gossip->values.end())
                : std::vector<Value>{};
}

TEST(Link, DataQueuedOnAGridPointWaitsForTheNextOne) {
  Link link;
  link_queue(link, 1, 100);
  EXPECT_TRUE(sent_on_100ms_grid(link, 100).empty());
  link_queue(link, 2, 100);
  EXPECT_EQ(sent_on_100ms_grid(link, 200), (std::vector<Value>{1, 2}));
}

TEST(Link, BatchedDataWaitsForTheGridPoint) {
  Link link;
  link_queue(link, 1, 10);
  link_queue(link, 2, 60);
  EXPECT_TRUE(sent_on_100ms_grid(link, 99).empty());
  EXPECT_EQ(sent_on_100ms_grid(link, 100), (std::vector<Value>{1, 2}));
}

TEST(Link, MessagesAreBoundedAndTheRestFollows) {
  Link link;
  auto profile = test_profile();
  for (int v = 0; v < 10; ++v) link_queue(link, v, 0);
  auto first = link_poll(link, 0, {0, 0}, profile, rng);
  auto second = link_poll(link, 1, {0, 0}, profile, rng);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->values.size(), 4u);
  EXPECT_EQ(second->offset, 4u);
  EXPECT_EQ(second->values, (std::vector<Value>{4, 5, 6, 7}));
}

TEST(Link, WindowStopsSendingUntilAcked) {
  Link link;
  auto profile = test_profile();
  const auto window = window_values_max(profile);
  for (std::size_t v = 0; v < window + 3; ++v) link_queue(link, static_cast<Value>(v), 0);
  std::size_t sent = 0;
  for (int t = 0; t < 100; ++t) {
    if (auto g = link_poll(link, t, {0, 0}, profile, rng)) sent += g->values.size();
  }
  EXPECT_EQ(sent, window);
  link_on_ack(link, 4, 100, profile);
  auto g = link_poll(link, 101, {0, 0}, profile, rng);
  ASSERT_TRUE(g);
  EXPECT_EQ(g->values.size(), 3u);
}

TEST(Link, AckRidesOnDataAndPureAckComesAfterTheDelay) {
  Link link;
  auto profile = test_profile();
  link_on_data(link, 0, 2, 1000, profile);
  EXPECT_FALSE(link_poll(link, 1299, {0, 0}, profile, rng));
  auto pure = link_poll(link, 1300, {0, 0}, profile, rng);
  ASSERT_TRUE(pure);
  EXPECT_TRUE(pure->values.empty());
  EXPECT_EQ(pure->ack, 2u);
  // Data before the delay carries the ack and clears the debt.
  link_on_data(link, 2, 3, 2000, profile);
  link_queue(link, 9, 2010);
  auto riding = link_poll(link, 2010, {0, 0}, profile, rng);
  ASSERT_TRUE(riding);
  EXPECT_EQ(riding->ack, 3u);
  EXPECT_FALSE(link_poll(link, 2400, {0, 0}, profile, rng));
}

TEST(Link, ResendOrFullMessageIsAckedPromptly) {
  Link link;
  auto profile = test_profile();
  link_on_data(link, 0, 4, 50, profile);  // full-sized: the sender is catching up
  EXPECT_TRUE(link_poll(link, 50, {0, 0}, profile, rng));
  link_on_data(link, 2, 3, 60, profile);  // a resend of what we have: our ack was lost
  auto ack = link_poll(link, 60, {0, 0}, profile, rng);
  ASSERT_TRUE(ack);
  EXPECT_EQ(ack->ack, 4u);
}

TEST(Link, UnackedDataIsResentFromTheFirstUnackedPosition) {
  Link link;
  auto profile = test_profile();
  link_queue(link, 1, 0);
  link_queue(link, 2, 0);
  ASSERT_TRUE(link_poll(link, 0, {0, 0}, profile, rng));
  link_on_ack(link, 1, 500, profile);  // value 1 arrived; value 2's ack never comes
  EXPECT_FALSE(link_poll(link, 1499, {0, 0}, profile, rng));
  auto resend = link_poll(link, 1500, {0, 0}, profile, rng);
  ASSERT_TRUE(resend);
  EXPECT_EQ(resend->offset, 1u);
  EXPECT_EQ(resend->values, std::vector<Value>{2});
}

TEST(Link, NewDataDoesNotPostponeTheResendOfLostData) {
  Link link;
  auto profile = test_profile();
  profile.values_per_message_max = 64;  // a window that 40 single values cannot fill
  link_queue(link, 0, 0);
  ASSERT_TRUE(link_poll(link, 0, {0, 0}, profile, rng));
  // New data every 50 ms; the resend of position 0 still comes once retransmit_ms plus at most
  // a quarter of it (the jitter) has passed since the first send.
  std::int64_t resent_at_ms = -1;
  for (int t = 50; t <= 2000 && resent_at_ms < 0; t += 50) {
    link_queue(link, t, t);
    auto sent = link_poll(link, t, {0, 0}, profile, rng);
    ASSERT_TRUE(sent);
    if (sent->offset == 0) resent_at_ms = t;
  }
  EXPECT_GE(resent_at_ms, profile.retransmit_ms);
  EXPECT_LE(resent_at_ms, profile.retransmit_ms + profile.retransmit_ms / 4 + 50);
}

TEST(Link, ResendIgnoresTheBatchGrid) {
  Link link;
  auto profile = test_profile();
  link_queue(link, 1, 0);
  ASSERT_TRUE(link_poll(link, 500, {500, 0}, profile, rng));
  // Sent at 500: resent by 500 + 1000 + 250 (jitter) at the latest; 1751 is not a grid point.
  auto resend = link_poll(link, 1751, {500, 0}, profile, rng);
  ASSERT_TRUE(resend);
  EXPECT_EQ(resend->values, std::vector<Value>{1});
}

TEST(Link, OutOfOrderDataIsAckedOnlyWhenContiguous) {
  Link link;
  auto profile = test_profile();
  link_on_data(link, 3, 5, 0, profile);
  EXPECT_EQ(link.in_contiguous, 0u);
  link_on_data(link, 0, 3, 1, profile);
  EXPECT_EQ(link.in_contiguous, 5u);
  EXPECT_TRUE(link.in_ranges.empty());
}

TEST(Link, AckBeyondWhatWasSentIsClamped) {
  Link link;
  auto profile = test_profile();
  link_queue(link, 1, 0);
  link_queue(link, 2, 0);
  link_on_ack(link, 100, 1, profile);  // nothing sent yet
  EXPECT_EQ(link.out_acked, 0u);
  EXPECT_EQ(link.out_unacked.size(), 2u);
}

}  // namespace
}  // namespace rumor::core
