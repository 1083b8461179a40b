#include "replay/journal/pairing_journal.hpp"

#include "core/codec.hpp"

namespace rumor::replay::journal {

namespace {

constexpr std::int64_t ns_per_ms = 1'000'000;

}  // namespace

void PairingJournal::send(std::int64_t t_ms, const core::Message& message, std::size_t copies) {
  const std::string envelope = core::encode(message);
  const std::int64_t id = next_id_++;
  writer_.record(JournalKind::send, t_ms * ns_per_ms, id, envelope);
  if (copies == 0) {
    writer_.record(JournalKind::drop, t_ms * ns_per_ms, id, envelope);
    return;
  }
  auto& ids = in_flight_[envelope];
  for (std::size_t copy = 0; copy < copies; ++copy) ids.push_back(id);
}

void PairingJournal::arrive(JournalKind kind, std::int64_t t_ms, const core::Message& message) {
  const std::string envelope = core::encode(message);
  const auto found = in_flight_.find(envelope);
  if (found == in_flight_.end()) return;  // never sent through send(): nothing to pair with
  writer_.record(kind, t_ms * ns_per_ms, found->second.front(), envelope);
  found->second.pop_front();
  if (found->second.empty()) in_flight_.erase(found);
}

void PairingJournal::deliver(std::int64_t t_ms, const core::Message& message) {
  arrive(JournalKind::deliver, t_ms, message);
}

void PairingJournal::drop(std::int64_t t_ms, const core::Message& message) {
  arrive(JournalKind::drop, t_ms, message);
}

void PairingJournal::send_and_deliver(std::int64_t t_ms, const core::Message& message) {
  const std::string envelope = core::encode(message);
  const std::int64_t id = next_id_++;
  writer_.record(JournalKind::send, t_ms * ns_per_ms, id, envelope);
  writer_.record(JournalKind::deliver, t_ms * ns_per_ms, id, envelope);
}

}  // namespace rumor::replay::journal
