// Merging the results of a campaign's shards (`rumor fuzz --shard K/N --result FILE`, see
// shard_result.hpp) into the verdict of the whole campaign, for `rumor merge`.
//
// The shards must belong together: the same campaign options, the same N, no shard twice and
// none missing, and each shard's seeds and failures must be the ones its K/N gives. The merged
// runs, events and digest are the shards' sums; the failures are all of the shards', in seed
// order; the first failing seed is the lowest of them, with the shrunk schedule of the shard that
// found it. With --keep-going this is exactly what one unsharded run reports. Without it each
// shard stopped at its own first failure: the lowest failing seed is still the campaign's
// (every shard ran all its seeds below its own first failure), but the shards together ran
// more seeds, and may list more failures, than one run that stopped there.
#pragma once

#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "replay/fuzz/shard_result.hpp"

namespace rumor::replay::fuzz {

struct NamedShard {
  std::string name;  // the file it came from, for messages
  ShardResult result;
};

struct MergedCampaign {
  // The campaign as one unsharded result (shard 1/1 of all its seeds): the shards' runs, events,
  // digest and failures, the lowest first failure, wall_s the slowest shard's (the campaign's
  // wall time if all ran at once) and cpu_s all shards' together.
  ShardResult whole;
  int shard_count = 1;
  int first_failure_shard = 0;
};

struct MergeError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Throws MergeError, one line saying which shards do not fit or are missing.
MergedCampaign merge_shards(const std::vector<NamedShard>& shards);

// "rumor-merge" JSON (one line), with "of": "rumor-fuzz".
std::string merged_json(const MergedCampaign& merged);

void print_merged(std::ostream& out, const MergedCampaign& merged);

inline int exit_code(const MergedCampaign& merged) {
  return exit_code(worst_outcome(merged.whole.failures));
}

}  // namespace rumor::replay::fuzz
