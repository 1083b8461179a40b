// `rumor merge RESULT.json... [--json] [--schedule-dir DIR]`: joins the JSON results of a campaign
// run in shards on one or many machines (`rumor fuzz --shard K/N --result FILE`) into the verdict
// of the whole campaign. It dispatches on each result's "kind", so every sharded command merges
// through it.
#pragma once

#include <string>
#include <vector>

namespace rumor::replay {

// Exit status as the merged command's own: for rumor fuzz 0 clean, 1 safety failure, 2 liveness
// failure; 254 bad arguments, unreadable or ill-formed results, or shards that do not belong
// together or are missing (the error says which); 255 a schedule that could not be written.
int merge_command(const std::vector<std::string>& args);

}  // namespace rumor::replay
