// Benchmark (prints figures, not a test): what one gossiped value costs the `topology` profile as
// the cluster grows. The node n0 of an N-node cluster is told that every other node is its
// neighbour (the worst topology an attacker can send), then a peer gossips it values; each new
// value must be queued for N - 2 peers, so the cost per value can grow with N but must not grow
// with N squared. Figures are recorded in tests/benchmarks.md ("Attacks (issue 9)").
//
//   build/tests/core/topology_bench [NODE_COUNT...]   (default: 100 1000 10000)
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "core/node_names.hpp"
#include "core/step.hpp"

namespace {

using namespace rumor::core;

constexpr std::size_t values_per_gossip = 20;

Output deliver(State& state, Message message, std::int64_t now_ms) {
  auto result = step(std::move(state), Received{std::move(message), now_ms});
  state = std::move(result.state);
  return std::move(result.output);
}

Message from(std::string src, Body body, std::optional<std::int64_t> msg_id) {
  return Message{.src = std::move(src),
                 .dest = "n0",
                 .msg_id = msg_id,
                 .in_reply_to = std::nullopt,
                 .body = std::move(body)};
}

// n0 of an N-node cluster whose topology makes every other node its neighbour.
State flooding_node(std::size_t node_count) {
  const std::vector<std::string> ids = node_names(node_count);
  State state = make_state(*profile_named("topology"), 1);
  deliver(state, from("c0", Init{"n0", ids}, 1), 0);
  Topology topology;
  topology.neighbours["n0"] = std::vector<std::string>(ids.begin() + 1, ids.end());
  deliver(state, from("c0", std::move(topology), 2), 0);
  return state;
}

// Microseconds per value of gossips of values_per_gossip new values from n1 (median of a few).
double microseconds_per_value(std::size_t node_count) {
  State state = flooding_node(node_count);
  const int rounds = node_count >= 1000 ? 5 : 20;
  std::vector<double> per_value;
  std::uint64_t offset = 0;
  for (int round = 0; round < rounds; ++round) {
    Gossip gossip{.offset = offset, .values = {}, .ack = 0};
    for (std::size_t k = 0; k < values_per_gossip; ++k) {
      gossip.values.push_back(static_cast<Value>(offset + k));
    }
    offset += values_per_gossip;
    const auto start = std::chrono::steady_clock::now();
    deliver(state, from("n1", std::move(gossip), std::nullopt), 1 + round);
    const std::chrono::duration<double, std::micro> elapsed =
        std::chrono::steady_clock::now() - start;
    per_value.push_back(elapsed.count() / values_per_gossip);
  }
  std::sort(per_value.begin(), per_value.end());
  return per_value[per_value.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::size_t> node_counts = {100, 1000, 10000};
  if (argc > 1) {
    node_counts.clear();
    for (int i = 1; i < argc; ++i) node_counts.push_back(std::strtoull(argv[i], nullptr, 10));
  }
  std::printf("topology profile, every node a neighbour, gossips of %zu new values\n",
              values_per_gossip);
  std::printf("%8s %16s %22s\n", "nodes", "us per value", "ns per value per node");
  for (const std::size_t node_count : node_counts) {
    if (!flooding_node(node_count).initialised()) {
      std::printf("%8zu %16s\n", node_count, "init refused");
      continue;
    }
    const double us = microseconds_per_value(node_count);
    std::printf("%8zu %16.1f %22.2f\n", node_count, us,
                1000.0 * us / static_cast<double>(node_count));
  }
  return 0;
}
