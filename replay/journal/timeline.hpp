// `rumor replay RUN --report FILE.html`: a self-contained page (no network, no script needed)
// with a timeline of every broadcast value, ok, lost or never read, against the time it entered,
// partitions shaded, each lost and never-read value linked to its path in the Lamport diagram
// (diagram.html#value=N, which the diagram takes as its value filter), then the diagnosis.
#pragma once

#include <optional>
#include <ostream>
#include <string>

#include "replay/journal/diagnose_run.hpp"

namespace rumor::replay::journal {

struct TimelineCounts {
  std::int64_t ok = 0, lost = 0, never_read = 0;
};

// The counts the page shows: lost and never-read from the checker, ok the other broadcasts.
TimelineCounts timeline_counts(const RunDiagnosis& run);

// diagram_href: the link target of the diagram (relative to the page), or nullopt for none.
void write_timeline_html(std::ostream& out, const RunDiagnosis& run,
                         const std::optional<std::string>& diagram_href);

// Writes FILE (throws std::runtime_error when it cannot); the diagram link is diagram_path made
// relative to FILE's folder. Without a diagnosis (no history.edn) it throws.
void write_timeline(const std::string& path, const std::optional<RunDiagnosis>& run,
                    const std::optional<std::string>& diagram_path);

// FILE's folder / "diagram.html".
std::string sibling_diagram_path(const std::string& report_path);

}  // namespace rumor::replay::journal
