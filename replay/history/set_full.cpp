#include "replay/history/set_full.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <map>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

#include "replay/history/element_slots.hpp"
#include "replay/history/history_io.hpp"
#include "replay/history/set_full_chains.hpp"

namespace rumor::replay::history {
namespace {

constexpr std::int64_t kNanosPerMilli = 1'000'000;
constexpr std::size_t kWorstStaleLimit = 8;

enum class Outcome { stable, lost, never_read };

struct ElementResult {
  std::int64_t element = 0;
  Outcome outcome = Outcome::never_read;
  std::int64_t latency_ms = 0;  // stable-latency or lost-latency, per outcome
  const ElementState* state = nullptr;
};

std::int64_t index_or_minus_one(const Op* op) { return op == nullptr ? -1 : op->index; }

// The integers a read returned, in the read's order (Clojure equality: only integers can equal
// a broadcast value, so anything else in the read is ignored). A typed read is used in place;
// a read kept as text is parsed into `scratch`, and only its integers are built.
std::span<const std::int64_t> read_elements(const Op& op, std::vector<std::int64_t>& scratch) {
  scratch.clear();
  if (const auto* integers = std::get_if<core::ValueLog>(&op.value)) return *integers;
  if (const auto* raw = std::get_if<RawEdn>(&op.value)) {
    EdnIntegerItems items = parse_edn_integer_items(raw->text);
    const bool collection = items.kind == Edn::Kind::vector || items.kind == Edn::Kind::list ||
                            items.kind == Edn::Kind::set;
    if (!collection) {
      throw std::runtime_error("read value is not a collection: " + raw->text.substr(0, 200));
    }
    scratch = std::move(items.integers);
  } else if (std::holds_alternative<std::int64_t>(op.value)) {
    throw std::runtime_error("read value is not a collection: " + op_value_edn(op.value));
  }
  return scratch;
}

std::int64_t broadcast_element(const Op& op) {
  const auto* element = std::get_if<std::int64_t>(&op.value);
  if (element == nullptr) {
    throw std::runtime_error("broadcast value is not an integer: " + op_value_edn(op.value));
  }
  return *element;
}

// The read invocations in completion order, with range queries "which read in [first, end) has
// the largest invocation index (the earliest such read on ties)". A sparse table grown one read
// at a time: best_[k][i] covers reads (i - 2^k, i].
class ReadInvocations {
 public:
  void push(const Op& invocation) {
    const std::size_t i = invocations_.size();
    invocations_.push_back(&invocation);
    for (std::size_t k = 0; (std::size_t{1} << k) <= i + 1; ++k) {
      if (k == best_.size()) best_.emplace_back();
      best_[k].resize(i + 1);
      best_[k][i] = k == 0 ? static_cast<std::uint32_t>(i)
                           : better(best_[k - 1][i], best_[k - 1][i - (std::size_t{1} << (k - 1))]);
    }
  }

  std::size_t size() const { return invocations_.size(); }
  const Op* at(std::size_t i) const { return invocations_[i]; }

  // The best read in [first, end); first < end.
  const Op* best_in(std::size_t first, std::size_t end) const {
    const auto k = static_cast<std::size_t>(std::bit_width(end - first) - 1);
    return invocations_[better(best_[k][first + (std::size_t{1} << k) - 1], best_[k][end - 1])];
  }

 private:
  std::uint32_t better(std::uint32_t a, std::uint32_t b) const {
    const std::int64_t index_a = invocations_[a]->index;
    const std::int64_t index_b = invocations_[b]->index;
    if (index_a != index_b) return index_a > index_b ? a : b;
    return std::min(a, b);
  }

