// `rumor replay RUN_DIR [--json] [--explain VALUE] [--diagram FILE.html] [--max-arrows N]`:
// reads a Maelstrom run's net journal and reports its traffic (Maelstrom's net/checker.clj,
// doc/results.md).
#pragma once

#include <string>
#include <vector>

namespace rumor::replay {

// Exit status: 0 done, 254 bad arguments (usage on stderr), 255 missing or corrupt journal or an
// unwritable diagram (the error names the file).
int replay_command(const std::vector<std::string>& args);

}  // namespace rumor::replay
