// The fuzzer's stateless mixing is the simulated world's (replay/world/rng.hpp).
#pragma once

#include "replay/world/rng.hpp"

namespace rumor::replay::fuzz {

using world::hash_words;
using world::mix64;

}  // namespace rumor::replay::fuzz
