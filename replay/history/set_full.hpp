// Jepsen's set-full checker as Maelstrom's broadcast workload runs it (Jepsen's set-full checker):
// :broadcast ops are the set's :add, reads return the whole set, linearizable? is false.
#pragma once

#include <cstdint>
#include <vector>

#include "replay/history/edn.hpp"
#include "replay/history/op.hpp"

namespace rumor::replay::history {

// The :workload results map. Throws std::runtime_error on a history it cannot interpret (e.g. a
// read completion without an invocation); check() turns that into :valid? :unknown.
Edn check_set_full(const History& history);

// {0 x, 0.5 x, 0.95 x, 0.99 x, 1 x}: the sample at sorted index min(n-1, floor(n*q)).
// Samples must be non-empty.
Edn latency_quantiles(std::vector<std::int64_t> samples);

}  // namespace rumor::replay::history
