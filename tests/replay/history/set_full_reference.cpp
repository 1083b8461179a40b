// The first, straightforward set-full tracker (every read walks every tracked element, merged
// against the sorted read), kept as the reference the fast one in replay/history/set_full.cpp
// must agree with on any history.
#include "tests/replay/history/set_full_reference.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <unordered_map>

#include "replay/history/history_io.hpp"

namespace rumor::replay::history::testing {
namespace {

std::int64_t index_or_minus_one(const Op* op) { return op == nullptr ? -1 : op->index; }

std::vector<std::int64_t> sorted_read(const Op& op) {
  std::vector<std::int64_t> elements;
  if (const auto* integers = std::get_if<core::ValueLog>(&op.value)) {
    elements.assign(integers->begin(), integers->end());
  } else if (const auto* raw = std::get_if<RawEdn>(&op.value)) {
    const Edn value = parse_edn(raw->text);
    if (!value.is_sequential() && value.kind != Edn::Kind::set) {
      throw std::runtime_error("read value is not a collection: " + raw->text.substr(0, 200));
    }
    for (const Edn& item : value.items) {
      if (item.kind == Edn::Kind::integer) elements.push_back(item.integer);
    }
  } else if (std::holds_alternative<std::int64_t>(op.value)) {
    throw std::runtime_error("read value is not a collection: " + op_value_edn(op.value));
  }
  std::sort(elements.begin(), elements.end());
  return elements;
}

std::int64_t added(const Op& op) {
  const auto* element = std::get_if<std::int64_t>(&op.value);
  if (element == nullptr) {
    throw std::runtime_error("broadcast value is not an integer: " + op_value_edn(op.value));
  }
  return *element;
}

TrackedElements::iterator find(TrackedElements& elements, std::int64_t element) {
  auto it = std::lower_bound(elements.begin(), elements.end(), element,
                             [](const auto& entry, std::int64_t e) { return entry.first < e; });
  return it != elements.end() && it->first == element ? it : elements.end();
}

void walk_all(TrackedElements& elements, const Op& completion, const Op& invocation) {
  const std::vector<std::int64_t> present = sorted_read(completion);
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

}  // namespace

TrackedElements reference_track_elements(const History& history) {
  std::vector<const Op*> ops;
  for (const Op& op : history) {
    if (op.process) ops.push_back(&op);
  }
  std::stable_sort(ops.begin(), ops.end(),
                   [](const Op* a, const Op* b) { return a->index < b->index; });
  TrackedElements elements;
  std::unordered_map<std::int64_t, const Op*> open_invocation;  // by process
  for (const Op* op : ops) {
    if (op->type == OpType::invoke) open_invocation[*op->process] = op;
    if (op->f == "broadcast" && op->type == OpType::invoke) {
      const std::int64_t element = added(*op);
      const auto it = find(elements, element);
      if (it != elements.end()) {
        it->second = ElementState{};
      } else {
        elements.emplace_back(element, ElementState{});
        std::sort(elements.begin(), elements.end(),
                  [](const auto& a, const auto& b) { return a.first < b.first; });
      }
    } else if (op->f == "broadcast" && op->type == OpType::ok) {
      const auto it = find(elements, added(*op));
      if (it != elements.end() && it->second.known == nullptr) it->second.known = op;
    } else if (op->f == "read" && op->type == OpType::ok) {
      const auto invocation = open_invocation.find(*op->process);
      if (invocation == open_invocation.end() || invocation->second->f != "read") {
        throw std::runtime_error("read completion without invocation at index " +
                                 std::to_string(op->index));
      }
      walk_all(elements, *op, *invocation->second);
    }
  }
  return elements;
}

}  // namespace rumor::replay::history::testing
