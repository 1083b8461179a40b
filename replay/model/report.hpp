// `rumor model`'s final report, as text and as one JSON object ("kind":"rumor-model").
#pragma once

#include <iosfwd>
#include <optional>
#include <string>

#include "replay/model/explore.hpp"

namespace rumor::replay::model {

struct ReportFiles {
  std::optional<std::string> path_file;          // the counterexample, when there is one
  std::optional<std::string> fingerprints_file;  // the shard's fingerprints, with --shard
};

void print_report(std::ostream& out, const ModelConfig& config, const ExploreResult& result,
                  const ReportFiles& files);
std::string report_json(const ModelConfig& config, const ExploreResult& result,
                        const ReportFiles& files);
// One progress line (states explored, distinct, depth, states/s, queue), no newline.
std::string progress_line(const ExploreStats& stats);
// Exit code of a verdict: 0 pass, 1 safety, 2 liveness.
int verdict_exit_code(const ExploreResult& result);

}  // namespace rumor::replay::model
