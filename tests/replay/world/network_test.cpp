// The network model of Maelstrom's net.clj: per-receiver deadline queues, head-of-line blocking,
// partitions checked at the head of the queue, zero-latency clients, global ids and journal counts.
#include "replay/world/network.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "replay/world/event_queue.hpp"
#include "replay/world/latency.hpp"

namespace rumor::replay::world {
namespace {

constexpr std::int64_t ms = ns_per_ms;

enum class Kind : std::uint8_t { wake_endpoint };
using Event = world::Event<Kind>;

// The world's queue as the network's wake-up sink, as a simulator wires it.
class EventQueue final : public world::EventQueue<Kind>, public EndpointWakes {
 public:
  void wake_endpoint(EndpointId endpoint, std::int64_t at_ns) override {
    schedule(at_ns, Kind::wake_endpoint, endpoint);
  }
};

struct Delivered {
  std::int64_t time_ms;
  std::string dest;
  std::string src;
  std::int64_t id;
};

// A network with nodes n0, n1, n2 (endpoints 0..2) and one polling client c0.
struct Harness {
  EventQueue events;
  Network network{LatencyModel{.mean_ms = 100, .dist = LatencyDist::constant}, Rng(7)};
  std::vector<Delivered> delivered;

  Harness() {
    for (const char* id : {"n0", "n1", "n2"}) network.add_endpoint(id, true);
    network.add_endpoint("c0", true);
  }
  SendResult send(const std::string& src, const std::string& dest, std::int64_t at_ms) {
    core::Message message{.src = src,
                          .dest = dest,
                          .msg_id = std::nullopt,
                          .in_reply_to = std::nullopt,
                          .body = core::Gossip{}};
    return network.send(std::move(message), at_ms * ms, events);
  }
  // Runs wake events up to and including `until_ms`.
  void run_until(std::int64_t until_ms) {
    while (!events.empty() && events.top().time_ns <= until_ms * ms) {
      const Event event = events.pop();
      if (auto d = network.take_due(event.target, event.time_ns)) {
        delivered.push_back(
            Delivered{event.time_ns / ms, d->message().dest, d->message().src, d->id});
      }
      network.resume(event.target, event.time_ns, events);
    }
  }
};

TEST(Network, ClientMessagesHaveZeroLatency) {
  Harness h;
  h.send("c0", "n0", 5);
  h.run_until(5);
  ASSERT_EQ(h.delivered.size(), 1u);
  EXPECT_EQ(h.delivered[0].time_ms, 5);
  h.send("n0", "c0", 7);  // a reply to a client: also 0
  h.run_until(7);
  ASSERT_EQ(h.delivered.size(), 2u);
  EXPECT_EQ(h.delivered[1].time_ms, 7);
}

TEST(Network, ServerMessagesTakeTheLatency) {
  Harness h;
  h.send("n1", "n0", 0);
  h.run_until(99);
  EXPECT_TRUE(h.delivered.empty());
  h.run_until(100);
  ASSERT_EQ(h.delivered.size(), 1u);
  EXPECT_EQ(h.delivered[0].time_ms, 100);
}

TEST(Network, ClientMessageWaitsBehindThePeerMessageBeingSleptOn) {
  Harness h;
  h.send("n1", "n0", 0);   // deadline 100
  h.send("c0", "n0", 10);  // deadline 10, but n0's loop is asleep on the peer message
  h.run_until(99);
  EXPECT_TRUE(h.delivered.empty());
  h.run_until(100);
  ASSERT_EQ(h.delivered.size(), 2u);
  EXPECT_EQ(h.delivered[0].src, "n1");
  EXPECT_EQ(h.delivered[1].src, "c0");
  EXPECT_EQ(h.delivered[1].time_ms, 100);
}

TEST(Network, QueuedMessagesLeaveInDeadlineOrderOnceTheLoopIsFree) {
  Harness h;
  h.send("n1", "n0", 0);   // head: deadline 100
  h.send("n2", "n0", 20);  // deadline 120
  h.send("c0", "n0", 50);  // deadline 50: jumps ahead of n2's once the head is delivered
  h.run_until(200);
  ASSERT_EQ(h.delivered.size(), 3u);
  EXPECT_EQ(h.delivered[0].src, "n1");
  EXPECT_EQ(h.delivered[1].src, "c0");
  EXPECT_EQ(h.delivered[1].time_ms, 100);
  EXPECT_EQ(h.delivered[2].src, "n2");
  EXPECT_EQ(h.delivered[2].time_ms, 120);
}

TEST(Network, MessageAlreadySleptOnIsDeliveredDespiteANewPartition) {
  Harness h;
  h.send("n1", "n0", 0);  // taken at once: the loop sleeps until 100
  h.run_until(50);
  Grudge grudge(3);
  grudge.set_drop(0, 1);  // n0 drops n1 from now on
  h.network.set_grudge(grudge);
  h.send("n1", "n0", 60);  // queued behind; checked when it reaches the head, at 100
  h.run_until(300);
  ASSERT_EQ(h.delivered.size(), 1u);
  EXPECT_EQ(h.delivered[0].time_ms, 100);
  const auto counts = h.network.counts();
  EXPECT_EQ(counts.servers.send_count, 2);
  EXPECT_EQ(counts.servers.recv_count, 1);  // the dropped one is never received
}

TEST(Network, PartitionIsCheckedAtTheHeadNotAtTheDeadline) {
  Harness h;
  Grudge grudge(3);
  grudge.set_drop(0, 1);
  h.network.set_grudge(grudge);
  h.send("n1", "n0", 0);  // reaches the head at once and is dropped, though healed at 50
  h.run_until(50);
  h.network.heal();
  h.run_until(300);
  EXPECT_TRUE(h.delivered.empty());
  // Other directions and clients are unaffected.
  h.network.set_grudge(grudge);
  h.send("n0", "n1", 300);
  h.send("c0", "n0", 300);
  h.run_until(500);
  EXPECT_EQ(h.delivered.size(), 2u);
}

TEST(Network, EveryMessageGetsTheNextGlobalId) {
  Harness h;
  h.send("c0", "n0", 0);
  h.send("n0", "n1", 0);
  EXPECT_EQ(h.send("n0", "n9", 0), SendResult::invalid_dest);  // numbered, then rejected
  EXPECT_EQ(h.send("c7", "n1", 0), SendResult::invalid_src);
  h.send("n1", "c0", 0);
  h.run_until(1000);
  std::vector<std::int64_t> ids;
  for (const auto& d : h.delivered) ids.push_back(d.id);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<std::int64_t>{0, 1, 4}));
  EXPECT_EQ(h.network.messages_numbered(), 5);
}