  std::vector<const Op*> invocations_;
  std::vector<std::vector<std::uint32_t>> best_;
};

// One tracked element: its state, and the first read not yet accounted for. Reads from
// `unaccounted` up to the next read that contains the element all lacked it, so one range query
// per stretch gives the latest absent invocation: a read costs the size of its value, not the
// number of tracked elements.
struct Tracked {
  std::int64_t element = 0;
  ElementState state;
  std::size_t unaccounted = 0;
  std::int64_t present_index = -1;  // state.last_present's index, kept here to spare a load
};

void account_absent(Tracked& tracked, const ReadInvocations& reads, std::size_t end) {
  if (tracked.unaccounted < end) {
    const Op* absent = reads.best_in(tracked.unaccounted, end);
    if (index_or_minus_one(tracked.state.last_absent) < absent->index) {
      tracked.state.last_absent = absent;
    }
  }
  tracked.unaccounted = std::max(tracked.unaccounted, end);
}

// The checker's inner loop: once per element of every read (most of a history's words).
template <class Lookup>
void observe_elements(std::span<const std::int64_t> present, Lookup lookup, Tracked* tracked,
                      const ReadInvocations& reads, std::size_t read, const Op& completion,
                      const Op& invocation) {
  const std::int64_t invocation_index = invocation.index;
  for (const std::int64_t element : present) {
    const std::uint32_t slot = lookup(element);
    if (slot == ElementSlots::kNone) continue;
    Tracked& entry = tracked[slot];
    if (entry.unaccounted < read) [[unlikely]] {
      account_absent(entry, reads, read);
    }
    entry.unaccounted = read + 1;
    if (entry.state.known == nullptr) entry.state.known = &completion;
    if (entry.present_index < invocation_index) {
      entry.present_index = invocation_index;
      entry.state.last_present = &invocation;
    }
  }
}

void observe_read(std::vector<Tracked>& tracked, const ElementSlots& slots, ReadInvocations& reads,
                  const Op& completion, const Op& invocation, std::vector<std::int64_t>& scratch) {
  const std::span<const std::int64_t> present = read_elements(completion, scratch);
  const std::size_t read = reads.size();
  reads.push(invocation);
  slots.with_lookup([&](auto lookup) {
    observe_elements(present, lookup, tracked.data(), reads, read, completion, invocation);
  });
}

}  // namespace

TrackedElements track_elements(const History& history) {
  std::vector<const Op*> ops;
  for (const Op& op : history) {
    if (op.process) ops.push_back(&op);
  }
  const auto by_index = [](const Op* a, const Op* b) { return a->index < b->index; };
  if (!std::is_sorted(ops.begin(), ops.end(), by_index)) {
    std::stable_sort(ops.begin(), ops.end(), by_index);
  }

  // Most histories have the shape the chain tracker follows (set_full_chains.hpp); the general
  // tracker below takes any history.
  if (auto by_chains = track_elements_by_chains(ops)) return std::move(*by_chains);

  ElementSlots slots(ops);
  std::vector<Tracked> tracked;
  ReadInvocations reads;
  std::vector<std::int64_t> scratch;
  std::unordered_map<std::int64_t, const Op*> open_invocation;  // by process
  for (const Op* op : ops) {
    if (op->type == OpType::invoke) open_invocation[*op->process] = op;
    if (std::string_view(op->f) == "broadcast") {
      if (op->type == OpType::invoke) {
        const std::int64_t element = broadcast_element(*op);
        std::uint32_t slot = slots.find(element);
        if (slot == ElementSlots::kNone) {
          slot = static_cast<std::uint32_t>(tracked.size());
          slots.insert(element, slot);
          tracked.emplace_back();
        }
        tracked[slot] = Tracked{element, ElementState{}, reads.size(), -1};
      } else if (op->type == OpType::ok) {
        const std::uint32_t slot = slots.find(broadcast_element(*op));
        if (slot != ElementSlots::kNone && tracked[slot].state.known == nullptr) {
          tracked[slot].state.known = op;
        }
      }
    } else if (std::string_view(op->f) == "read" && op->type == OpType::ok) {
      const auto invocation = open_invocation.find(*op->process);
      if (invocation == open_invocation.end() ||
          std::string_view(invocation->second->f) != "read") {
        throw std::runtime_error("read completion without invocation at index " +
                                 std::to_string(op->index));
      }
      observe_read(tracked, slots, reads, *op, *invocation->second, scratch);
    }
  }

  TrackedElements elements;
  elements.reserve(tracked.size());
  for (Tracked& entry : tracked) {
    account_absent(entry, reads, reads.size());
    elements.emplace_back(entry.element, entry.state);
  }
  std::sort(elements.begin(), elements.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  return elements;
}

namespace {

// :time comes from the file, so it may be anywhere in the 64-bit range: these saturate rather
// than overflow (Jepsen's longs would throw; a saturated latency is as telling and still valid).
std::int64_t saturating_add(std::int64_t a, std::int64_t b) {
  std::int64_t sum = 0;
  if (!__builtin_add_overflow(a, b, &sum)) return sum;
  return b > 0 ? std::numeric_limits<std::int64_t>::max()
               : std::numeric_limits<std::int64_t>::min();
}

std::int64_t latency_ms(std::int64_t end_time_ns, const Op& known) {
  std::int64_t elapsed_ns = 0;
  if (__builtin_sub_overflow(end_time_ns, known.time_ns, &elapsed_ns)) {
    elapsed_ns = end_time_ns > known.time_ns ? std::numeric_limits<std::int64_t>::max() : 0;
  }
  return std::max<std::int64_t>(0, elapsed_ns) / kNanosPerMilli;
}

ElementResult judge(std::int64_t element, const ElementState& state) {
  ElementResult result{element, Outcome::never_read, 0, &state};
  const std::int64_t present = index_or_minus_one(state.last_present);
  const std::int64_t absent = index_or_minus_one(state.last_absent);
  if (state.last_present != nullptr && absent < present) {
    result.outcome = Outcome::stable;
    const std::int64_t stable_time_ns =
        state.last_absent ? saturating_add(state.last_absent->time_ns, 1) : 0;
    result.latency_ms = latency_ms(stable_time_ns, *state.known);
  } else if (state.known != nullptr && state.last_absent != nullptr && present < absent &&
             state.known->index < absent) {
    result.outcome = Outcome::lost;
    const std::int64_t lost_time_ns =
        state.last_present ? saturating_add(state.last_present->time_ns, 1) : 0;
    result.latency_ms = latency_ms(lost_time_ns, *state.known);
  }
  return result;
}

// Ops inside results print as Jepsen records, with :broadcast renamed as the checker saw it.
Edn op_record(const Op& op) {
  Op renamed = op;
  if (renamed.f == "broadcast") renamed.f = "add";
  return op_to_edn(renamed, true);
}

Edn worst_stale_entry(const ElementResult& result) {
  Edn entry = Edn::of_map();
  entry.set("element", Edn::of_int(result.element));
  entry.set("outcome", Edn::of_keyword("stable"));
  entry.set("stable-latency", Edn::of_int(result.latency_ms));
  entry.set("lost-latency", Edn::nil_value());
  entry.set("known", op_record(*result.state->known));
  entry.set("last-absent",
            result.state->last_absent ? op_record(*result.state->last_absent) : Edn::nil_value());
  return entry;
}

Edn element_list(const std::vector<std::int64_t>& elements) {
  Edn list = Edn::of_list();
  list.items.reserve(elements.size());
  for (const std::int64_t element : elements) list.items.push_back(Edn::of_int(element));
  return list;
}

}  // namespace

Edn latency_quantiles(std::vector<std::int64_t> samples) {
  static constexpr double kPoints[] = {0, 0.5, 0.95, 0.99, 1};
  std::sort(samples.begin(), samples.end());
  const std::size_t n = samples.size();
  Edn quantiles = Edn::of_map();
  for (const double q : kPoints) {
    const auto rank = static_cast<std::size_t>(std::floor(static_cast<double>(n) * q));
    const Edn key =
        (q == 0 || q == 1) ? Edn::of_int(static_cast<std::int64_t>(q)) : Edn::of_double(q);
    quantiles.entries.push_back({key, Edn::of_int(samples[std::min(n - 1, rank)])});
  }
  return quantiles;
}

Edn check_set_full(const History& history) { return set_full_results(track_elements(history)); }

Edn set_full_results(const TrackedElements& elements) {
  std::vector<ElementResult> stale;
  std::vector<std::int64_t> lost, never_read, stale_elements, stable_latencies, lost_latencies;
  std::int64_t stable_count = 0;
  for (const auto& [element, state] : elements) {
    const ElementResult result = judge(element, state);
    switch (result.outcome) {
      case Outcome::stable:
        stable_count += 1;
        stable_latencies.push_back(result.latency_ms);
        if (result.latency_ms > 0) {
          stale.push_back(result);
          stale_elements.push_back(element);
        }
        break;
      case Outcome::lost:
        lost.push_back(element);
        lost_latencies.push_back(result.latency_ms);
        break;
      case Outcome::never_read:
        never_read.push_back(element);
        break;
    }
  }
  // Jepsen sorts ascending by latency (stable, over ascending elements) and reverses, so equal
  // latencies list the larger element first. Elements are distinct, so that is one strict
  // order, and only its first few are shown: a partial sort gives them.
  const std::size_t shown = std::min(stale.size(), kWorstStaleLimit);
  std::partial_sort(stale.begin(), stale.begin() + static_cast<std::ptrdiff_t>(shown), stale.end(),
                    [](const ElementResult& a, const ElementResult& b) {
                      if (a.latency_ms != b.latency_ms) return a.latency_ms > b.latency_ms;
                      return a.element > b.element;
                    });
  Edn worst_stale = Edn::of_list();
  for (std::size_t i = 0; i < shown; ++i) {
    worst_stale.items.push_back(worst_stale_entry(stale[i]));
  }

  Edn valid = Edn::of_bool(true);
  if (!lost.empty()) {
    valid = Edn::of_bool(false);
  } else if (stable_count == 0) {
    valid = Edn::of_keyword("unknown");
  }

  // Key order as Maelstrom prints it (Clojure hash-map order), to make diffs easy.
  Edn results = Edn::of_map();
  results.set("worst-stale", std::move(worst_stale));
  // Jepsen's duplicate test is "count < 1", which never fires (Jepsen's set-full checker).
  results.set("duplicated-count", Edn::of_int(0));
  results.set("valid?", std::move(valid));
  results.set("lost-count", Edn::of_int(static_cast<std::int64_t>(lost.size())));
  results.set("lost", element_list(lost));
  results.set("stable-count", Edn::of_int(stable_count));
  results.set("stale-count", Edn::of_int(static_cast<std::int64_t>(stale_elements.size())));
  results.set("stale", element_list(stale_elements));
  results.set("never-read-count", Edn::of_int(static_cast<std::int64_t>(never_read.size())));
  if (!stable_latencies.empty()) {
    results.set("stable-latencies", latency_quantiles(std::move(stable_latencies)));
  }
  results.set("attempt-count", Edn::of_int(static_cast<std::int64_t>(elements.size())));
  if (!lost_latencies.empty()) {
    results.set("lost-latencies", latency_quantiles(std::move(lost_latencies)));
  }
  results.set("never-read", element_list(never_read));
  results.set("duplicated", Edn::of_map());
  return results;
}

}  // namespace rumor::replay::history
