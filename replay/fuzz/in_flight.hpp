// The messages of a fuzz run on their way, each in a slot already in the form of the receiving
// host's input (a Received, its time set on delivery), so a message moves once, into its slot,
// and the host steps on it there. A slot is reused once its message is delivered or dropped.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/message.hpp"
#include "core/step.hpp"
#include "replay/world/message_slot.hpp"

namespace rumor::replay::fuzz {

class InFlight {
 public:
  // Room for what most runs have in flight at once (a few hundred messages, ≈ 200 bytes each),
  // so the slots are seldom moved to larger storage as they grow.
  InFlight() { slots_.reserve(slots_reserved); }

  // Stores a message from node `from` (-1: from its client) to node `to`; returns its slot. The
  // ids of a reused slot are rewritten only where its last message's route differs (ids are
  // those of the route's ends: n<from> or c<to>, and n<to>), as moving both was a third of a
  // store.
  std::uint32_t store(core::Message&& message, int from, int to) {
    if (free_.empty()) {  // built in place: a Slot{Received{...}} moved the message thrice
      Slot& slot = slots_.emplace_back();
      slot.received().message = std::move(message);
      slot.from = from;
      slot.to = to;
      return static_cast<std::uint32_t>(slots_.size() - 1);
    }
    const std::uint32_t index = free_.back();
    free_.pop_back();
    Slot& slot = slots_[index];
    core::Message& kept = slot.received().message;
    // A client's id is that of its node's: c<to>.
    const bool same_src = slot.from == from && (from >= 0 || slot.to == to);
    if (!same_src) core::overwrite_id(kept.src, message.src);
    if (slot.to != to) core::overwrite_id(kept.dest, message.dest);
    world::move_payload(kept, std::move(message));
    slot.from = from;
    slot.to = to;
    return index;
  }

  // The slot may be reused by the next store; its message stays readable until then.
  void release(std::uint32_t index) { free_.push_back(index); }

  core::Received& received(std::uint32_t index) { return slots_[index].received(); }
  const core::Input& input(std::uint32_t index) const { return slots_[index].input; }
  // The sending node, or -1 for a client.
  int from(std::uint32_t index) const { return slots_[index].from; }

 private:
  static constexpr std::size_t slots_reserved = 256;

  struct Slot {
    core::Input input = core::Received{};
    int from = -1;
    int to = 0;
    core::Received& received() { return *std::get_if<core::Received>(&input); }
  };

  std::vector<Slot> slots_;
  std::vector<std::uint32_t> free_;
};

}  // namespace rumor::replay::fuzz
