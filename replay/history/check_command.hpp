// `rumor check RUN_DIR [--json]`: runs the checkers on RUN_DIR/history.edn like Maelstrom does at
// the end of a test, prints the results map and the verdict line, and returns the exit status.
#pragma once

#include <string>
#include <vector>

namespace rumor::replay::history {

// args: what follows "check" on the command line. Returns 0 valid, 1 invalid, 2 unknown, 254 bad
// arguments (usage on stderr), 255 unreadable or corrupt history (file and line on stderr).
int check_command(const std::vector<std::string>& args);

}  // namespace rumor::replay::history
