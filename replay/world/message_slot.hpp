// Moving a message into a slot that held an earlier one (the network's and the fuzzer's
// in-flight slots are reused as messages are delivered). A string's move calls memcpy even for
// an id's few characters, and a variant's assignment dispatches on both sides: in the fuzzer,
// moving both ids whole was a third of storing a message.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <variant>

#include "core/message.hpp"

namespace rumor::replay::world {

// Overwrites an id with another, character by character when their lengths agree (the ids of a
// cluster mostly do).
inline void overwrite_id(std::string& kept, const std::string& id) {
  if (kept.size() != id.size()) {
    kept = id;
    return;
  }
  for (std::size_t k = 0; k < id.size(); ++k) kept[k] = id[k];
}

// Everything but the ids: gossip onto gossip (most messages) without the variant's dispatch.
inline void move_payload(core::Message& kept, core::Message&& message) {
  kept.msg_id = message.msg_id;
  kept.in_reply_to = message.in_reply_to;
  auto* gossip = std::get_if<core::Gossip>(&message.body);
  auto* kept_gossip = std::get_if<core::Gossip>(&kept.body);
  if (gossip != nullptr && kept_gossip != nullptr) {
    *kept_gossip = std::move(*gossip);
  } else {
    kept.body = std::move(message.body);
  }
}

inline void move_message(core::Message& kept, core::Message&& message) {
  overwrite_id(kept.src, message.src);
  overwrite_id(kept.dest, message.dest);
  move_payload(kept, std::move(message));
}

}  // namespace rumor::replay::world
