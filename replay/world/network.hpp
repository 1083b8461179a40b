// Maelstrom's simulated network (Maelstrom's net.clj): one deadline-ordered queue per registered
// endpoint and one delivery loop per endpoint with Maelstrom's head-of-line behaviour: the loop
// takes the earliest-deadline message, then checks the partition (dropping silently), then sleeps
// the whole milliseconds left to the deadline (so up to 1 ms early), delivering nothing else
// meanwhile. Every message sent gets the next network-wide id; the journal counts sends and
// deliveries for all, clients and servers (Maelstrom's net/checker.clj). With a journal writer
// attached, every send, delivery and drop is also written to the run's message journal
// (jsonl_journal.hpp) as it happens.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "core/message.hpp"
#include "core/step.hpp"
#include "replay/history/net_counts.hpp"
#include "replay/journal/jsonl_journal.hpp"
#include "replay/world/event_queue.hpp"
#include "replay/world/grudge.hpp"
#include "replay/world/latency.hpp"
#include "replay/world/rng.hpp"

namespace rumor::replay::world {

using EndpointId = std::uint32_t;

// Where the network asks for an endpoint's delivery loop to wake: the simulator's event queue.
class EndpointWakes {
 public:
  virtual void wake_endpoint(EndpointId endpoint, std::int64_t at_ns) = 0;

 protected:
  ~EndpointWakes() = default;
};

struct Delivery {
  // The message, already in the form of the receiving core's input (its arrival time is set
  // when it is delivered), so an embedded node steps on it where the network keeps it.
  core::Input input = core::Received{};
  std::int64_t id = 0;   // the network-wide message id Maelstrom adds to delivered lines
  std::string raw_body;  // the body as a process wrote it (process mode), else empty

  core::Received& received() { return *std::get_if<core::Received>(&input); }
  core::Message& message() { return received().message; }
  const core::Message& message() const { return std::get_if<core::Received>(&input)->message; }
};

enum class SendResult { sent, invalid_src, invalid_dest };

class Network {
 public:
  Network(LatencyModel latency, Rng latency_rng);

  // Registers an id. Nodes must be registered first, in node order, so that endpoint k is node k
  // (grudges name nodes by index). A client polls only while it waits for a reply, as Maelstrom's
  // clients do; messages reaching it meanwhile stay queued (not yet received).
  EndpointId add_endpoint(const std::string& name, bool polling);
  // Unregisters (a closed client): its queue is discarded, later sends to it are invalid.
  void remove_endpoint(EndpointId endpoint);
  std::optional<EndpointId> find(const std::string& name) const {
    const EndpointId id = find_id(name);
    if (id == no_endpoint) return std::nullopt;
    return id;
  }
  const std::string& name_of(EndpointId endpoint) const { return endpoints_[endpoint].name; }

  // Maelstrom validates src and dest against the registered ids; an invalid message still
  // consumes an id (it was numbered before the check) but is not journaled.
  // The message is moved from only when it was sent. `raw_body` (process mode) is the body's
  // JSON as the sending process wrote it, delivered verbatim so any node's bodies pass through.
  SendResult send(core::Message&& message, std::int64_t now_ns, EndpointWakes& wakes) {
    return send_body(message, now_ns, wakes, nullptr);
  }
  SendResult send(core::Message&& message, std::int64_t now_ns, EndpointWakes& wakes,
                  std::string raw_body) {
    return send_body(message, now_ns, wakes, &raw_body);
  }

  // The endpoint's wake event fired: hands over the message its loop slept on (if any).
  std::optional<Delivery> take_due(EndpointId endpoint, std::int64_t now_ns);
  // The same without moving the message out first: calls `receive(Delivery&)` on the message
  // where it lies (receive may move from it, and may send) and returns whether there was one.
  template <class Receive>
  bool take_due(EndpointId endpoint, std::int64_t now_ns, Receive&& receive) {
    const std::optional<std::uint32_t> slot = due_slot(endpoint, now_ns);
    if (!slot) return false;
    receive(slots_[*slot].delivery);  // a deque: sends during receive do not move the slot
    release(*slot);
    return true;
  }
  // After the receiver handled a delivery: the loop takes its next head (if polling).
  void resume(EndpointId endpoint, std::int64_t now_ns, EndpointWakes& wakes);
  void set_polling(EndpointId endpoint, bool polling, std::int64_t now_ns, EndpointWakes& wakes);

  void set_grudge(Grudge grudge) { grudge_ = std::move(grudge); }
  void heal() { grudge_ = Grudge(); }
  const Grudge& grudge() const { return grudge_; }

