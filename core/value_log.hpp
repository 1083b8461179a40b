// A node's values in the order it learnt them: an append-only log that copies share instead of
// duplicating. A read reply holds the log as it stands (a reference count, not a copy of every
// value), and a copied State still behaves as an independent value.
//
// How: every copy points at one storage block and sees its own length of it. Appending when the
// block's written length equals mine (no copy appended past me) writes in place: copies that
// stop shorter keep seeing exactly their values, since nothing below a written length ever
// changes. Otherwise a copy already appended something else there, and the appending copy moves
// to a block of its own holding its prefix (copy on divergence). So a reply taken before a step
// still reads what the node held then, and two copies of a state that learn different values
// each see their own.
//
// Threads: like std::shared_ptr, distinct ValueLog objects may be used from different threads
// even when they share a block (the reference count and the claim of the next slot are atomic);
// one ValueLog object must not be changed from one thread while another reads it. The model
// checker's threads do copy and step states that share blocks (its decoded frontier shares
// unchanged nodes between records), so the sharing must be thread-safe there; the fuzzer's
// `--jobs` threads each run their own schedules, sharing no state or message between runs.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <initializer_list>
#include <new>
#include <vector>

#include "core/value.hpp"

namespace rumor::core {

class ValueLog {
 public:
  using value_type = Value;
  using const_iterator = const Value*;
  using iterator = const_iterator;
  using size_type = std::size_t;

  ValueLog() = default;
  ValueLog(std::initializer_list<Value> values) { assign(values.begin(), values.size()); }
  // A log holding `values` (a decoded reply, a test's expectation): implicit, like the vector it
  // replaces in ReadOk.
  ValueLog(const std::vector<Value>& values) { assign(values.data(), values.size()); }
  ValueLog(const ValueLog& other) : block_(other.block_), size_(other.size_) { retain(); }
  ValueLog(ValueLog&& other) noexcept : block_(other.block_), size_(other.size_) {
    other.block_ = nullptr;
    other.size_ = 0;
  }
  ValueLog& operator=(const ValueLog& other) {
    if (this != &other) ValueLog(other).swap(*this);
    return *this;
  }
  ValueLog& operator=(ValueLog&& other) noexcept {
    ValueLog(std::move(other)).swap(*this);
    return *this;
  }
  ~ValueLog() { release(); }

  void swap(ValueLog& other) noexcept {
    std::swap(block_, other.block_);
    std::swap(size_, other.size_);
  }

  // Inline: every value a node learns comes through here.
  void push_back(Value value) {
    if (block_ != nullptr && size_ < block_->capacity && claim_next_slot()) {
      values()[size_++] = value;
      return;
    }
    push_back_to_new_block(value);
  }

  // Empties this copy only (other copies keep their values): a fresh start, never a rewrite.
  void clear() {
    release();
    size_ = 0;
  }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const Value* data() const { return block_ == nullptr ? nullptr : values(); }
  const Value* begin() const { return data(); }
  const Value* end() const { return data() + size_; }
  Value operator[](std::size_t i) const { return values()[i]; }
  Value back() const { return values()[size_ - 1]; }

  // Whether both see the same storage: then the shorter one's values are the longer one's first
  // values, without comparing them (nothing below a written length ever changes).
  bool shares_storage_with(const ValueLog& other) const {
    return block_ != nullptr && block_ == other.block_;
  }

  friend bool operator==(const ValueLog& a, const ValueLog& b) {
    return a.size_ == b.size_ &&
           (a.size_ == 0 || a.block_ == b.block_ || std::equal(a.begin(), a.end(), b.begin()));
  }
  friend bool operator==(const ValueLog& a, const std::vector<Value>& b) {
    return a.size_ == b.size() && std::equal(a.begin(), a.end(), b.begin());
  }

 private:
  // The values follow the header in the same allocation.
  struct Block {
    std::atomic<std::size_t> references;
    std::atomic<std::size_t> written;  // slots [0, written) hold values some copy appended
    std::size_t capacity;
  };
  static_assert(sizeof(Block) % alignof(Value) == 0);

  Value* values() const { return reinterpret_cast<Value*>(block_ + 1); }

  // Takes slot size_ for this copy if no copy has written it yet. A block only this copy holds
  // is all its own: slots past size_ (written by copies since destroyed) are free again.
  bool claim_next_slot() {
    if (block_->references.load(std::memory_order_acquire) == 1) {
      block_->written.store(size_ + 1, std::memory_order_relaxed);
      return true;
    }
    std::size_t expected = size_;
    return block_->written.compare_exchange_strong(expected, size_ + 1, std::memory_order_acq_rel);
  }

  void retain() {
    if (block_ != nullptr) block_->references.fetch_add(1, std::memory_order_relaxed);
  }
  void release() {
    if (block_ != nullptr && block_->references.fetch_sub(1, std::memory_order_acq_rel) == 1) {
      block_->~Block();
      ::operator delete(block_);
    }
    block_ = nullptr;
  }

  // A fresh block holding `count` values from `first`, with room for at least `capacity`.
  static Block* make_block(const Value* first, std::size_t count, std::size_t capacity) {
    void* memory = ::operator new(sizeof(Block) + capacity * sizeof(Value));
    auto* block = new (memory) Block{{1}, {count}, capacity};
    std::copy(first, first + count, reinterpret_cast<Value*>(block + 1));
    return block;
  }

  void assign(const Value* first, std::size_t count) {
    release();
    size_ = 0;
    if (count == 0) return;
    block_ = make_block(first, count, count);
    size_ = count;
  }

  // The block is full, or another copy appended past this one: continue in a block of its own,
  // twice as large, holding this copy's values.
  void push_back_to_new_block(Value value) {
    constexpr std::size_t capacity_min = 16;
    Block* grown = make_block(data(), size_, std::max(capacity_min, 2 * size_));
    release();
    block_ = grown;
    values()[size_++] = value;
    block_->written.store(size_, std::memory_order_relaxed);
  }

  Block* block_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace rumor::core
