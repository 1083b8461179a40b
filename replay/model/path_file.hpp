// A counterexample as a file: the configuration and the transitions from the initialised cluster,
// one a line. `rumor fuzz --replay FILE` recognises the header and re-runs it through the model's
// own stepping, writing the message journal that `rumor replay --explain`/`--diagram` read.
//
//   rumor-model-path 1
//   # safety violation: n1's set shrank (2 -> 0 values)
//   config nodes=2 values=2 drops=1 dups=1 partitions=1 profile=default in-flight-max=3
//   partition-wakes=2 broadcast 0 deliver 0 advance 0
#pragma once

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "replay/model/explore.hpp"

namespace rumor::replay::model {

inline constexpr const char* path_file_header = "rumor-model-path 1";

struct PathFile {
  ModelConfig config;
  std::vector<Transition> path;
  std::string comment;
};

void write_path_file(const std::string& file, const PathFile& path);
// Throws std::runtime_error naming the line for anything malformed.
PathFile read_path_file(const std::string& file);
bool is_path_file(const std::string& file);

struct PathReplay {
  Verdict verdict = Verdict::pass;
  std::string what;
  std::size_t steps = 0;  // transitions run
};

// Runs the path; prints each transition to `log` when given; records every message to
// `journal_file` (journal.jsonl) when given. A path that stops converging is judged by the end
// state: a livelock path's last state repeats an earlier one, a stuck path ends with nothing to do.
PathReplay replay_path(const PathFile& path, std::ostream* log,
                       const std::optional<std::string>& journal_file);

// `rumor fuzz --replay FILE` for a model path: runs it with its journal in `journal_dir`, prints
// the verdict; exit 0 pass, 1 safety, 2 liveness, 254 unreadable.
int replay_path_command(const std::string& file, const std::filesystem::path& journal_dir,
                        bool log);

}  // namespace rumor::replay::model
