// An in-process cluster of cores for tests: a deterministic network with per-message latency,
// optional random loss, cuts between nodes, and 10 ms ticks. Records every server message sent.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>
#include <utility>

#include "core/step.hpp"
#include "test_support.hpp"

namespace rumor::core {

using testing::ids;
using testing::request;

struct SentMessage {
  std::int64_t time_ms;
  Message message;
};

// A minimal deterministic network: per-message random latency, optional loss, 10 ms ticks.
class Cluster {
 public:
  Cluster(int n, const std::string& profile, std::uint64_t seed, double loss,
          std::int64_t latency_ms_min = 1, std::int64_t latency_ms_max = 30)
      : rng_(seed),
        loss_(loss),
        latency_ms_min_(latency_ms_min),
        latency_ms_max_(latency_ms_max),
        names_(ids(n)) {
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
  // Messages from a node in `side` to a node outside it, or back, are dropped until heal().
  void cut(std::set<std::string> side) { cut_ = std::move(side); }
  void heal() { cut_.clear(); }
  std::int64_t now_ms() const { return now_ms_; }
  const std::vector<SentMessage>& sent() const { return sent_messages_; }
  std::size_t nodes_lacking_values() const {
    std::size_t lacking = 0;
    for (const auto& [name, state] : nodes_) {
      if (std::set<Value>(state.values.begin(), state.values.end()) != sent_) ++lacking;
    }
    return lacking;
  }
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
      sent_messages_.push_back(SentMessage{now_ms_, message});
      if (std::bernoulli_distribution(loss_)(rng_)) continue;
      if (!cut_.empty() && cut_.count(message.src) != cut_.count(message.dest)) continue;
      const std::int64_t latency =
          std::uniform_int_distribution<std::int64_t>(latency_ms_min_, latency_ms_max_)(rng_);
      in_flight_.emplace(std::make_pair(now_ms_ + latency, sequence_++), message);
    }
  }

  std::mt19937_64 rng_;
  double loss_;
  std::int64_t latency_ms_min_;
  std::int64_t latency_ms_max_;
  std::set<std::string> cut_;
  std::vector<SentMessage> sent_messages_;
  std::vector<std::string> names_;
  std::map<std::string, State> nodes_;
  std::map<std::pair<std::int64_t, std::uint64_t>, Message> in_flight_;
  std::set<Value> sent_;
  std::int64_t now_ms_ = 0;
  std::int64_t next_msg_id_ = 1;
  std::uint64_t sequence_ = 0;
  std::int64_t server_messages_ = 0;
};

}  // namespace rumor::core
