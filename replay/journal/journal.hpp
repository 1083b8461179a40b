// Maelstrom's network journal (Maelstrom's net.clj, doc/results.md): every send and every delivery
// of a run, read from the Fressian streams under RUN_DIR/net-journal/, or from rumor's own
// RUN_DIR/journal.jsonl.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "replay/history/edn.hpp"

namespace rumor::replay::journal {

using history::Edn;
using history::EdnEntry;

// A journal that is missing, empty or not shaped like Maelstrom's; what() names the file.
class JournalError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class EventType { send, recv };

struct Message {
  std::int64_t id = 0;  // Maelstrom's global message id, shared by a send and its delivery
  std::string src;
  std::string dest;
  Edn body;  // a map with keyword keys, e.g. {:type "broadcast", :message 7, :msg_id 3}
};

struct Event {
  std::int64_t id = 0;       // the journal's own event id
  std::int64_t time_ns = 0;  // System.nanoTime of the JVM that ran Maelstrom: only differences mean
  EventType type = EventType::send;
  Message message;
};

// Client ids start with 'c' (Maelstrom's doc/protocol.md), net checker splits traffic on exactly
// that.
bool is_client(const std::string& node_id);
bool involves_client(const Message& message);
// The body's "type" string, or "?" when it has none.
std::string body_type(const Message& message);
const char* event_type_name(EventType type);  // "send" / "recv"

// One journal record: Maelstrom writes them as structs tagged "ev" {id time type message} and
// "msg" {id src dest body}; plain maps with the same keyword keys are accepted too.
Event event_from_value(const Edn& value, const std::string& source_name);

// All events of all streams in RUN_DIR/net-journal (or of DIR itself when it holds the .fressian
// files), ordered by time, then event id; for a run rumor made, the sends and deliveries of its
// RUN_DIR/journal.jsonl (jsonl_journal.hpp) instead. Throws JournalError / FressianError naming
// the file.
std::vector<Event> read_journal(const std::string& dir);

// Whether RUN_DIR holds a message journal of either kind (net-journal/ or journal.jsonl).
bool has_journal(const std::string& dir);

// Maelstrom numbers its journal chunk files 0.fressian, 1.fressian, ... without gaps; the numbers
// below the highest present that have no file (a partial copy of the run), in ascending order.
// Empty when the journal is complete or absent.
std::vector<std::int64_t> missing_journal_chunks(const std::string& dir);

}  // namespace rumor::replay::journal
