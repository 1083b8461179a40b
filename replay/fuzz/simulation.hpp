// One fuzz run: a cluster of core::State values stepped directly with typed messages on virtual
// time, over the FaultNetwork, with client traffic from the schedule; checked by the Oracle.
// A pure function of the schedule: the same schedule gives the same verdict and fingerprint.
#pragma once

#include <ostream>

#include "replay/fuzz/schedule.hpp"
#include "replay/fuzz/verdict.hpp"
#include "replay/journal/pairing_journal.hpp"

namespace rumor::replay::fuzz {

// Runs the fault phase, then the liveness phase (everything healed, no new faults, at most
// config.liveness_ms; it ends early once every node holds every required value), then one final
// read per node. `log`, when given, gets one compact line per delivery, drop and client request;
// `journal`, when given, every send, delivery and drop with its body (`rumor fuzz --replay`).
Verdict simulate(const Schedule& schedule, std::ostream* log = nullptr,
                 journal::PairingJournal* journal = nullptr);
// The same on a schedule the caller is done with (a campaign's), healed in place rather than
// in a copy.
Verdict simulate(Schedule&& schedule, std::ostream* log = nullptr,
                 journal::PairingJournal* journal = nullptr);

}  // namespace rumor::replay::fuzz
