// The simulated world's parts both simulators share: the event queue's order, the RNG, latency
// draws with and without a cap, and the fault layer's fates.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <deque>
#include <stdexcept>
#include <vector>

#include "replay/world/event_queue.hpp"
#include "replay/world/faults.hpp"
#include "replay/world/latency.hpp"
#include "replay/world/rng.hpp"

namespace rumor::replay::world {
namespace {

enum class Kind : std::uint8_t { a, b };

TEST(EventQueue, SameInstantRunsInSchedulingOrderWhateverTheLane) {
  EventQueue<Kind> queue;
  using Lane = EventQueue<Kind>::Lane;
  queue.schedule(20, Kind::a, 1, 0, Lane::deliveries);
  queue.schedule(10, Kind::a, 2);
  queue.schedule(20, Kind::b, 3);
  queue.schedule(20, Kind::a, 4, 0, Lane::wakeups);
  queue.schedule(5, Kind::b, 5, 0, Lane::deliveries);  // out of order for its lane: the heap's
  std::vector<std::uint32_t> order;
  while (!queue.empty()) order.push_back(queue.pop().target);
  EXPECT_EQ(order, (std::vector<std::uint32_t>{5, 2, 1, 3, 4}));
}

TEST(EventQueue, AnEventScheduledAsOfEarlierGoesFirstAtItsInstant) {
  EventQueue<Kind> queue;
  queue.schedule(10, Kind::a, 1);
  queue.pop();  // now 10
  queue.schedule(30, Kind::a, 2);
  queue.schedule_as_of(0, 30, Kind::b, 3);
  EXPECT_EQ(queue.pop().target, 3u);
  EXPECT_EQ(queue.pop().target, 2u);
}

// The fuzzer's events (32-bit serials) fill half a cache line; the kind and target share a word.
static_assert(sizeof(Event<Kind, std::uint32_t>) == 32);
static_assert(sizeof(Event<Kind>) == 40);

TEST(EventQueue, KeepsKindTargetAndSerialAndRefusesTargetsBeyondItsField) {
  EventQueue<Kind, std::uint32_t> queue;
  queue.schedule(5, Kind::b, event_target_limit - 1, 0xfffffffeU);
  const auto event = queue.pop();
  EXPECT_EQ(event.kind, Kind::b);
  EXPECT_EQ(event.target, event_target_limit - 1);
  EXPECT_EQ(event.serial, 0xfffffffeU);
  EXPECT_THROW(queue.schedule(6, Kind::a, event_target_limit), std::length_error);
}

// Whichever lane an event goes to (the heap, the ticks or timeouts FIFO, or the FIFO of events
// due at once), events pop in the order of one heap on (time, scheduled, seq).
RC_GTEST_PROP(EventQueue, PopsInTheOrderOfOneHeap, ()) {
  using Lane = EventQueue<Kind>::Lane;
  struct Pending {
    std::int64_t time_ns;
    std::int64_t scheduled_ns;
    std::uint32_t target;  // grows with seq
  };
  EventQueue<Kind> queue;
  std::vector<Pending> pending;
  std::uint32_t next_target = 0;
  const auto pop_and_compare = [&] {
    const auto first = std::min_element(pending.begin(), pending.end(), [](auto& a, auto& b) {
      if (a.time_ns != b.time_ns) return a.time_ns < b.time_ns;
      if (a.scheduled_ns != b.scheduled_ns) return a.scheduled_ns < b.scheduled_ns;
      return a.target < b.target;
    });
    RC_ASSERT(queue.pop().target == first->target);
    pending.erase(first);
  };
  const int steps = *rc::gen::inRange(1, 300);
  for (int step = 0; step < steps; ++step) {
    if (!pending.empty() && *rc::gen::inRange(0, 3) == 0) {
      pop_and_compare();
      continue;
    }
    const std::int64_t now_ns = queue.now_ns();
    const std::int64_t time_ns = now_ns + *rc::gen::element<std::int64_t>(0, 0, 1, 2, 10);
    const std::int64_t scheduled_ns = now_ns - *rc::gen::element<std::int64_t>(0, 0, 1, 3);
    const Lane lane = *rc::gen::element(Lane::heap, Lane::heap, Lane::deliveries, Lane::wakeups);
    queue.schedule_as_of(scheduled_ns, time_ns, Kind::a, next_target, 0, lane);
    pending.push_back(Pending{time_ns, scheduled_ns, next_target++});
  }
  while (!pending.empty()) pop_and_compare();
  RC_ASSERT(queue.empty());
}

// The lanes' FIFO reuses its vector: drained, or with most of it popped, it starts over; the
// order survives both.
RC_GTEST_PROP(Fifo, PopsInPushOrderAcrossCompactions, ()) {
  Fifo<int> fifo;
  std::deque<int> model;
  int next = 0;
  const int steps = *rc::gen::inRange(1, 2000);
  for (int step = 0; step < steps; ++step) {
    if (!model.empty() && *rc::gen::inRange(0, 5) < 2) {
      RC_ASSERT(fifo.front() == model.front());
      fifo.pop_front();
      model.pop_front();
    } else {
      fifo.push_back(next);
      model.push_back(next++);
      RC_ASSERT(fifo.back() == model.back());
    }
    RC_ASSERT(fifo.empty() == model.empty());
  }
  while (!model.empty()) {
    RC_ASSERT(fifo.front() == model.front());
    fifo.pop_front();
    model.pop_front();
  }
  RC_ASSERT(fifo.empty());
}

TEST(Rng, SplitStreamsAreReproducibleAndDistinct) {
  Rng a = Rng::split(42, 1);
  Rng b = Rng::split(42, 1);
  Rng c = Rng::split(42, 2);
  const std::uint64_t first = a.next();
  EXPECT_EQ(first, b.next());
  EXPECT_NE(first, c.next());
}

TEST(Rng, MixedSeedIsSplitmixFromTheMixedSeed) {
  Rng mixed = Rng::mixed(7);
  Rng plain(mix64(7 ^ 0x5eed5eed5eed5eedULL));
  EXPECT_EQ(mixed.next(), plain.next());
  EXPECT_EQ(Rng(0).next(), 0xe220a8397b1dcdafULL);  // splitmix64's first output from 0
}

// A prefix's hash carries on: what Faults keeps per link and per window relies on it.
RC_GTEST_PROP(Rng, HashMoreContinuesHashWords,
              (std::uint64_t w0, std::uint64_t w1, std::uint64_t w2, std::uint64_t w3,
               std::uint64_t w4)) {
  const std::uint64_t whole = hash_words({w0, w1, w2, w3, w4});
  RC_ASSERT(hash_more(hash_words({w0}), {w1, w2, w3, w4}) == whole);
  RC_ASSERT(hash_more(hash_words({w0, w1, w2}), {w3, w4}) == whole);
  RC_ASSERT(hash_more(hash_words({w0, w1, w2, w3}), {w4}) == whole);
  RC_ASSERT(hash_more(hash_words({w0, w1, w2, w3, w4}), {}) == whole);
}

TEST(Rng, RangeAndPickStayInBounds) {
  Rng rng(3);
  for (int i = 0; i < 1000; ++i) {
    const auto v = rng.range(-2, 2);
    EXPECT_GE(v, -2);
    EXPECT_LE(v, 2);
    const int p = rng.pick({4, 5, 6});
    EXPECT_TRUE(p >= 4 && p <= 6);
  }
}

TEST(Latency, TheCapBoundsExponentialDraws) {
  const LatencyModel capped{.mean_ms = 100, .dist = LatencyDist::exponential, .max_ms = 150};
  const LatencyModel uncapped{.mean_ms = 100, .dist = LatencyDist::exponential};
  Rng rng(9);
  bool beyond = false;
  for (int i = 0; i < 2000; ++i) {
    const std::uint64_t draw = rng.next();
    EXPECT_LE(latency_ms(capped, draw), 150);
    beyond = beyond || latency_ms(uncapped, draw) > 150;
  }
  EXPECT_TRUE(beyond);  // e^-1.5: about 22 % of draws
}

TEST(Latency, ZeroMeanIsZeroForEveryDistribution) {
  for (auto dist : {LatencyDist::constant, LatencyDist::uniform, LatencyDist::exponential}) {
    EXPECT_EQ(latency_ms(LatencyModel{.mean_ms = 0, .dist = dist}, 12345), 0);
  }
}

FaultPlan plan_with(std::vector<std::pair<std::uint32_t, LinkFault>> faults,
                    std::vector<Partition> partitions = {}) {
  return FaultPlan{.seed = 5,
                   .nodes = 3,
                   .latency = {.mean_ms = 10, .dist = LatencyDist::uniform, .max_ms = 19},
                   .link_faults = std::move(faults),
                   .partitions = std::move(partitions)};
}

TEST(Faults, FatesAreAFunctionOfThePlan) {
  const LinkFault dup{.kind = LinkFaultKind::duplicate,
                      .start_ms = 0,
                      .end_ms = 100,
                      .from = only(0),
                      .to = only(1),
                      .per_mille = 500};
  Faults a(plan_with({{1, dup}}));
  Faults b(plan_with({{1, dup}}));
  int duplicated = 0;
  for (int i = 0; i < 200; ++i) {
    const Fate fate = a.send(0, 1, 50);
    EXPECT_EQ(fate.delays_ms, b.send(0, 1, 50).delays_ms);
    for (auto delay_ms : fate.delays_ms) EXPECT_LE(delay_ms, 19);
    duplicated += fate.delays_ms.size() == 2 ? 1 : 0;
  }
  EXPECT_GT(duplicated, 50);
  EXPECT_LT(duplicated, 150);
}

// A window delaying messages from n0 to `delay_to` by up to 30 ms more, and one duplicating
// messages from n0 to n1, both over [0, 100) ms.
LinkFault delay_window(NodeSet delay_to, int per_mille) {
  return LinkFault{.kind = LinkFaultKind::delay,
                   .start_ms = 0,
                   .end_ms = 100,
                   .from = only(0),
                   .to = delay_to,
                   .per_mille = per_mille,
                   .extra_delay_ms_max = 30};
}
LinkFault dup_window(int per_mille) {
  return LinkFault{.kind = LinkFaultKind::duplicate,
                   .start_ms = 0,
                   .end_ms = 100,
                   .from = only(0),
                   .to = only(1),
                   .per_mille = per_mille};
}

// Each fate is the documented hash of what names the message (faults.hpp): draws 1 latency,
// 2 fault, 3 extra delay, 4 the copy's latency, over (seed, [window id,] draw, from, to, the
// link's message number), whatever the sends on other links in between.
TEST(Faults, FatesAreTheHashesOfWhatNamesTheMessage) {
  const LinkFault delay = delay_window(only(1) | only(2), 500);
  const LinkFault dup = dup_window(300);
  const FaultPlan plan = plan_with({{7, delay}, {9, dup}});
  Faults faults(plan);
  const auto hit = [&](std::uint64_t id, const LinkFault& fault, std::uint64_t seq) {
    return hash_words({plan.seed, id, 2, 0, 1, seq}) % 1000 <
           static_cast<std::uint64_t>(fault.per_mille);
  };
  int delayed = 0;
  int duplicated = 0;
  for (std::uint64_t seq = 0; seq < 200; ++seq) {
    if (seq % 3 == 0) faults.send(0, 2, 50);  // another link's sends change nothing here
    std::int64_t extra_ms = 0;
    if (hit(7, delay, seq)) {
      extra_ms = static_cast<std::int64_t>(hash_words({plan.seed, 7, 3, 0, 1, seq}) % 31);
      ++delayed;
    }
    Delays expected;
    expected.push_back(latency_ms(plan.latency, hash_words({plan.seed, 1, 0, 1, seq})) + extra_ms);
    if (hit(9, dup, seq)) {
      expected.push_back(latency_ms(plan.latency, hash_words({plan.seed, 4, 0, 1, seq})) +
                         extra_ms / 2);
      ++duplicated;
    }
    ASSERT_TRUE(faults.send(0, 1, 50).delays_ms == expected) << "message " << seq;
  }
  EXPECT_GT(delayed, 0);
  EXPECT_GT(duplicated, 0);
}

// A window at 1000 per mille takes every message without its fault draw (faults.cpp): each of
// these messages is delayed by its own delay draw and duplicated, as a draw would have said.
TEST(Faults, AWindowAtAThousandPerMilleTakesEveryMessage) {
  const FaultPlan plan = plan_with({{5, delay_window(only(1), 1000)}, {6, dup_window(1000)}});
  Faults faults(plan);
  for (std::uint64_t seq = 0; seq < 100; ++seq) {
    const auto extra_ms = static_cast<std::int64_t>(hash_words({plan.seed, 5, 3, 0, 1, seq}) % 31);
    Delays expected;
    expected.push_back(latency_ms(plan.latency, hash_words({plan.seed, 1, 0, 1, seq})) + extra_ms);
    expected.push_back(latency_ms(plan.latency, hash_words({plan.seed, 4, 0, 1, seq})) +
                       extra_ms / 2);
    ASSERT_TRUE(faults.send(0, 1, 50).delays_ms == expected) << "message " << seq;
  }
}

TEST(Faults, LossWindowsAndOneWayPartitions) {
  const LinkFault loss{.kind = LinkFaultKind::loss,
                       .start_ms = 10,
                       .end_ms = 20,
                       .from = only(0),
                       .to = only(1),
                       .per_mille = 1000};
  const Partition oneway{
      .start_ms = 0, .end_ms = 100, .from = only(2), .to = only(0), .symmetric = false};
  Faults faults(plan_with({{1, loss}}, {oneway}));
  EXPECT_TRUE(faults.send(0, 1, 15).delays_ms.empty());
  EXPECT_FALSE(faults.send(0, 1, 15).partitioned);
  EXPECT_EQ(faults.send(0, 1, 20).delays_ms.size(), 1u);  // the window is [10, 20)
  EXPECT_TRUE(faults.send(2, 0, 50).partitioned);
  EXPECT_EQ(faults.send(0, 2, 50).delays_ms.size(), 1u);  // one way only
  EXPECT_TRUE(faults.cut(2, 0, 99));
  EXPECT_FALSE(faults.cut(2, 0, 100));
}

// Faults keeps the windows active around the last time it was asked about (faults.hpp): the
// answers must not depend on the order of the questions, forward, backward or jumping across
// window edges.
TEST(Faults, AnswersDoNotDependOnTheOrderOfQuestions) {
  constexpr int nodes = 8;
  const auto window = [](LinkFaultKind kind, std::int64_t start_ms, std::int64_t end_ms,
                         NodeSet from, NodeSet to) {
    return LinkFault{.kind = kind,
                     .start_ms = start_ms,
                     .end_ms = end_ms,
                     .from = from,
                     .to = to,
                     .per_mille = 600,
                     .extra_delay_ms_max = 40};
  };
  const FaultPlan plan{
      .seed = 11,
      .nodes = nodes,
      .latency = {.mean_ms = 10, .dist = LatencyDist::exponential, .max_ms = 50},
      .link_faults = {{1, window(LinkFaultKind::loss, 10, 60, 0x0f, 0xf0)},
                      {2, window(LinkFaultKind::duplicate, 40, 120, 0xff, 0x3c)},
                      {3, window(LinkFaultKind::delay, 0, 200, 0xaa, 0x55)},
                      {4, window(LinkFaultKind::loss, 90, 90, 0xff, 0xff)}},  // never active
      .partitions = {
          {.start_ms = 30, .end_ms = 80, .from = 0x03, .to = 0xc0, .symmetric = true},
          {.start_ms = 70, .end_ms = 150, .from = 0x10, .to = 0x01, .symmetric = false}}};
  const auto cut_by_rule = [&plan](int from, int to, std::int64_t now_ms) {
    for (const Partition& p : plan.partitions) {
      if (now_ms < p.start_ms || now_ms >= p.end_ms) continue;
      if (contains(p.from, from) && contains(p.to, to)) return true;
      if (p.symmetric && contains(p.from, to) && contains(p.to, from)) return true;
    }
    return false;
  };
  // One send per link, each at its own time from 0 to 220 ms (so every link's message is its
  // first either way), asked in time order of one instance and in reverse order of the other.
  struct Question {
    int from = 0;
    int to = 0;
    std::int64_t at_ms = 0;
  };
  std::vector<Question> questions;
  for (int from = 0; from < nodes; ++from) {
    for (int to = 0; to < nodes; ++to) {
      if (from != to)
        questions.push_back({from, to, static_cast<std::int64_t>(questions.size()) * 4});
    }
  }
  Faults forward(plan);
  Faults backward(plan);
  std::vector<Fate> forward_fates;
  for (const Question& q : questions) forward_fates.push_back(forward.send(q.from, q.to, q.at_ms));
  int lost_or_cut = 0;
  int two_copies = 0;
  for (std::size_t k = questions.size(); k-- > 0;) {
    const Question& q = questions[k];
    const Fate fate = backward.send(q.from, q.to, q.at_ms);
    EXPECT_TRUE(fate.delays_ms == forward_fates[k].delays_ms) << q.from << "->" << q.to;
    EXPECT_EQ(fate.partitioned, forward_fates[k].partitioned);
    EXPECT_EQ(fate.partitioned, cut_by_rule(q.from, q.to, q.at_ms));
    lost_or_cut += fate.delays_ms.empty() ? 1 : 0;
    two_copies += fate.delays_ms.size() == 2 ? 1 : 0;
  }
  EXPECT_GT(lost_or_cut, 0);
  EXPECT_GT(two_copies, 0);
  // Cuts asked at times that jump back and forth across every window edge.
  for (std::int64_t step = 0; step < 400; ++step) {
    const std::int64_t at_ms = (step * 97) % 211 - 5;
    const int from = static_cast<int>(step % nodes);
    const int to = static_cast<int>((step / nodes) % nodes);
    EXPECT_EQ(forward.cut(from, to, at_ms), cut_by_rule(from, to, at_ms)) << at_ms;
  }
}

}  // namespace
}  // namespace rumor::replay::world
