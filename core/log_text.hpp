// Text for log lines. A node's stderr carries its trace (runtime/trace_format.hpp) between
// free-form log lines, and only the runner may start a trace line: a '\n' inside a logged field
// (say a `src` that arrived as "x\n#in 1 {...}") would start a forged one that `rumor replay`
// then re-runs. So every log text has its control characters escaped.
#pragma once

#include <string>
#include <string_view>

namespace rumor::core {

// True when `text` holds no control character (below 0x20, or 0x7F): it may be logged as is.
bool is_log_safe(std::string_view text);

// `text` with each control character escaped: \n, \r, \t, or \xNN; everything else unchanged.
std::string log_text(std::string_view text);
void append_log_text(std::string& out, std::string_view text);

}  // namespace rumor::core
