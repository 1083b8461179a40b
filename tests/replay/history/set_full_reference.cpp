// The first, straightforward set-full checker (every read walks every tracked element), kept
// as the reference the fast one in replay/history/set_full.cpp must agree with on any history.
#include "tests/replay/history/set_full_reference.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>
#include <string>
#include <unordered_map>

#include "replay/history/history_io.hpp"
#include "replay/history/set_full.hpp"

namespace rumor::replay::history::testing {
namespace {

constexpr std::int64_t kNanosPerMilli = 1'000'000;
constexpr std::size_t kWorstStaleLimit = 8;

// What the reads have told us about one broadcast value so far.
struct ElementState {
  const Op* known = nullptr;         // first ok add, or first ok read that contained it
  const Op* last_present = nullptr;  // latest read invocation (by index) whose read contained it
  const Op* last_absent = nullptr;   // latest read invocation (by index) whose read lacked it
};

enum class Outcome { stable, lost, never_read };

struct ElementResult {
  std::int64_t element = 0;
  Outcome outcome = Outcome::never_read;
  std::int64_t latency_ms = 0;  // stable-latency or lost-latency, per outcome
  const ElementState* state = nullptr;
};

std::int64_t index_or_minus_one(const Op* op) { return op == nullptr ? -1 : op->index; }

// The values a read returned. Only integers can equal a broadcast value (Clojure equality), so
// anything else in the read is ignored.
std::vector<std::int64_t> read_elements(const Op& op) {
  std::vector<std::int64_t> elements;
  if (const auto* integers = std::get_if<std::vector<std::int64_t>>(&op.value)) {
    elements = *integers;
  } else if (const auto* raw = std::get_if<RawEdn>(&op.value)) {
    // Only the integers are needed: the rest of a (possibly huge) read is never built.
    EdnIntegerItems items = parse_edn_integer_items(raw->text);
    const bool collection = items.kind == Edn::Kind::vector || items.kind == Edn::Kind::list ||
                            items.kind == Edn::Kind::set;
    if (!collection) {
      throw std::runtime_error("read value is not a collection: " + raw->text.substr(0, 200));
    }
    elements = std::move(items.integers);
  } else if (std::holds_alternative<std::int64_t>(op.value)) {
    throw std::runtime_error("read value is not a collection: " + op_value_edn(op.value));
  }
  std::sort(elements.begin(), elements.end());
  return elements;
}

std::int64_t broadcast_element(const Op& op) {
  const auto* element = std::get_if<std::int64_t>(&op.value);
  if (element == nullptr) {
    throw std::runtime_error("broadcast value is not an integer: " + op_value_edn(op.value));
  }
  return *element;
}

// Tracked elements sorted by element (worst-stale ties depend on that order). A sorted vector,
// not a map: every read walks all of them, merged against the sorted read in one linear pass.
using Elements = std::vector<std::pair<std::int64_t, ElementState>>;

Elements::iterator find_element(Elements& elements, std::int64_t element) {
  auto it = std::lower_bound(elements.begin(), elements.end(), element,
                             [](const auto& entry, std::int64_t e) { return entry.first < e; });
  return it != elements.end() && it->first == element ? it : elements.end();
}

void start_tracking(Elements& elements, std::int64_t element) {
  auto it = std::lower_bound(elements.begin(), elements.end(), element,
                             [](const auto& entry, std::int64_t e) { return entry.first < e; });
  if (it != elements.end() && it->first == element) {
    it->second = ElementState{};
  } else {
    elements.insert(it, {element, ElementState{}});  // values mostly come in order: an append
  }
}

void observe_read(Elements& elements, const Op& completion, const Op& invocation) {
  const std::vector<std::int64_t> present = read_elements(completion);
  auto next_present = present.begin();
  for (auto& [element, state] : elements) {
    while (next_present != present.end() && *next_present < element) ++next_present;
    if (next_present != present.end() && *next_present == element) {
      if (state.known == nullptr) state.known = &completion;
      if (index_or_minus_one(state.last_present) < invocation.index) {
        state.last_present = &invocation;
      }
    } else if (index_or_minus_one(state.last_absent) < invocation.index) {
      state.last_absent = &invocation;
    }
  }
}

Elements track_elements(const History& history) {
  std::vector<const Op*> ops;
  for (const Op& op : history) {
    if (op.process) ops.push_back(&op);
  }
  std::stable_sort(ops.begin(), ops.end(),
                   [](const Op* a, const Op* b) { return a->index < b->index; });

  Elements elements;
  std::unordered_map<std::int64_t, const Op*> open_invocation;  // by process
  for (const Op* op : ops) {
    if (op->type == OpType::invoke) open_invocation[*op->process] = op;
    if (op->f == "broadcast") {
      if (op->type == OpType::invoke) {
        start_tracking(elements, broadcast_element(*op));
      } else if (op->type == OpType::ok) {
        const auto found = find_element(elements, broadcast_element(*op));
        if (found != elements.end() && found->second.known == nullptr) found->second.known = op;
      }
    } else if (op->f == "read" && op->type == OpType::ok) {
      const auto invocation = open_invocation.find(*op->process);
      if (invocation == open_invocation.end() || invocation->second->f != "read") {
        throw std::runtime_error("read completion without invocation at index " +
                                 std::to_string(op->index));
      }
      observe_read(elements, *op, *invocation->second);
    }
  }
  return elements;
}

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
  for (const std::int64_t element : elements) list.items.push_back(Edn::of_int(element));
  return list;
}

}  // namespace

Edn reference_check_set_full(const History& history) {
  const Elements elements = track_elements(history);

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
  // latencies list the larger element first.
  std::stable_sort(stale.begin(), stale.end(), [](const ElementResult& a, const ElementResult& b) {
    return a.latency_ms < b.latency_ms;
  });
  std::reverse(stale.begin(), stale.end());
  Edn worst_stale = Edn::of_list();
  for (std::size_t i = 0; i < stale.size() && i < kWorstStaleLimit; ++i) {
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

}  // namespace rumor::replay::history::testing
