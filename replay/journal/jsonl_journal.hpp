// rumor's own message journal: what Maelstrom's net-journal/ holds, for the runs rumor makes
// (`rumor test`, `rumor test --bin`). One JSON object per line, in the order things happened:
//
//   {"t_ns":1000000,"kind":"send","id":7,"src":"n1","dest":"n2","body":{"type":"gossip",...}}
//   {"t_ns":1101000,"kind":"deliver","id":7,"src":"n1","dest":"n2","body":{...}}
//   {"t_ns":2000000,"kind":"drop","id":9,"src":"n3","dest":"n0","body":{...}}
//
// t_ns is the run's clock (virtual time in a simulated run, the host's monotonic clock in process
// mode: only differences mean anything, as with Maelstrom's System.nanoTime); id is the
// network-wide message id Maelstrom adds to delivered lines, shared by a message's send and its
// delivery or drop; body is the body exactly as sent. "drop" marks a message the partition
// discarded, or one left queued for a client that closed; a message that is neither delivered nor
// dropped was still in flight when the run ended. Server and client traffic alike are recorded,
// as in Maelstrom's journal. The file is written line by line while the run goes on.
#pragma once

#include <cstdint>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "replay/journal/journal.hpp"

namespace rumor::replay::journal {

// The journal's file name inside a run directory.
inline constexpr std::string_view jsonl_journal_file = "journal.jsonl";

enum class JournalKind { send, deliver, drop };

// Appends journal lines to a file, buffered by the stream (never the whole run in memory).
class JsonlJournalWriter {
 public:
  // Throws JournalError when the file cannot be created.
  explicit JsonlJournalWriter(const std::string& path);

  // `envelope_json` is {"src":..,"dest":..,"body":{..}} (core::encode's shape, without "id").
  void record(JournalKind kind, std::int64_t t_ns, std::int64_t id, std::string_view envelope_json);
  // Flushes and closes; throws JournalError when a write failed.
  void close();

 private:
  std::string path_;
  std::ofstream out_;
  std::string line_;
};

// The envelope as a process wrote its body (process mode): src and dest quoted, body verbatim.
std::string envelope_json(std::string_view src, std::string_view dest, std::string_view body_json);

// The sends and deliveries of a journal.jsonl file as net-journal events (event ids are line
// numbers from 0; drops are left out, as Maelstrom's journal has none), ordered like
// read_journal's. Throws JournalError naming the file and line for anything malformed.
std::vector<Event> read_jsonl_journal(const std::string& path);

}  // namespace rumor::replay::journal
