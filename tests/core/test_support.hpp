// Helpers shared by the core's tests: building messages and stepping a state in place, through
// the host every runner uses (runtime/host.hpp), so a test steps the core exactly as they do.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/node_names.hpp"
#include "core/step.hpp"
#include "runtime/host.hpp"

namespace rumor::core::testing {

// A link's profile for the link tests: acks after 300 ms, retransmits after 1 s.
inline Profile link_test_profile(std::size_t values_per_message_max) {
  Profile profile;
  profile.name = "test";
  profile.ack_delay_ms = 300;
  profile.retransmit_ms = 1000;
  profile.values_per_message_max = values_per_message_max;
  return profile;
}

inline Message request(std::string src, std::string dest, std::int64_t msg_id, Body body) {
  return Message{.src = std::move(src),
                 .dest = std::move(dest),
                 .msg_id = msg_id,
                 .in_reply_to = std::nullopt,
                 .body = std::move(body)};
}

// The host's failure (a broken invariant, say) fails the test with its reason.
inline void require_not_failed(const runtime::Host& host) {
  if (host.failed()) throw std::runtime_error("the host failed: " + host.failure()->reason);
}

inline Output step_in_place(State& state, Input input) {
  runtime::Host host(std::move(state), runtime::silent_host_options());
  Output output = std::move(host.step(input));
  require_not_failed(host);
  state = std::move(host).release_state();
  return output;
}

inline Output deliver(State& state, Message message, std::int64_t now_ms) {
  return step_in_place(state, Received{std::move(message), now_ms});
}

inline Output tick(State& state, std::int64_t now_ms) { return step_in_place(state, Tick{now_ms}); }

// A node of an n-node cluster, initialised, with the given profile.
inline State initialised_node(const std::string& self, int n,
                              const std::string& profile = "default", std::uint64_t seed = 1) {
  State state = make_state(*profile_named(profile), seed);
  deliver(state, request("c0", self, 1, Init{self, node_names(static_cast<std::size_t>(n))}), 0);
  return state;
}

inline std::vector<Message> gossip_to(const Output& output, const std::string& dest) {
  std::vector<Message> out;
  for (const auto& m : output.messages) {
    if (m.dest == dest && std::holds_alternative<Gossip>(m.body)) out.push_back(m);
  }
  return out;
}

}  // namespace rumor::core::testing
