// The messages one step sends: a list used like a vector, which keeps the messages of earlier
// steps built after clear() so the next step's sends overwrite them in place. A node sends from
// the same id, mostly to the same few peers, step after step: rebuilding each message from
// nothing (two strings, two optionals, a body) and destroying it at the next step cost a core
// more than filling in the few fields that change (tests/benchmarks.md, "Sent messages
// overwritten in place").
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "core/message.hpp"

namespace rumor::core {

// Overwrites an id with another, character by character when their lengths agree (the ids of a
// cluster mostly do): a string's assignment calls memcpy even for an id's few characters. The
// two- and three-character ids of n0..n999 and c0..c999 are copied without a loop; the ends are
// held in locals, as a store through a char may change anything the compiler would reread.
inline void overwrite_id(std::string& kept, const std::string& id) {
  const std::size_t size = id.size();
  if (kept.size() != size) {
    kept = id;
    return;
  }
  char* const to = kept.data();
  const char* const from = id.data();
  if (size == 2 || size == 3) {
    to[0] = from[0];
    to[1] = from[1];
    if (size == 3) to[2] = from[2];
    return;
  }
  for (std::size_t k = 0; k < size; ++k) to[k] = from[k];
}

class MessageList {
 public:
  using value_type = Message;
  using iterator = Message*;
  using const_iterator = const Message*;
  using size_type = std::size_t;

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  Message* begin() { return items_.data(); }
  Message* end() { return items_.data() + size_; }
  const Message* begin() const { return items_.data(); }
  const Message* end() const { return items_.data() + size_; }
  Message& operator[](std::size_t i) { return items_[i]; }
  const Message& operator[](std::size_t i) const { return items_[i]; }
  Message& front() { return items_[0]; }
  const Message& front() const { return items_[0]; }
  Message& back() { return items_[size_ - 1]; }
  const Message& back() const { return items_[size_ - 1]; }

  // Empties the list; the messages stay built for reuse (their contents are no longer read).
  void clear() { size_ = 0; }

  // Appends a message equal to Message{}, as a vector's emplace_back() does.
  Message& emplace_back() {
    if (size_ < items_.size()) items_[size_] = Message{};
    return next_to_fill();
  }
  void push_back(Message message) { emplace_back() = std::move(message); }

  // Appends a message for the caller to fill: one sent by an earlier step (moved from, or not),
  // whose every field the caller must set. Cheaper than emplace_back where most fields are
  // overwritten anyway.
  Message& next_to_fill() {
    if (size_ == items_.size()) items_.emplace_back();
    return items_[size_++];
  }

  // Removes the messages `predicate` holds for, keeping the others in order (std::erase_if).
  template <typename Predicate>
  friend std::size_t erase_if(MessageList& list, Predicate predicate) {
    std::size_t kept = 0;
    for (std::size_t i = 0; i < list.size_; ++i) {
      if (predicate(std::as_const(list.items_[i]))) continue;
      if (kept != i) std::swap(list.items_[kept], list.items_[i]);
      ++kept;
    }
    const std::size_t removed = list.size_ - kept;
    list.size_ = kept;
    return removed;
  }

  friend bool operator==(const MessageList& a, const MessageList& b) {
    if (a.size_ != b.size_) return false;
    for (std::size_t i = 0; i < a.size_; ++i) {
      if (!(a.items_[i] == b.items_[i])) return false;
    }
    return true;
  }

 private:
  std::vector<Message> items_;  // [0, size_) listed, the rest kept built for reuse
  std::size_t size_ = 0;
};

}  // namespace rumor::core