TEST(Network, JournalCountsSplitClientsAndServersAndTypes) {
  Harness h;
  h.send("c0", "n0", 0);
  h.send("n0", "c0", 0);
  h.send("n0", "n1", 0);
  h.send("n1", "n2", 0);
  h.run_until(1000);
  const auto counts = h.network.counts();
  EXPECT_EQ(counts.clients.send_count, 2);
  EXPECT_EQ(counts.clients.recv_count, 2);
  EXPECT_EQ(counts.servers.msg_count, 2);
  EXPECT_EQ(counts.all.send_count, 4);
  EXPECT_EQ(counts.all.recv_count, 4);
  // The harness sends gossip without values: pure acks, which have their own type name.
  ASSERT_EQ(counts.servers_by_type.size(), 1u);
  EXPECT_EQ(counts.servers_by_type[0], (std::pair<std::string, std::int64_t>{"ack", 2}));
}

TEST(Network, ClosedClientIsAnInvalidDestination) {
  Harness h;
  const EndpointId c1 = h.network.add_endpoint("c1", true);
  EXPECT_EQ(h.send("n0", "c1", 0), SendResult::sent);
  h.network.remove_endpoint(c1);
  EXPECT_EQ(h.send("n0", "c1", 0), SendResult::invalid_dest);
  h.run_until(10);
  EXPECT_TRUE(h.delivered.empty());  // its queue went with it
}

// Letter-and-number names are indexed, others hashed: both find exactly the registered names.
TEST(Network, FindsEveryKindOfNameAndOnlyRegisteredOnes) {
  Network network{LatencyModel{}, Rng(1)};
  const std::vector<std::string> names{"n0",       "n10", "n01", "node-a", "N1", "c4194303",
                                       "c4194304", "z9",  "n",   "",       "x1y"};
  for (const auto& name : names) network.add_endpoint(name, true);
  for (std::size_t k = 0; k < names.size(); ++k) {
    EXPECT_EQ(network.find(names[k]), static_cast<EndpointId>(k)) << names[k];
  }
  for (const char* absent : {"n1", "n00", "n010", "c0", "a0", "node", "x1"}) {
    EXPECT_FALSE(network.find(absent).has_value()) << absent;
  }
  network.remove_endpoint(1);  // n10
  network.remove_endpoint(2);  // n01
  network.remove_endpoint(3);  // node-a
  EXPECT_FALSE(network.find("n10").has_value());
  EXPECT_FALSE(network.find("n01").has_value());
  EXPECT_FALSE(network.find("node-a").has_value());
  EXPECT_EQ(network.find("n0"), EndpointId{0});
  // A name registered again maps to its newest endpoint.
  EXPECT_EQ(network.add_endpoint("n10", true), EndpointId{11});
  EXPECT_EQ(network.find("n10"), EndpointId{11});
}

