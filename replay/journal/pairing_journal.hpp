// A message journal for a simulator that does not number its messages (the fuzzer's): each send
// gets the next id, and a delivery or drop takes the id of the oldest send in flight with the
// same envelope (the same text: which of two identical messages arrived cannot be told apart).
// A send the network duplicated is one id delivered twice.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>

#include "core/message.hpp"
#include "replay/journal/jsonl_journal.hpp"

namespace rumor::replay::journal {

class PairingJournal {
 public:
  explicit PairingJournal(JsonlJournalWriter& writer) : writer_(writer) {}

  // A node-to-node send the network will deliver `copies` times (0: lost or cut at once, which
  // is written as a drop at the same time).
  void send(std::int64_t t_ms, const core::Message& message, std::size_t copies);
  // One copy of an earlier send arrives, or is cut on its way.
  void deliver(std::int64_t t_ms, const core::Message& message);
  void drop(std::int64_t t_ms, const core::Message& message);
  // Client traffic, which the fuzzer hands over without delay: sent and delivered at t_ms.
  void send_and_deliver(std::int64_t t_ms, const core::Message& message);

 private:
  void arrive(JournalKind kind, std::int64_t t_ms, const core::Message& message);

  JsonlJournalWriter& writer_;
  std::int64_t next_id_ = 0;
  std::unordered_map<std::string, std::deque<std::int64_t>> in_flight_;  // envelope -> ids
};

}  // namespace rumor::replay::journal
