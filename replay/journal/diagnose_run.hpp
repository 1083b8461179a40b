// The diagnosis of one run directory: the verdict (results.edn, or the checker over
// history.edn), the RunModel from the best source the run holds, and the diagnosis itself.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "replay/journal/diagnose.hpp"
#include "replay/journal/diagnose_model.hpp"
#include "replay/journal/diagnose_report.hpp"
#include "replay/journal/journal.hpp"

namespace rumor::replay::journal {

struct RunDiagnosis {
  Verdict verdict;
  RunModel model;
  Diagnosis diagnosis;
  DiagnosisHeader header;
};

// events: the net journal's, or events_from_traces(...) with source traces, or empty with source
// history. nullopt when RUN_DIR has no history.edn. A valid run gives a diagnosis with no values
// (the timeline still shows its broadcasts).
std::optional<RunDiagnosis> diagnose_run(const std::string& run_dir,
                                         const std::vector<Event>& events, ModelSource source);

}  // namespace rumor::replay::journal
