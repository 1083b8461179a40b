// The requests of a fuzz run's clients: client c<k> talks to node n<k> only, so each node's
// requests are one input kept for the run with its ids set once; each request rewrites its
// msg_id, body and time there (building and destroying a Message with two id copies per request
// cost more). The msg_ids count per client from 1, setup requests included.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/message.hpp"
#include "core/node_names.hpp"
#include "core/step.hpp"

namespace rumor::replay::fuzz {

class ClientRequests {
 public:
  explicit ClientRequests(const std::vector<std::string>& node_ids)
      : next_msg_id_(node_ids.size(), 1) {
    inputs_.reserve(node_ids.size());
    for (std::size_t node = 0; node < node_ids.size(); ++node) {
      inputs_.push_back(core::Received{core::Message{.src = core::client_name(node),
                                                     .dest = node_ids[node],
                                                     .msg_id = std::nullopt,
                                                     .in_reply_to = std::nullopt,
                                                     .body = core::Read{}},
                                       0});
    }
  }

  // The client's id, c<node>.
  const std::string& client_id(int node) const { return message(node).src; }

  // The next msg_id of the node's client.
  std::int64_t take_msg_id(int node) { return next_msg_id_[at(node)]++; }

  // The node's next request, a read until the caller sets another body (message()), at now_ms on
  // the node's clock.
  const core::Input& next(int node, std::int64_t now_ms) {
    core::Received& received = *std::get_if<core::Received>(&inputs_[at(node)]);
    received.now_ms = now_ms;
    received.message.msg_id = take_msg_id(node);
    received.message.body = core::Read{};
    return inputs_[at(node)];
  }
  core::Message& message(int node) {
    return std::get_if<core::Received>(&inputs_[at(node)])->message;
  }
  const core::Message& message(int node) const {
    return std::get_if<core::Received>(&inputs_[at(node)])->message;
  }

 private:
  static std::size_t at(int node) { return static_cast<std::size_t>(node); }

  std::vector<core::Input> inputs_;
  std::vector<std::int64_t> next_msg_id_;
};

}  // namespace rumor::replay::fuzz
