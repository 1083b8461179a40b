// Jepsen's set-full tracker (set_full.cpp) by clients' read chains. For each value it needs
// the first ok read or ok add that held it, and the latest read invocations (by index) whose
// reads held and lacked it. A client's reads are sequential, so their invocation indices grow:
// the latest read of client c holding value v is c's last read if that holds v, else the end of
// v's last run of reads in c; the latest lacking v is c's last read if that lacks v, else the
// read before v's last run began. So a read costs only the values that entered or left the
// client's set since its previous read, found past their common prefix (one memcmp when a node
// appends new values to what it returned before), and each client's last read is settled once
// at the end.
#include "replay/history/set_full_chains.hpp"

#include <algorithm>
#include <cstring>
#include <span>
#include <string_view>
#include <unordered_map>
#include <variant>

#include "replay/history/element_slots.hpp"

namespace rumor::replay::history {
namespace {

constexpr std::int64_t kNotBroadcast = -1;

struct Slot {
  std::int64_t element = 0;
  std::int64_t broadcast_at_read = kNotBroadcast;  // reads completed when it was broadcast
  ElementState state;
  // The indices of state.last_present and state.last_absent (-1: none), kept here so that
  // comparing a candidate with them does not load the ops.
  std::int64_t present_index = -1;
  std::int64_t absent_index = -1;
};

// One client's previous read: its values (in the history, not copied), the set of tracked
// values they hold, and its invocation.
struct Chain {
  const std::int64_t* values = nullptr;
  std::size_t size = 0;
  std::vector<std::uint8_t> held;  // by slot: 1 when held (bytes: settling reads them all)
  std::size_t read = 0;            // its number in completion order
  const Op* invocation = nullptr;
};

// An op's :f compared as a string_view: its length first, then a fixed-size compare, where
// `std::string == const char*` measures the literal and calls memcmp on every op.
bool is_f(const Op& op, std::string_view f) { return std::string_view(op.f) == f; }

void keep_latest_present(Slot& slot, const Op* candidate) {
  if (slot.present_index < candidate->index) {
    slot.present_index = candidate->index;
    slot.state.last_present = candidate;
  }
}

void keep_latest_absent(Slot& slot, const Op* candidate) {
  if (slot.absent_index < candidate->index) {
    slot.absent_index = candidate->index;
    slot.state.last_absent = candidate;
  }
}

// The length of the common prefix of a and b (n values each): one memcmp when the whole of
// them agree, else a bisection by memcmp down to a short stretch compared value by value.
std::size_t common_prefix(const std::int64_t* a, const std::int64_t* b, std::size_t n) {
  constexpr std::size_t kShort = 16;
  // The same memory: a simulated client's reads of one node share that node's log, so each
  // read's prefix is the previous read's storage (history::OpValue holds a core::ValueLog).
  if (n == 0 || a == b) return n;
  if (std::memcmp(a, b, n * sizeof(std::int64_t)) == 0) return n;
  std::size_t low = 0;  // a and b agree below low and differ somewhere below high
  std::size_t high = n;
  while (high - low > kShort) {
    const std::size_t middle = low + (high - low) / 2;
    if (std::memcmp(a + low, b + low, (middle - low) * sizeof(std::int64_t)) == 0) {
      low = middle;
    } else {
      high = middle;
    }
  }
  while (a[low] == b[low]) ++low;
  return low;
}

class ChainTracker {
 public:
  explicit ChainTracker(const std::vector<const Op*>& ops) : slots_(ops) {}

