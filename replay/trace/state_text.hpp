// A node's state as text a person can read (`rumor replay --node nX --until K --state`).
#pragma once

#include <ostream>

#include "core/state.hpp"

namespace rumor::replay::trace {

void print_state(std::ostream& out, const core::State& state);

}  // namespace rumor::replay::trace
