// How `rumor replay` reports a re-run: a text summary with the first divergence in full, and
// JSON fragments for its --json object.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "replay/trace/rerun.hpp"
#include "replay/trace/trace_explain.hpp"

namespace rumor::replay::trace {

std::size_t total_divergences(const std::vector<NodeRerun>& reruns);

void print_rerun_summary(std::ostream& out, const std::vector<NodeRerun>& reruns);
void print_divergence(std::ostream& out, const Divergence& divergence);

// {"nodes":{"n0":{"inputs":..,"outputs":..,"divergences":..},...},"first-divergence":{...}|null}
std::string reruns_json(const std::vector<NodeRerun>& reruns);
std::string trace_explanation_json(const TraceExplanation& explanation);

}  // namespace rumor::replay::trace