  // Gives every broadcast value its slot; false when a value is broadcast twice or is not an
  // integer, or when the clients' sets (a byte per client and value) would outweigh the reads
  // themselves, 8 bytes a value (many clients with short reads: the general tracker is then
  // cheaper and smaller).
  bool prepare(const std::vector<const Op*>& ops) {
    std::unordered_map<std::int64_t, std::size_t> reads_by_client;
    std::size_t read_values = 0;
    for (const Op* op : ops) {
      if (is_f(*op, "read") && op->type == OpType::ok) {
        reads_by_client[*op->process] += 1;
        const auto* integers = std::get_if<core::ValueLog>(&op->value);
        read_values += integers == nullptr ? 0 : integers->size();
      }
      if (!is_f(*op, "broadcast")) continue;
      const auto* element = std::get_if<std::int64_t>(&op->value);
      if (element == nullptr) return false;
      if (op->type != OpType::invoke) continue;
      if (slots_.find(*element) != ElementSlots::kNone) return false;
      slots_.insert(*element, static_cast<std::uint32_t>(values_.size()));
      values_.push_back(Slot{*element, kNotBroadcast, {}, -1, -1});
    }
    if (reads_by_client.size() * values_.size() > read_values + 65536) return false;
    marks_.assign(values_.size(), 0);
    return true;
  }

  void broadcast_invoked(const Op& op) {
    values_[slots_.find(std::get<std::int64_t>(op.value))].broadcast_at_read =
        static_cast<std::int64_t>(reads_);
  }

  void broadcast_ok(const Op& op) {
    const std::uint32_t slot_number = slots_.find(std::get<std::int64_t>(op.value));
    if (slot_number == ElementSlots::kNone) return;  // never invoked: not tracked
    Slot& slot = values_[slot_number];
    if (slot.broadcast_at_read != kNotBroadcast && slot.state.known == nullptr) {
      slot.state.known = &op;
    }
  }

  // False when the read is outside this tracker's shape.
  bool read_ok(const Op& completion, const Op& invocation) {
    std::span<const std::int64_t> values;
    if (const auto* integers = std::get_if<core::ValueLog>(&completion.value)) {
      values = *integers;
    } else if (!std::holds_alternative<std::monostate>(completion.value)) {
      return false;  // text or a single integer: the general tracker reads or rejects it
    }
    auto [number, fresh] = chain_numbers_.try_emplace(*completion.process, chains_.size());
    if (fresh)
      chains_.push_back(Chain{nullptr, 0, std::vector<std::uint8_t>(values_.size()), 0, nullptr});
    Chain& chain = chains_[number->second];
    if (!follow(chain, values.data(), values.size(), completion)) return false;
    chain.values = values.data();
    chain.size = values.size();
    chain.read = reads_;
    chain.invocation = &invocation;
    reads_ += 1;
    return true;
  }

  std::optional<TrackedElements> finish();

 private:
  bool follow(Chain& chain, const std::int64_t* values, std::size_t size, const Op& completion);
  bool value_entered(const Chain& chain, Slot& slot, const Op& completion);
  void settle_last_read(const Chain& chain);

