// The diagnosis as `rumor replay` prints it: causes grouped with counts and one worked example
// each (every value in full with `detail`), or as JSON with the same data.
#pragma once

#include <ostream>
#include <string>

#include "replay/journal/diagnose.hpp"

namespace rumor::replay::journal {

struct DiagnosisHeader {
  std::string run_dir;
  bool recomputed = false;  // the verdict came from the checker, not results.edn
};

void print_diagnosis(std::ostream& out, const Diagnosis& diagnosis, const DiagnosisHeader& header,
                     bool detail);

// {"source", "lost-count", "never-read-count", "causes": {name: count}, "partitions",
//  "needs-journal": [...], "values": [{value, outcome, cause, why, entry, receipts, lacking}]}
std::string diagnosis_json(const Diagnosis& diagnosis);

const char* source_name(ModelSource source);  // "net-journal", "traces", "history"

}  // namespace rumor::replay::journal
