// `rumor fuzz`: swarm-test the core on a faulty simulated network, shrink what fails, and replay
// schedule files. See usage in fuzz_command.cpp.
#pragma once

#include <string>
#include <vector>

namespace rumor::replay::fuzz {

// args: everything after `rumor fuzz`. Returns 0 clean, 1 safety failure, 2 liveness failure,
// 254 bad arguments.
int fuzz_command(const std::vector<std::string>& args);

}  // namespace rumor::replay::fuzz
