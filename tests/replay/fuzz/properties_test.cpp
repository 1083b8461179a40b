// rapidcheck properties over a small cluster of cores (2-5 nodes): arbitrary schedules of
// deliveries, drops, duplicates, partitions and ticks, then heal and ticks. A failing case
// shrinks to a minimal schedule; rapidcheck prints RC_PARAMS="reproduce=..." to rerun it.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <sstream>

#include "mini_cluster.hpp"

namespace rumor::replay::fuzz {
namespace {

using testing::MiniCluster;

enum class Op { broadcast, deliver, drop, duplicate, tick, partition, heal };

// One schedule step; `a` and `b` are reduced modulo whatever they index when applied, so every
// generated (and every shrunk) schedule is valid.
struct Command {
  Op op = Op::tick;
  int a = 0;
  int b = 0;
};

std::ostream& operator<<(std::ostream& out, const Command& command) {
  static const char* const names[] = {"broadcast", "deliver",   "drop", "duplicate",
                                      "tick",      "partition", "heal"};
  return out << names[static_cast<int>(command.op)] << "(" << command.a << "," << command.b << ")";
}

}  // namespace
}  // namespace rumor::replay::fuzz

namespace rc {
template <>
struct Arbitrary<rumor::replay::fuzz::Command> {
  static Gen<rumor::replay::fuzz::Command> arbitrary() {
    using rumor::replay::fuzz::Command;
    using rumor::replay::fuzz::Op;
    // Deliveries dominate, so schedules make progress; the rest disturb it.
    const auto op = gen::weightedElement<Op>({{3, Op::broadcast},
                                              {8, Op::deliver},
                                              {2, Op::drop},
                                              {2, Op::duplicate},
                                              {4, Op::tick},
                                              {1, Op::partition},
                                              {1, Op::heal}});
    return gen::build<Command>(gen::set(&Command::op, op),
                               gen::set(&Command::a, gen::inRange(0, 1000)),
                               gen::set(&Command::b, gen::inRange(0, 1000)));
  }
};
}  // namespace rc

