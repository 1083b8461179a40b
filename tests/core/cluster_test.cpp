// Several cores wired together in-process: every value reaches every node, with and without
// lost messages, under every profile.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

#include "core/step.hpp"
#include "test_support.hpp"

namespace rumor::core {
namespace {

using testing::ids;
using testing::request;

// A minimal deterministic network: per-message random latency, optional loss, 10 ms ticks.
class Cluster {
 public:
  Cluster(int n, const std::string& profile, std::uint64_t seed, double loss)
      : rng_(seed), loss_(loss), names_(ids(n)) {
    for (const auto& name : names_) {
      nodes_[name] = make_state(*profile_named(profile), seed);
      testing::deliver(nodes_[name], request("c0", name, 1, Init{name, names_}), 0);
    }
  }

  void broadcast(const std::string& node, Value value) {
    handle(node, request("c1", node, next_msg_id_++, Broadcast{value}));
    sent_.insert(value);
  }

  // Advance time by `ms`, delivering what is due and ticking every node every 10 ms.
  void run_for(std::int64_t ms) {
    const std::int64_t end = now_ms_ + ms;
    for (; now_ms_ < end; ++now_ms_) {
      while (!in_flight_.empty() && in_flight_.begin()->first.first <= now_ms_) {
        auto message = in_flight_.begin()->second;
        in_flight_.erase(in_flight_.begin());
        handle(message.dest, message);
      }
      if (now_ms_ % 10 == 0) {
        for (auto& [name, state] : nodes_) send(testing::tick(state, now_ms_));
      }
    }
  }

  void set_loss(double loss) { loss_ = loss; }
  bool converged() const {
    for (const auto& [name, state] : nodes_) {
      if (std::set<Value>(state.values.begin(), state.values.end()) != sent_) return false;
    }
    return true;
  }
  std::int64_t server_messages() const { return server_messages_; }

 private:
  void handle(const std::string& node, const Message& message) {
    send(testing::deliver(nodes_.at(node), message, now_ms_));
  }
  void send(const Output& output) {
    for (const auto& message : output.messages) {
      if (message.dest[0] == 'c') continue;  // replies to clients
      ASSERT_TRUE(nodes_.count(message.dest)) << message.dest;
      ++server_messages_;
      if (std::bernoulli_distribution(loss_)(rng_)) continue;
      const std::int64_t latency = std::uniform_int_distribution<int>(1, 30)(rng_);
      in_flight_.emplace(std::make_pair(now_ms_ + latency, sequence_++), message);
    }
  }

  std::mt19937_64 rng_;
  double loss_;
  std::vector<std::string> names_;
  std::map<std::string, State> nodes_;
  std::map<std::pair<std::int64_t, std::uint64_t>, Message> in_flight_;
  std::set<Value> sent_;
  std::int64_t now_ms_ = 0;
  std::int64_t next_msg_id_ = 1;
  std::uint64_t sequence_ = 0;
  std::int64_t server_messages_ = 0;
};

class ClusterProfiles : public ::testing::TestWithParam<std::string> {};

TEST_P(ClusterProfiles, FiveNodesWithoutFaultsConverge) {
  Cluster cluster(5, GetParam(), 3, 0.0);
  for (Value v = 0; v < 100; ++v) {
    cluster.broadcast("n" + std::to_string(v % 5), v);
    cluster.run_for(20);
  }
  cluster.run_for(2000);
  EXPECT_TRUE(cluster.converged());
}

TEST_P(ClusterProfiles, LostMessagesAreRetransmitted) {
  Cluster cluster(5, GetParam(), 4, 0.3);
  for (Value v = 0; v < 200; ++v) {
    cluster.broadcast("n" + std::to_string((v * 3) % 5), v);
    cluster.run_for(13);
  }
  cluster.run_for(3000);
  cluster.set_loss(0.0);  // heal: liveness needs a working network eventually
  cluster.run_for(15000);
  EXPECT_TRUE(cluster.converged());
}

INSTANTIATE_TEST_SUITE_P(AllProfiles, ClusterProfiles, ::testing::ValuesIn(profile_names()));

TEST(Cluster, StarSendsFewMessagesPerValue) {
  Cluster cluster(5, "default", 5, 0.0);
  for (Value v = 0; v < 200; ++v) {
    cluster.broadcast("n" + std::to_string(1 + v % 4), v);
    cluster.run_for(5);
  }
  cluster.run_for(3000);
  ASSERT_TRUE(cluster.converged());
  // Unbatched flooding would need at least 4 messages per value; the star's batches need far fewer.
  EXPECT_LT(cluster.server_messages(), 2 * 200);
}

}  // namespace
}  // namespace rumor::core
