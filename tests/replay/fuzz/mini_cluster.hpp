// A few cores wired by hand for the property tests: messages between nodes wait in an explicit
// in-flight list, and the test decides which one is delivered, dropped or duplicated, and when
// each node ticks. No latency model, no fault windows: the schedule is the generated data.
#pragma once

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "core/node_names.hpp"
#include "core/step.hpp"

namespace rumor::replay::fuzz::testing {

struct InFlight {
  int to = 0;
  int from = 0;
  core::Message message;
};

class MiniCluster {
 public:
  MiniCluster(int nodes, const std::string& profile, std::uint64_t seed) {
    const std::vector<std::string> ids = core::node_names(static_cast<std::size_t>(nodes));
    for (int i = 0; i < nodes; ++i) {
      states_.push_back(core::make_state(*core::profile_named(profile), seed));
      request(i, core::Init{core::node_name(i), ids});
    }
  }
  int size() const { return static_cast<int>(states_.size()); }
  std::int64_t now_ms() const { return now_ms_; }
  const std::vector<InFlight>& in_flight() const { return in_flight_; }
  const core::State& state(int node) const { return states_[static_cast<std::size_t>(node)]; }
  const std::set<core::Value>& broadcast() const { return broadcast_; }

  void broadcast(int node, core::Value value) {
    broadcast_.insert(value);
    request(node, core::Broadcast{value});
  }

  void advance(std::int64_t ms) { now_ms_ += ms; }

  void tick(int node) { step(node, core::Tick{now_ms_}); }

  // Removes in-flight message k and delivers it (unless `cut` says its link is down).
  void deliver(std::size_t k, bool cut = false) {
    InFlight flight = std::move(in_flight_[k]);
    in_flight_.erase(in_flight_.begin() + static_cast<std::ptrdiff_t>(k));
    if (!cut) step(flight.to, core::Received{std::move(flight.message), now_ms_});
  }

  void drop(std::size_t k) {
    in_flight_.erase(in_flight_.begin() + static_cast<std::ptrdiff_t>(k));
  }

  // Delivers a copy of in-flight message k and leaves the original in flight.
  void deliver_copy(std::size_t k) {
    const InFlight copy = in_flight_[k];
    step(copy.to, core::Received{copy.message, now_ms_});
  }

  std::set<core::Value> set_of(int node) const {
    const auto& values = state(node).values;
    return {values.begin(), values.end()};
  }

  bool converged() const {
    for (int node = 0; node < size(); ++node) {
      if (set_of(node) != broadcast_) return false;
    }
    return true;
  }

  // Heal: every `tick_ms`, every node ticks and everything in flight is delivered, for at most
  // `settle_ms`. Returns whether the cluster converged.
  bool settle(std::int64_t settle_ms, std::int64_t tick_ms = 10) {
    for (std::int64_t spent_ms = 0; spent_ms <= settle_ms; spent_ms += tick_ms) {
      if (converged() && in_flight_.empty()) return true;
      advance(tick_ms);
      for (int node = 0; node < size(); ++node) tick(node);
      while (!in_flight_.empty()) deliver(0);
    }
    return converged();
  }

  // The longest a healed cluster may need: a resend, an ack wait and batching, per hop (2).
  std::int64_t settle_bound_ms() const {
    const auto& profile = state(0).profile;
    const std::int64_t hop_ms = profile.retransmit_ms + profile.retransmit_ms / 4 +
                                profile.ack_delay_ms + profile.origin_batch_ms +
                                profile.relay_batch_ms + profile.relay_phase_ms + 100;
    return 2 * hop_ms;
  }

  // Every client request is answered exactly once; peers' messages join the in-flight list.
  int replies() const { return replies_; }

 private:
  void request(int node, core::Body body) {
    core::Message message{core::client_name(node), core::node_name(node), next_msg_id_++,
                          std::nullopt, std::move(body)};
    step(node, core::Received{std::move(message), now_ms_});
  }

  void step(int node, core::Input input) {
    auto& state = states_[static_cast<std::size_t>(node)];
    auto result = core::step(std::move(state), input);
    state = std::move(result.state);
    for (auto& message : result.output.messages) {
      if (message.dest[0] == 'c') {
        ++replies_;
        continue;
      }
      const int to = std::stoi(message.dest.substr(1));
      in_flight_.push_back(InFlight{to, node, std::move(message)});
    }
  }

  std::vector<core::State> states_;
  std::vector<InFlight> in_flight_;
  std::set<core::Value> broadcast_;
  std::int64_t now_ms_ = 0;
  std::int64_t next_msg_id_ = 1;
  int replies_ = 0;
};

}  // namespace rumor::replay::fuzz::testing
