#include "replay/world/network.hpp"

#include <rapidjson/document.h>

#include <algorithm>
#include <limits>

#include "core/codec.hpp"
#include "core/node_names.hpp"
#include "replay/world/message_slot.hpp"

namespace rumor::replay::world {

namespace {

// std heap functions build a max-heap; invert so the earliest deadline (then lowest id) is on top.
bool later(const auto& a, const auto& b) {
  if (a.deadline_ns != b.deadline_ns) return a.deadline_ns > b.deadline_ns;
  return a.id > b.id;
}

// Maelstrom's delivery loop sleeps `(long dt)`: the time left to the deadline truncated to whole
// ms. So a message is delivered up to 1 ms early, and messages falling due within the same ms as
// the one slept on go out together (real journals: 37 % of deliveries early, none by 1 ms or more;
// tests/benchmarks.md).
std::int64_t wake_time_ns(std::int64_t deadline_ns, std::int64_t now_ns) {
  if (deadline_ns <= now_ns) return now_ns;
  return now_ns + (deadline_ns - now_ns) / ns_per_ms * ns_per_ms;
}

bool is_client_id(const std::string& id) { return !id.empty() && id[0] == 'c'; }

// Whether the body's type name follows from its variant alternative alone (so it can be counted
// by index); a gossip without values is named "ack", unsupported/malformed carry their own name.
bool has_plain_type_name(const core::Body& body) {
  if (const auto* gossip = std::get_if<core::Gossip>(&body)) return !gossip->values.empty();
  return !std::holds_alternative<core::Unsupported>(body) &&
         !std::holds_alternative<core::Malformed>(body);
}

// The "type" of a body as a process wrote it: the core's decoding names only the core's own
// bodies (another node's {"type":"gossip","values":[...]} would decode as a value-less "ack").
std::string raw_type_name(const std::string& raw_body) {
  rapidjson::Document body;
  body.Parse(raw_body.c_str(), raw_body.size());
  if (!body.IsObject() || !body.HasMember("type") || !body["type"].IsString()) return "?";
  const rapidjson::Value& type = body["type"];
  return std::string(type.GetString(), type.GetStringLength());
}

constexpr std::size_t max_numbered_name = std::size_t{1} << 22;

// "n12" -> ('n' - 'a', 12): a lowercase letter and a number as core::id_number reads it (no
// leading zeros, so each name has one key). Other names, and numbers from 2^22 on (the index grows
// to the largest number seen), have none.
struct NumberedName {
  std::size_t letter = 0;
  std::size_t number = 0;
};
std::optional<NumberedName> numbered_name(const std::string& name) {
  if (name.empty() || name[0] < 'a' || name[0] > 'z') return std::nullopt;
  const auto number = core::id_number(name);
  if (!number || *number >= max_numbered_name) return std::nullopt;
  return NumberedName{static_cast<std::size_t>(name[0] - 'a'), *number};
}

}  // namespace

Network::Network(LatencyModel latency, Rng latency_rng)
    : latency_(latency), latency_rng_(latency_rng) {}

EndpointId Network::add_endpoint(const std::string& name, bool polling) {
  const auto endpoint = static_cast<EndpointId>(endpoints_.size());
  Endpoint endpoint_state;
  endpoint_state.name = name;
  endpoint_state.polling = polling;
  endpoint_state.client = is_client_id(name);
  endpoints_.push_back(std::move(endpoint_state));
  if (const auto key = numbered_name(name)) {
    std::vector<EndpointId>& ids = numbered_ids_[key->letter];
    if (ids.size() <= key->number) ids.resize(key->number + 1, no_endpoint);
    ids[key->number] = endpoint;
  } else {
    ids_[name] = endpoint;
  }
  return endpoint;
}

void Network::remove_endpoint(EndpointId endpoint) {
  Endpoint& e = endpoints_[endpoint];
  if (!e.registered) return;
  e.registered = false;
  if (const auto key = numbered_name(e.name)) {
    numbered_ids_[key->letter][key->number] = no_endpoint;
  } else {
    ids_.erase(e.name);
  }
  for (const Pending& p : e.queue) {
    journal_event(journal::JournalKind::drop, last_now_ns_, slots_[p.slot]);
    release(p.slot);
  }
  e.queue.clear();
  if (e.current) {
    journal_event(journal::JournalKind::drop, last_now_ns_, slots_[*e.current]);
    release(*e.current);
  }
  e.current.reset();
}

EndpointId Network::find_other(const std::string& name) const {
  if (const auto key = numbered_name(name)) {
    const std::vector<EndpointId>& ids = numbered_ids_[key->letter];
    return key->number < ids.size() ? ids[key->number] : no_endpoint;
  }
  auto it = ids_.find(name);
  return it == ids_.end() ? no_endpoint : it->second;
}

void Network::journal_event(journal::JournalKind kind, std::int64_t now_ns, const Slot& slot) {
  if (journal_) journal_->record(kind, now_ns, slot.delivery.id, slot.journal_envelope);
}

bool Network::partitioned(EndpointId src, EndpointId dest) const {
  return grudge_.drops(dest, src);
}

SendResult Network::send_body(core::Message& message, std::int64_t now_ns, EndpointWakes& wakes,
                              std::string* raw_body) {
  if (raw_body != nullptr && raw_body->empty()) raw_body = nullptr;
  const std::int64_t id = next_id_++;
  last_now_ns_ = now_ns;
  const EndpointId src = find_id(message.src);
  if (src == no_endpoint) return SendResult::invalid_src;
  const EndpointId dest = find_id(message.dest);
  if (dest == no_endpoint) return SendResult::invalid_dest;

  const bool client_traffic = endpoints_[src].client || endpoints_[dest].client;
  history::NetGroup& g = group(client_traffic);
  ++g.send_count;
  ++g.msg_count;
  if (!client_traffic) {
    if (raw_body != nullptr) {
      ++servers_by_odd_type_[raw_type_name(*raw_body)];  // any node's own type names
    } else if (has_plain_type_name(message.body)) {
      ++servers_by_body_[message.body.index()];
    } else {
      ++servers_by_odd_type_[core::type_name(message.body)];
    }
  }
  const std::int64_t latency_ms = client_traffic ? 0 : draw_latency_ms(latency_, latency_rng_);
  const std::uint32_t slot = claim_slot();
  Slot& s = slots_[slot];
  // A released slot keeps its old members: the texts are written only when there are some (an
  // embedded node's message without a journal has neither), else emptied if they held any.
  if (journal_) {
    s.journal_envelope = raw_body == nullptr
                             ? core::encode(message)
                             : journal::envelope_json(message.src, message.dest, *raw_body);
  } else if (!s.journal_envelope.empty()) {
    s.journal_envelope.clear();
  }
  if (raw_body != nullptr) {
    s.delivery.raw_body = std::move(*raw_body);
  } else if (!s.delivery.raw_body.empty()) {
    s.delivery.raw_body.clear();
  }
  move_message(s.delivery.message(), std::move(message));
  s.delivery.id = id;
  s.src = src;
  s.client_traffic = client_traffic;
  journal_event(journal::JournalKind::send, now_ns, s);
  Endpoint& e = endpoints_[dest];
  const Pending pending{.deadline_ns = now_ns + latency_ms * ns_per_ms, .id = id, .slot = slot};
  if (!e.current && e.polling && e.queue.empty()) {
    sleep_on(dest, pending, now_ns, wakes);  // it would be the head at once: no heap round trip
    return SendResult::sent;
  }
  e.queue.push_back(pending);
  std::push_heap(e.queue.begin(), e.queue.end(), [](auto& a, auto& b) { return later(a, b); });
  if (!e.current && e.polling) take_head(dest, now_ns, wakes);
  return SendResult::sent;
}

void Network::take_head(EndpointId endpoint, std::int64_t now_ns, EndpointWakes& wakes) {
  Endpoint& e = endpoints_[endpoint];
  while (!e.queue.empty()) {
    std::pop_heap(e.queue.begin(), e.queue.end(), [](auto& a, auto& b) { return later(a, b); });
    const Pending head = e.queue.back();
    e.queue.pop_back();
    if (sleep_on(endpoint, head, now_ns, wakes)) return;
  }
}

// The partition is checked when the message reaches the head, not at its deadline: a cut
// message is dropped (false), else the loop sleeps on it.
bool Network::sleep_on(EndpointId endpoint, const Pending& head, std::int64_t now_ns,
                       EndpointWakes& wakes) {
  if (partitioned(slots_[head.slot].src, endpoint)) {
    journal_event(journal::JournalKind::drop, now_ns, slots_[head.slot]);
    release(head.slot);
    return false;
  }
  endpoints_[endpoint].current = head.slot;
  wakes.wake_endpoint(endpoint, wake_time_ns(head.deadline_ns, now_ns));
  return true;
}

// Takes the slot the loop slept on (journaling the delivery); the caller releases it.
std::optional<std::uint32_t> Network::due_slot(EndpointId endpoint, std::int64_t now_ns) {
  Endpoint& e = endpoints_[endpoint];
  last_now_ns_ = now_ns;
  if (!e.registered || !e.current) return std::nullopt;
  const std::uint32_t slot = *e.current;
  e.current.reset();
  const Slot& s = slots_[slot];
  journal_event(journal::JournalKind::deliver, now_ns, s);
  ++group(s.client_traffic).recv_count;
  return slot;
}

std::optional<Delivery> Network::take_due(EndpointId endpoint, std::int64_t now_ns) {
  std::optional<Delivery> delivery;
  take_due(endpoint, now_ns, [&delivery](Delivery& due) { delivery = std::move(due); });
  return delivery;
}

void Network::resume(EndpointId endpoint, std::int64_t now_ns, EndpointWakes& wakes) {
  Endpoint& e = endpoints_[endpoint];
  last_now_ns_ = now_ns;
  if (e.registered && e.polling && !e.current) take_head(endpoint, now_ns, wakes);
}

void Network::set_polling(EndpointId endpoint, bool polling, std::int64_t now_ns,
                          EndpointWakes& wakes) {
  endpoints_[endpoint].polling = polling;
  if (polling) resume(endpoint, now_ns, wakes);
}

history::NetCounts Network::counts() const {
  history::NetCounts counts;
  counts.clients = clients_;
  counts.servers = servers_;
  counts.all = clients_ + servers_;
  std::map<std::string, std::int64_t> by_type = servers_by_odd_type_;
  for (std::size_t index = 0; index < servers_by_body_.size(); ++index) {
    if (servers_by_body_[index] == 0) continue;
    // A default body of the same alternative has the same type name (a gossip needs a value).
    core::Body body;
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      ((I == index ? (body.emplace<I>(), 0) : 0), ...);
    }
    (std::make_index_sequence<std::variant_size_v<core::Body>>{});
    if (auto* gossip = std::get_if<core::Gossip>(&body)) gossip->values.push_back(0);
    by_type[core::type_name(body)] += servers_by_body_[index];
  }
  counts.servers_by_type.assign(by_type.begin(), by_type.end());
  return counts;
}

}  // namespace rumor::replay::world
