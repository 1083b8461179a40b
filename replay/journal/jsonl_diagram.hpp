// The message diagram's arrows straight from a journal.jsonl, without turning bodies into value
// trees: what `rumor test` draws as messages.html into its store, where reading the journal into
// events would cost several times the simulation (tests/benchmarks.md). A body stays the JSON
// text the journal holds.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "replay/journal/diagram.hpp"

namespace rumor::replay::journal {

struct JsonlDiagram {
  std::vector<DiagramMessage> messages;  // in send order; times in ms since origin_ns
  std::int64_t origin_ns = 0;            // the journal's first t_ns
};

// Drops are arrows never delivered; a second delivery of one id (a fuzz duplicate) is left out.
// Throws JournalError naming the file and line for a line that is not a journal record.
JsonlDiagram diagram_messages_from_jsonl(const std::string& path);

}  // namespace rumor::replay::journal
