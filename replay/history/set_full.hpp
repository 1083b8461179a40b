// Jepsen's set-full checker as Maelstrom's broadcast workload runs it (Jepsen's set-full checker):
// :broadcast ops are the set's :add, reads return the whole set, linearizable? is false.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "replay/history/edn.hpp"
#include "replay/history/op.hpp"

namespace rumor::replay::history {

// What the reads told about one broadcast value: the first ok add or ok read that held it, and
// the latest read invocations (by index) whose reads held and lacked it.
struct ElementState {
  const Op* known = nullptr;
  const Op* last_present = nullptr;
  const Op* last_absent = nullptr;
};
// Every broadcast value with its state, sorted by value (worst-stale ties depend on that order).
using TrackedElements = std::vector<std::pair<std::int64_t, ElementState>>;

// check_set_full's two halves, exposed so tests can hold the tracker against a reference one.
// track_elements throws std::runtime_error on a history it cannot interpret.
TrackedElements track_elements(const History& history);
Edn set_full_results(const TrackedElements& elements);

// The :workload results map. Throws std::runtime_error on a history it cannot interpret (e.g. a
// read completion without an invocation); check() turns that into :valid? :unknown.
Edn check_set_full(const History& history);

// {0 x, 0.5 x, 0.95 x, 0.99 x, 1 x}: the sample at sorted index min(n-1, floor(n*q)).
// Samples must be non-empty.
Edn latency_quantiles(std::vector<std::int64_t> samples);

}  // namespace rumor::replay::history
