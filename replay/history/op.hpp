// One Jepsen history operation, as Maelstrom writes it to history.edn (Jepsen's history Op).
// Shared by the checker (which reads real histories) and the simulator (which writes its own).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/value_log.hpp"

namespace rumor::replay::history {

enum class OpType { invoke, ok, fail, info };

// The :value of an op. Broadcast values and read results are typed because the checker computes
// with them; anything else (nemesis values, exotic values in old histories) is kept as the EDN text
// it was read from (or will be written as), so a round trip loses nothing. A read's integers are
// a core::ValueLog: the simulator's history shares the node's log as its reply held it (a
// reference count, not a copy of every value); a history read from a file builds its own.
struct RawEdn {
  std::string text;
  bool operator==(const RawEdn&) const = default;
};
using OpValue = std::variant<std::monostate /* nil */, std::int64_t, core::ValueLog, RawEdn>;

struct Op {
  std::int64_t index = 0;
  std::int64_t time_ns = 0;
  OpType type = OpType::invoke;
  std::optional<std::int64_t> process;  // nullopt means :nemesis
  std::string f;                        // keyword name without the colon: "broadcast", "read", ...
  OpValue value;
  std::optional<std::string> error;  // raw EDN of :error, e.g. ":net-timeout" or "[:crash \"x\"]"
  bool final_read = false;           // :final? true
  // Any other keys (e.g. :exception), in the order read, as (keyword name, raw EDN text).
  std::vector<std::pair<std::string, std::string>> extra;

  bool operator==(const Op&) const = default;
};

using History = std::vector<Op>;

}  // namespace rumor::replay::history