  // Records every later send, delivery and drop into `journal` (it must outlive the network);
  // nullptr stops recording. Without one, recording costs a pointer test per message.
  void record_to(journal::JsonlJournalWriter* journal) { journal_ = journal; }

  history::NetCounts counts() const;
  std::int64_t messages_numbered() const { return next_id_; }

 private:
  struct Slot {
    Delivery delivery;
    std::string journal_envelope;  // the envelope's JSON, when recording
    EndpointId src = 0;
    bool client_traffic = false;
  };
  struct Pending {
    std::int64_t deadline_ns = 0;
    std::int64_t id = 0;
    std::uint32_t slot = 0;
  };
  struct Endpoint {
    std::string name;
    bool registered = true;
    bool polling = true;
    bool client = false;  // a client's id (c<k>): its traffic has no latency and its own counts
    std::vector<Pending> queue;            // a binary min-heap on (deadline, id)
    std::optional<std::uint32_t> current;  // the slot the loop sleeps on
  };

  static constexpr EndpointId no_endpoint = std::numeric_limits<EndpointId>::max();

  // The endpoint named `name`, or no_endpoint. Inline for the short letter-and-number names
  // every send carries (two lookups per message); anything else takes find_other.
  EndpointId find_id(const std::string& name) const {
    constexpr std::size_t inline_size_max = 7;  // a letter and up to 6 digits: below 2^22
    const std::size_t size = name.size();
    const char* text = name.data();
    if (size < 2 || size > inline_size_max || text[0] < 'a' || text[0] > 'z' ||
        (text[1] == '0' && size > 2)) {
      return find_other(name);
    }
    std::size_t number = 0;
    for (std::size_t i = 1; i < size; ++i) {
      const auto digit = static_cast<unsigned char>(text[i] - '0');
      if (digit > 9) return find_other(name);
      number = number * 10 + digit;
    }
    const std::vector<EndpointId>& ids = numbered_ids_[static_cast<std::size_t>(text[0] - 'a')];
    return number < ids.size() ? ids[number] : no_endpoint;
  }
  EndpointId find_other(const std::string& name) const;
  // send's work; `raw_body` is null for an embedded node's message (most of them: no string to
  // build, test and destroy per message).
  SendResult send_body(core::Message& message, std::int64_t now_ns, EndpointWakes& wakes,
                       std::string* raw_body);
  // A free slot, whose fields the caller overwrites (a released slot keeps its old members).
  std::uint32_t claim_slot() {
    if (free_slots_.empty()) {
      slots_.emplace_back();
      return static_cast<std::uint32_t>(slots_.size() - 1);
    }
    const std::uint32_t index = free_slots_.back();
    free_slots_.pop_back();
    return index;
  }
  void release(std::uint32_t slot) { free_slots_.push_back(slot); }
  std::optional<std::uint32_t> due_slot(EndpointId endpoint, std::int64_t now_ns);
  void take_head(EndpointId endpoint, std::int64_t now_ns, EndpointWakes& wakes);
  bool sleep_on(EndpointId endpoint, const Pending& head, std::int64_t now_ns,
                EndpointWakes& wakes);
  bool partitioned(EndpointId src, EndpointId dest) const;
  history::NetGroup& group(bool client_traffic) { return client_traffic ? clients_ : servers_; }
  void journal_event(journal::JournalKind kind, std::int64_t now_ns, const Slot& slot);

  LatencyModel latency_;
  Rng latency_rng_;
  Grudge grudge_;
  std::vector<Endpoint> endpoints_;
  // Names are looked up on every send. A name that is a letter and a number ("n3", "c41": every
  // id `rumor test` makes) is found by indexing; any other name through the hash map.
  std::array<std::vector<EndpointId>, 26> numbered_ids_;  // [letter][number]; none = absent
  std::unordered_map<std::string, EndpointId> ids_;       // lookups only, never iterated
  std::deque<Slot> slots_;
  std::vector<std::uint32_t> free_slots_;
  std::int64_t next_id_ = 0;
  history::NetGroup clients_;
  history::NetGroup servers_;
  std::array<std::int64_t, std::variant_size_v<core::Body>> servers_by_body_{};
  std::map<std::string, std::int64_t> servers_by_odd_type_;  // Unsupported / Malformed bodies
  journal::JsonlJournalWriter* journal_ = nullptr;
  std::int64_t last_now_ns_ = 0;  // when a closing client's queue is dropped
};

}  // namespace rumor::replay::world
