// Schedule files: a Schedule as small line-oriented text, written for every shrunk failure
// (rumor-fuzz-<seed>.schedule) and replayed with `rumor fuzz --replay FILE`. "Trace" names only a
// node's own trace; files written before that began `rumor-fuzz-trace 1` and are still read.
// Format (version 1):
//
//   # comment (anywhere; blank lines are ignored too)
//   rumor-fuzz-schedule 1                 first non-comment line
//   seed <u64>                            keys message fates, latencies and the cores' seeds
//   nodes <count>                         nodes are n0 .. n<count-1>
//   profile <name>                        a core profile (default, frugal, fast, topology)
//   topology <kind>                       grid, line, total, tree2, tree3, tree4
//   latency <constant|uniform|exponential> <mean_ms> <max_ms>
//   fault_phase_ms <ms>                   faults and client traffic before this; then heal
//   liveness_ms <ms>                      convergence is due within this after the heal
//   clock <node> <period_ms> <phase_ms> <skew_ms>       one line per node
//   broadcast <id> <at_ms> <node> <value>
//   read <id> <at_ms> <node>
//   loss <id> <start_ms> <end_ms> <from> <to> <per_mille>
//   duplicate <id> <start_ms> <end_ms> <from> <to> <per_mille>
//   delay <id> <start_ms> <end_ms> <from> <to> <per_mille> <extra_delay_ms_max>
//   partition <id> <start_ms> <end_ms> <from> <to> <symmetric|oneway>
//   pause <id> <start_ms> <end_ms> <node>
//
// <node> is a node id such as n3; <from>/<to> are comma-separated node ids (n0,n2,n5); <id> is
// the event's stable id, which keys the fates of messages inside its window. Times are global
// virtual milliseconds from the start of the run; windows cover [start_ms, end_ms).
#pragma once

#include <istream>
#include <ostream>
#include <stdexcept>
#include <string>

#include "replay/fuzz/schedule.hpp"

namespace rumor::replay::fuzz {

// A malformed or unreadable schedule file.
struct ScheduleFileError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// `comment` lines (may be empty or several lines) are written first, each prefixed with "# ".
void write_schedule(std::ostream& out, const Schedule& schedule, const std::string& comment = "");

// Throws ScheduleFileError naming the line on anything malformed.
Schedule read_schedule(std::istream& in);

void write_schedule_file(const std::string& path, const Schedule& schedule,
                         const std::string& comment = "");
Schedule read_schedule_file(const std::string& path);

}  // namespace rumor::replay::fuzz