namespace rumor::replay::fuzz {
namespace {

struct Setup {
  int nodes = 2;
  std::string profile;
  std::uint64_t seed = 0;
};

Setup any_setup() {
  return Setup{*rc::gen::inRange(2, 6),
               *rc::gen::element<std::string>("default", "frugal", "fast", "topology"),
               *rc::gen::inRange<std::uint64_t>(0, 1000)};
}

// Runs the schedule. The cut side of a partition is a node mask: messages between a node inside
// and one outside are lost when delivered. `on_deliver` may inspect each delivery before it.
template <typename OnDeliver>
void run(MiniCluster& cluster, const std::vector<Command>& commands, OnDeliver on_deliver) {
  unsigned cut_mask = 0;
  core::Value next_value = 0;
  for (const auto& command : commands) {
    const int node = command.a % cluster.size();
    const auto flights = cluster.in_flight().size();
    const std::size_t k = flights == 0 ? 0 : static_cast<std::size_t>(command.a) % flights;
    switch (command.op) {
      case Op::broadcast:
        // Small b makes a duplicate broadcast of an earlier value now and then.
        cluster.broadcast(
            node, command.b < 100 && next_value > 0 ? command.b % next_value : next_value++);
        break;
      case Op::deliver: {
        if (flights == 0) break;
        const auto& flight = cluster.in_flight()[k];
        const bool cut = ((cut_mask >> flight.to) & 1U) != ((cut_mask >> flight.from) & 1U);
        on_deliver(cluster, k, cut);
        cluster.deliver(k, cut);
        break;
      }
      case Op::drop:
        if (flights > 0) cluster.drop(k);
        break;
      case Op::duplicate: {
        if (flights == 0) break;
        const auto& flight = cluster.in_flight()[k];
        const bool cut = ((cut_mask >> flight.to) & 1U) != ((cut_mask >> flight.from) & 1U);
        if (!cut) cluster.deliver_copy(k);
        break;
      }
      case Op::tick:
        cluster.advance(1 + command.b % 400);
        cluster.tick(node);
        break;
      case Op::partition:
        cut_mask = static_cast<unsigned>(command.b) & ((1U << cluster.size()) - 1);
        break;
      case Op::heal:
        cut_mask = 0;
        break;
    }
    // Safety along the way: a node holds only broadcast values.
    for (int n = 0; n < cluster.size(); ++n) {
      for (core::Value value : cluster.state(n).values) RC_ASSERT(cluster.broadcast().count(value));
    }
  }
}

RC_GTEST_PROP(FuzzProperties, AnyScheduleConvergesAfterHeal,
              (const std::vector<Command>& commands)) {
  const Setup setup = any_setup();
  MiniCluster cluster(setup.nodes, setup.profile, setup.seed);
  run(cluster, commands, [](MiniCluster&, std::size_t, bool) {});
  RC_ASSERT(cluster.settle(cluster.settle_bound_ms()));
  RC_ASSERT(cluster.replies() ==
            setup.nodes + static_cast<int>(std::count_if(
                              commands.begin(), commands.end(),
                              [](const Command& c) { return c.op == Op::broadcast; })));
}

RC_GTEST_PROP(FuzzProperties, RedeliveryIsIdempotent, (const std::vector<Command>& commands)) {
  const Setup setup = any_setup();
  MiniCluster cluster(setup.nodes, setup.profile, setup.seed);
  run(cluster, commands, [](MiniCluster& c, std::size_t k, bool cut) {
    if (cut) return;
    // Deliver the message once on a copy of the cluster, then again: the second delivery must
    // not change what the receiver holds.
    MiniCluster once = c;
    const int to = once.in_flight()[k].to;
    once.deliver_copy(k);
    const auto after_once = once.state(to).values;
    once.deliver_copy(k);
    RC_ASSERT(once.state(to).values == after_once);
  });
}

RC_GTEST_PROP(FuzzProperties, DeliveryOrderDoesNotChangeFinalSets,
              (const std::vector<Command>& commands)) {
  const Setup setup = any_setup();
  MiniCluster cluster(setup.nodes, setup.profile, setup.seed);
  run(cluster, commands, [](MiniCluster&, std::size_t, bool) {});
  // Whatever is in flight now, delivered in two different orders.
  const auto flights = cluster.in_flight().size();
  std::vector<std::size_t> order(flights);
  for (std::size_t i = 0; i < flights; ++i) order[i] = i;
  const auto permutation = *rc::gen::arbitrary<std::vector<int>>();
  for (std::size_t i = 0; i < permutation.size() && flights > 1; ++i) {
    std::swap(order[i % flights], order[static_cast<std::size_t>(permutation[i]) % flights]);
  }
  MiniCluster in_order = cluster;
  MiniCluster shuffled = cluster;
  // Deliver exactly the original in-flight messages (new ones they cause wait for settle).
  for (std::size_t i = 0; i < flights; ++i) in_order.deliver(0);
  for (std::size_t i = 0; i < flights; ++i) {
    // Deliver original message order[i]: earlier removals shift indices down.
    std::size_t index = order[i];
    for (std::size_t j = 0; j < i; ++j) index -= order[j] < order[i] ? 1 : 0;
    shuffled.deliver(index);
  }
  for (int node = 0; node < cluster.size(); ++node) {
    RC_ASSERT(in_order.set_of(node) == shuffled.set_of(node));
  }
  RC_ASSERT(in_order.settle(in_order.settle_bound_ms()));
  RC_ASSERT(shuffled.settle(shuffled.settle_bound_ms()));
  for (int node = 0; node < cluster.size(); ++node) {
    RC_ASSERT(in_order.set_of(node) == shuffled.set_of(node));
  }
}

}  // namespace
}  // namespace rumor::replay::fuzz