  ElementSlots slots_;
  std::vector<Slot> values_;                                     // by slot
  std::vector<std::uint64_t> marks_;                             // by slot: see follow
  std::vector<Chain> chains_;                                    // in order of first read
  std::unordered_map<std::int64_t, std::size_t> chain_numbers_;  // by process
  std::size_t reads_ = 0;
};

// The values of a read against the client's previous read: past their common prefix, the
// previous read's tail is marked `old`, this read's tail enters where not marked and is marked
// `seen`, and what stays `old` left. False when the read holds a tracked value twice (the
// chain's `held` set would then be wrong) or a value before its broadcast.
bool ChainTracker::follow(Chain& chain, const std::int64_t* values, std::size_t size,
                          const Op& completion) {
  const std::size_t prefix = common_prefix(chain.values, values, std::min(chain.size, size));
  const std::uint64_t old = 2 * reads_ + 1;
  const std::uint64_t seen = 2 * reads_ + 2;
  for (std::size_t i = prefix; i < chain.size; ++i) {
    const std::uint32_t slot = slots_.find(chain.values[i]);
    if (slot != ElementSlots::kNone) marks_[slot] = old;
  }
  for (std::size_t i = prefix; i < size; ++i) {
    const std::uint32_t slot = slots_.find(values[i]);
    if (slot == ElementSlots::kNone) continue;  // never broadcast: not tracked
    if (marks_[slot] == seen) return false;     // twice in this read's tail
    if (marks_[slot] != old) {
      if (chain.held[slot]) return false;  // in the common prefix too
      if (!value_entered(chain, values_[slot], completion)) return false;
      chain.held[slot] = 1;
    }
    marks_[slot] = seen;
  }
  for (std::size_t i = prefix; i < chain.size; ++i) {
    const std::uint32_t slot = slots_.find(chain.values[i]);
    if (slot == ElementSlots::kNone || marks_[slot] != old) continue;
    chain.held[slot] = 0;  // left: the previous read ends a run holding it
    keep_latest_present(values_[slot], chain.invocation);
  }
  return true;
}

// A value this client's previous read lacked: the first read holding it may be this one, and
// the previous read is the latest of this client's reads that lacked it so far.
bool ChainTracker::value_entered(const Chain& chain, Slot& slot, const Op& completion) {
  if (slot.broadcast_at_read == kNotBroadcast) return false;  // read before its broadcast
  if (slot.state.known == nullptr) slot.state.known = &completion;
  if (chain.invocation != nullptr &&
      static_cast<std::int64_t>(chain.read) >= slot.broadcast_at_read) {
    keep_latest_absent(slot, chain.invocation);
  }
  return true;
}

// A client's last read holds the values it holds (latest present) and lacks every other value
// broadcast before it completed (latest absent).
void ChainTracker::settle_last_read(const Chain& chain) {
  const auto read = static_cast<std::int64_t>(chain.read);
  const std::int64_t index = chain.invocation->index;
  for (std::size_t s = 0; s < values_.size(); ++s) {
    Slot& slot = values_[s];
    if (chain.held[s] != 0) {
      if (slot.present_index < index) keep_latest_present(slot, chain.invocation);
    } else if (slot.absent_index < index && slot.broadcast_at_read != kNotBroadcast &&
               read >= slot.broadcast_at_read) {
      keep_latest_absent(slot, chain.invocation);
    }
  }
}

std::optional<TrackedElements> ChainTracker::finish() {
  for (const Chain& chain : chains_) settle_last_read(chain);
  TrackedElements elements;
  elements.reserve(values_.size());
  for (const Slot& slot : values_) {
    if (slot.broadcast_at_read != kNotBroadcast) elements.emplace_back(slot.element, slot.state);
  }
  std::sort(elements.begin(), elements.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  return elements;
}

// Strictly growing indices, from 0 up: ties and negative indices are left to the general
// tracker, whose tie-breaking this one does not reproduce.
bool indices_strictly_grow(const std::vector<const Op*>& ops) {
  if (!ops.empty() && ops.front()->index < 0) return false;
  for (std::size_t i = 1; i < ops.size(); ++i) {
    if (ops[i]->index <= ops[i - 1]->index) return false;
  }
  return true;
}

}  // namespace

std::optional<TrackedElements> track_elements_by_chains(const std::vector<const Op*>& ops) {
  if (!indices_strictly_grow(ops)) return std::nullopt;
  ChainTracker tracker(ops);
  if (!tracker.prepare(ops)) return std::nullopt;
  std::unordered_map<std::int64_t, const Op*> open_invocation;  // by process
  for (const Op* op : ops) {
    if (op->type == OpType::invoke) open_invocation[*op->process] = op;
    if (is_f(*op, "broadcast")) {
      if (op->type == OpType::invoke) tracker.broadcast_invoked(*op);
      if (op->type == OpType::ok) tracker.broadcast_ok(*op);
    } else if (is_f(*op, "read") && op->type == OpType::ok) {
      const auto invocation = open_invocation.find(*op->process);
      if (invocation == open_invocation.end() || !is_f(*invocation->second, "read")) {
        return std::nullopt;  // the general tracker throws on it
      }
      if (!tracker.read_ok(*op, *invocation->second)) return std::nullopt;
    }
  }
  return tracker.finish();
}

}  // namespace rumor::replay::history
