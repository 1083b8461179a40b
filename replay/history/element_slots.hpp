// Broadcast value -> dense slot number, for the set-full trackers (set_full.cpp,
// set_full_chains.cpp). Broadcast values are almost always a compact range of small integers,
// looked up in a plain vector; anything sparser goes through a hash map.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "replay/history/op.hpp"

namespace rumor::replay::history {

class ElementSlots {
 public:
  static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

  // Sized for the values of the broadcast invocations among `ops`; no value has a slot yet.
  explicit ElementSlots(const std::vector<const Op*>& ops) {
    std::int64_t low = std::numeric_limits<std::int64_t>::max();
    std::int64_t high = std::numeric_limits<std::int64_t>::min();
    std::size_t count = 0;
    for (const Op* op : ops) {
      const auto* element = std::get_if<std::int64_t>(&op->value);
      if (op->type != OpType::invoke || std::string_view(op->f) != "broadcast" ||
          element == nullptr) {
        continue;
      }
      low = std::min(low, *element);
      high = std::max(high, *element);
      count += 1;
    }
    std::uint64_t span = 0;
    if (count > 0 && !__builtin_sub_overflow(high, low, &span) && span < 4 * count + 4096) {
      low_ = low;
      dense_.assign(span + 1, kNone);
    }
  }

  std::uint32_t find(std::int64_t element) const {
    if (!dense_.empty()) return dense_find(element);
    const auto it = sparse_.find(element);
    return it == sparse_.end() ? kNone : it->second;
  }

  // Calls `observe(lookup)` with the lookup specialised for this table's layout, so a loop over
  // a read's elements tests the layout once, not once per element.
  template <class Observe>
  void with_lookup(Observe&& observe) const {
    if (dense_.empty()) {
      observe([this](std::int64_t element) { return find(element); });
      return;
    }
    observe([this](std::int64_t element) { return dense_find(element); });
  }

  void insert(std::int64_t element, std::uint32_t slot) {
    if (dense_.empty()) {
      sparse_[element] = slot;
    } else {
      dense_[static_cast<std::uint64_t>(element) - static_cast<std::uint64_t>(low_)] = slot;
    }
  }

 private:
  // In two's complement the offset wraps for elements below low_, past any dense size (dense
  // spans are small), so one unsigned comparison tests both ends.
  std::uint32_t dense_find(std::int64_t element) const {
    const std::uint64_t offset =
        static_cast<std::uint64_t>(element) - static_cast<std::uint64_t>(low_);
    return offset < dense_.size() ? dense_[offset] : kNone;
  }

  std::int64_t low_ = 0;
  std::vector<std::uint32_t> dense_;  // by element - low_; empty: sparse_ is used
  std::unordered_map<std::int64_t, std::uint32_t> sparse_;
};

}  // namespace rumor::replay::history
