// Moving a message into a slot that held an earlier one (the network's and the fuzzer's
// in-flight slots are reused as messages are delivered). A string's move calls memcpy even for
// an id's few characters, and a variant's assignment dispatches on both sides: in the fuzzer,
// moving both ids whole was a third of storing a message. Ids are overwritten as a step's sends
// overwrite them (core::overwrite_id, core/message_list.hpp).
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <variant>

#include "core/message.hpp"
#include "core/message_list.hpp"

namespace rumor::replay::world {

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
  core::overwrite_id(kept.src, message.src);
  core::overwrite_id(kept.dest, message.dest);
  move_payload(kept, std::move(message));
}

}  // namespace rumor::replay::world
