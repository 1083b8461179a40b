#include "replay/journal/diagnose_run.hpp"

#include <filesystem>

#include "replay/history/history_io.hpp"
#include "replay/journal/history_scan.hpp"

namespace rumor::replay::journal {

std::optional<RunDiagnosis> diagnose_run(const std::string& run_dir,
                                         const std::vector<Event>& events, ModelSource source) {
  const std::string history_path = run_dir + "/history.edn";
  if (!std::filesystem::exists(history_path)) return std::nullopt;
  const history::History history = history::read_history_edn(history_path);
  RunDiagnosis run;
  run.verdict = run_verdict(run_dir, history);
  if (source == ModelSource::history) {
    run.model = model_from_history(history);
  } else {
    const std::optional<HistorySummary> summary = scan_history_file(history_path);
    run.model = model_from_events(events, summary ? &*summary : nullptr, source);
  }
  run.diagnosis = diagnose(run.model, run.verdict.lost, run.verdict.never_read);
  run.header = DiagnosisHeader{run_dir, run.verdict.recomputed};
  return run;
}

}  // namespace rumor::replay::journal
