// The stdio driver around the pure core: read lines, decode, step, encode, write; inject ticks.
// Single-threaded. File descriptors are parameters so tests can drive it through pipes.
#pragma once

#include "runtime/options.hpp"

namespace rumor::runtime {

struct NodeFds {
  int input = 0;
  int output = 1;
  int log = 2;
};

// Runs until end of input. Returns the process exit code: 0 after a clean end of input, 1 if
// reading or writing failed, 3 if the core reported a broken invariant (a bug: the node stops
// loudly rather than run on with a state it cannot trust), 4 on any other failure that is not
// about the input, such as running out of memory. Bad input never stops the node. Before 3 or
// 4 the node writes the replies of every earlier input, as whole lines, and says why on stderr.
int run_node_loop(const Options& options, NodeFds fds = {});

}  // namespace rumor::runtime
