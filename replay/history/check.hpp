// Maelstrom's broadcast checkers (Jepsen's checker.clj), computed from a History into a results map
// with the keys and nesting of Maelstrom's results.edn.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "replay/history/edn.hpp"
#include "replay/history/net_counts.hpp"
#include "replay/history/op.hpp"

namespace rumor::replay::history {

struct CheckOptions {
  std::optional<std::string> availability;  // nullopt, "total" or a number in [0,1]
};

enum class Validity { valid, invalid, unknown };

// The full results map: :perf :timeline :exceptions :stats :availability :net :workload :valid?.
// A sub-checker that throws becomes {:valid? :unknown, :error "..."} as under Jepsen's guard.
// Without net counts, :net is {:op-count N, :valid? true} (the msgs-per-op denominator only).
Edn check(const History& history, const std::optional<NetCounts>& net,
          const CheckOptions& options = {});

Validity validity_of(const Edn& results);       // the top-level :valid?
int exit_code(Validity validity);               // 0 valid, 1 invalid, 2 unknown
std::int64_t op_count(const History& history);  // msgs-per-op denominator: client :invoke ops

// Jepsen's merge of :valid? values: false beats :unknown beats true.
Edn merge_valid(const std::vector<Edn>& valids);

// The individual checkers, exposed for tests.
Edn check_stats(const History& history);
Edn check_availability(const History& history, const CheckOptions& options);
Edn check_exceptions(const History& history);
Edn check_net(const History& history, const std::optional<NetCounts>& net);

}  // namespace rumor::replay::history
