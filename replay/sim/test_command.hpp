// `rumor test ...`: a Maelstrom-faithful simulated broadcast test of the embedded core.
#pragma once

#include <string>
#include <vector>

namespace rumor::replay::sim {

// Exit status as Maelstrom's: 0 valid, 1 invalid, 2 unknown, 254 bad arguments, 255 crash.
int test_command(const std::vector<std::string>& args);

}  // namespace rumor::replay::sim
