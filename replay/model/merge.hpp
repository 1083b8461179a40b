// Merging `rumor model --shard K/N --json` results: the union of the shards' fingerprints (each
// result names its fingerprint file) and the worst verdict. For `rumor merge` to call.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace rumor::replay::model {

struct MergedModelResult {
  std::size_t shards = 0;
  std::uint64_t distinct_states = 0;    // the union's size
  std::uint64_t explored_states = 0;    // summed: shards share the levels before the split
  std::string verdict = "pass";         // the first non-pass verdict, in file order
  std::vector<std::string> violations;  // "file: what"
  bool complete = false;                // shards 1..N of one N all present, each exhausted
  double cpu_seconds = 0;
};

// Throws std::runtime_error naming the file for anything unreadable or not a rumor-model result.
// Relative fingerprint files are taken relative to their result file's directory.
MergedModelResult merge_model_results(const std::vector<std::string>& files);

std::string merged_json(const MergedModelResult& merged);

}  // namespace rumor::replay::model
