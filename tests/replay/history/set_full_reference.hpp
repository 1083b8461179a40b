// The reference set-full checker (set_full_reference.cpp): slow and obviously Jepsen's algorithm.
#pragma once

#include "replay/history/edn.hpp"
#include "replay/history/op.hpp"

namespace rumor::replay::history::testing {

Edn reference_check_set_full(const History& history);

}  // namespace rumor::replay::history::testing
