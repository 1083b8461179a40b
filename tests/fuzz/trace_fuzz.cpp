// libFuzzer target: `rumor replay`'s trace reader. Any node log either parses as a trace, is
// found to hold none, or is refused with std::runtime_error naming the line; a parsed trace
// re-runs through the node's own code (a broken invariant is reported as a divergence, not a
// crash), whatever its times, lines and header arguments.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "replay/trace/node_trace.hpp"
#include "replay/trace/rerun.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    auto trace = rumor::replay::trace::parse_node_trace(text, "n0");
    if (trace) (void)rumor::replay::trace::rerun_node(*trace);
  } catch (const std::runtime_error&) {
    // a malformed trace or header arguments that are no rumor-node command line: reported
  }
  return 0;
}
