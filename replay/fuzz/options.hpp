// The command line of `rumor fuzz`, parsed into plain data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "replay/fuzz/campaign.hpp"

namespace rumor::replay::fuzz {

struct FuzzOptions {
  CampaignOptions campaign;
  std::string nodes_text = "1..50";  // as given, for the reproduce command
  std::string profile_text = "all";
  std::optional<std::string> replay_path;
  bool log = false;            // --replay: print one line per delivery, drop and request
  bool shrink_replay = false;  // --replay --shrink: shrink the schedule further
  std::string schedule_dir = ".";
  int shrink_budget = 3000;                // simulation runs; 0 turns shrinking off
  std::string shard_text = "1/1";          // --shard K/N as given
  bool json = false;                       // the result as JSON on stdout, the text on stderr
  std::optional<std::string> result_path;  // the result as JSON in this file
  bool help = false;
};

// Throws std::invalid_argument with a message for the user.
FuzzOptions parse_fuzz_options(const std::vector<std::string>& args);

extern const char* const fuzz_usage;

}  // namespace rumor::replay::fuzz
