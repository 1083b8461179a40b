// An in-process cluster of cores for tests: a deterministic network with per-message latency,
// optional random loss, cuts between nodes, and 10 ms ticks. Records every server message sent.
// Each node is a runtime::Host (message level), as in every runner; a host that fails fails the
// test. Randomness is the core's own splitmix64 (core::next_random), never the standard
// library's distributions, whose output differs between standard libraries.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <utility>

#include "core/state.hpp"
#include "core/step.hpp"
#include "runtime/host.hpp"
#include "test_support.hpp"

namespace rumor::core {

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
        names_(node_names(static_cast<std::size_t>(n))) {
    for (const auto& name : names_) {
      nodes_.emplace(name, runtime::Host(make_state(*profile_named(profile), seed),
                                         runtime::silent_host_options()));
      step(name, Received{request("c0", name, 1, Init{name, names_}), 0});
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
        for (const auto& entry : nodes_) step(entry.first, Tick{now_ms_});
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
    for (const auto& [name, host] : nodes_) {
      if (!has_every_value(host)) ++lacking;
    }
    return lacking;
  }
  bool converged() const {
    for (const auto& [name, host] : nodes_) {
      if (!has_every_value(host)) return false;
    }
    return true;
  }
  std::int64_t server_messages() const { return server_messages_; }

 private:
  bool has_every_value(const runtime::Host& host) const {
    if (host.failed()) return false;
    const auto& values = host.state().values;
    return std::set<Value>(values.begin(), values.end()) == sent_;
  }
  void step(const std::string& node, Input input) {
    runtime::Host& host = nodes_.at(node);
    const Output output = host.step(std::move(input));
    if (host.failed()) ADD_FAILURE() << node << " failed: " << host.failure()->reason;
    send(output);
  }
  void handle(const std::string& node, const Message& message) {
    step(node, Received{message, now_ms_});
  }
  // Uniform in [0, 1) with 53 bits.
  double unit() { return static_cast<double>(next_random(rng_) >> 11) * 0x1.0p-53; }
  void send(const Output& output) {
    for (const auto& message : output.messages) {
      if (message.dest[0] == 'c') continue;  // replies to clients
      ASSERT_TRUE(nodes_.count(message.dest)) << message.dest;
      ++server_messages_;
      sent_messages_.push_back(SentMessage{now_ms_, message});
      if (unit() < loss_) continue;
      if (!cut_.empty() && cut_.count(message.src) != cut_.count(message.dest)) continue;
      const auto latency_span = static_cast<std::uint64_t>(latency_ms_max_ - latency_ms_min_ + 1);
      const std::int64_t latency =
          latency_ms_min_ + static_cast<std::int64_t>(next_random(rng_) % latency_span);
      in_flight_.emplace(std::make_pair(now_ms_ + latency, sequence_++), message);
    }
  }

  std::uint64_t rng_;  // splitmix64 state
  double loss_;
  std::int64_t latency_ms_min_;
  std::int64_t latency_ms_max_;
  std::set<std::string> cut_;
  std::vector<SentMessage> sent_messages_;
  std::vector<std::string> names_;
  std::map<std::string, runtime::Host> nodes_;
  std::map<std::pair<std::int64_t, std::uint64_t>, Message> in_flight_;
  std::set<Value> sent_;
  std::int64_t now_ms_ = 0;
  std::int64_t next_msg_id_ = 1;
  std::uint64_t sequence_ = 0;
  std::int64_t server_messages_ = 0;
};

}  // namespace rumor::core