TEST(Network, IdleClientKeepsRepliesQueuedUntilItPollsAgain) {
  Harness h;
  const EndpointId c1 = h.network.add_endpoint("c1", false);
  h.send("n0", "c1", 0);
  h.run_until(100);
  EXPECT_TRUE(h.delivered.empty());
  EXPECT_EQ(h.network.counts().clients.recv_count, 0);
  h.network.set_polling(c1, true, 200 * ms, h.events);
  h.run_until(200);
  ASSERT_EQ(h.delivered.size(), 1u);
  EXPECT_EQ(h.delivered[0].time_ms, 200);
  EXPECT_EQ(h.network.counts().clients.recv_count, 1);
}

// Maelstrom's loop sleeps `(long dt)` ms: what is left to the deadline, truncated to whole ms.
// A head taken right at its send sleeps the full latency; one taken after the previous delivery
// may go out up to 1 ms early, together with the message slept on when less than 1 ms is left.
TEST(Network, SleepsOnlyTheWholeMillisecondsLeftToTheDeadline) {
  Harness h;
  std::vector<std::int64_t> delivered_ns;
  const auto send_at_ns = [&](const char* src, const char* dest, std::int64_t at_ns) {
    core::Message message{.src = src,
                          .dest = dest,
                          .msg_id = std::nullopt,
                          .in_reply_to = std::nullopt,
                          .body = core::Gossip{}};
    h.network.send(std::move(message), at_ns, h.events);
  };
  send_at_ns("n0", "n1", 0);          // due 100 ms; the loop sleeps on it at once
  send_at_ns("n2", "n1", 600'000);    // due 100.6 ms: 0.6 ms left at 100 ms
  send_at_ns("n0", "n1", 1'600'000);  // due 101.6 ms: 1.6 ms left at 100 ms -> 1 ms
  send_at_ns("n0", "n2", 400'000);    // due 100.4 ms, taken at its send: on time
  while (!h.events.empty()) {
    const Event event = h.events.pop();
    if (h.network.take_due(event.target, event.time_ns)) delivered_ns.push_back(event.time_ns);
    h.network.resume(event.target, event.time_ns, h.events);
  }
  EXPECT_EQ(delivered_ns,
            (std::vector<std::int64_t>{100 * ms, 100 * ms, 100 * ms + 400'000, 101 * ms}));
}

TEST(Latency, ConstantIsExact) {
  Rng rng(1);
  LatencyModel model{.mean_ms = 100, .dist = LatencyDist::constant};
  for (int i = 0; i < 100; ++i) EXPECT_EQ(draw_latency_ms(model, rng), 100);
}

TEST(Latency, UniformStaysInZeroToTwiceTheMean) {
  Rng rng(2);
  LatencyModel model{.mean_ms = 100, .dist = LatencyDist::uniform};
  double sum = 0;
  std::int64_t low = 1000, high = -1;
  const int n = 100000;
  for (int i = 0; i < n; ++i) {
    const auto l = draw_latency_ms(model, rng);
    low = std::min(low, l);
    high = std::max(high, l);
    sum += static_cast<double>(l);
  }
  EXPECT_EQ(low, 0);
  EXPECT_EQ(high, 199);
  EXPECT_NEAR(sum / n, 99.5, 1.0);
}

TEST(Latency, ExponentialHasTheMeanAndTruncates) {
  Rng rng(3);
  LatencyModel model{.mean_ms = 100, .dist = LatencyDist::exponential};
  double sum = 0;
  std::int64_t low = 1000;
  const int n = 200000;
  for (int i = 0; i < n; ++i) {
    const auto l = draw_latency_ms(model, rng);
    low = std::min(low, l);
    sum += static_cast<double>(l);
  }
  EXPECT_EQ(low, 0);
  // Truncation takes about half a millisecond off the mean.
  EXPECT_NEAR(sum / n, 99.5, 1.5);
}

}  // namespace
}  // namespace rumor::replay::world
