// A broadcast value, on its own so the containers of values need not include every message type.
#pragma once

#include <cstdint>

namespace rumor::core {

using Value = std::int64_t;  // a broadcast value; Maelstrom sends 0, 1, 2, ...

}  // namespace rumor::core
