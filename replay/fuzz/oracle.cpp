#include "replay/fuzz/oracle.hpp"

#include <algorithm>
#include <sstream>
#include <type_traits>

#include "core/node_names.hpp"
#include "replay/fuzz/topology.hpp"

namespace rumor::replay::fuzz {

namespace {

// Client msg_ids are dense (the simulator numbers each client's requests from 1); this bounds
// the per-node table a stray id could grow.
constexpr std::int64_t msg_id_max = std::int64_t{1} << 26;

[[noreturn]] void fail_safety(const std::string& reason) { throw Failure(Outcome::safety, reason); }

std::string describe(const core::Message& message) {
  std::ostringstream out;
  out << message.src << "->" << message.dest << " " << core::type_name(message.body);
  if (message.in_reply_to) out << " in_reply_to=" << *message.in_reply_to;
  if (message.msg_id) out << " msg_id=" << *message.msg_id;
  return out.str();
}

// reply.dest == client_name(node) ("c<node>"), read by id_number rather than by building the
// name on every reply.
bool is_client_of(const std::string& dest, int node) {
  if (dest.empty() || dest[0] != 'c') return false;
  const auto number = core::id_number(dest);
  return number && *number == static_cast<std::size_t>(node);
}

}  // namespace

Oracle::Oracle(int nodes, core::Value value_limit, std::size_t values_expected)
    : nodes_(nodes),
      value_limit_(value_limit),
      broadcast_(static_cast<std::size_t>(value_limit)),
      required_(static_cast<std::size_t>(value_limit)),
      held_(static_cast<std::size_t>(nodes), Flags(static_cast<std::size_t>(value_limit))),
      held_count_(static_cast<std::size_t>(nodes)),
      last_learnt_(static_cast<std::size_t>(nodes)),
      logs_(static_cast<std::size_t>(nodes)),
      checked_logs_(static_cast<std::size_t>(nodes)),
      checked_sizes_(static_cast<std::size_t>(nodes)),
      last_read_prefix_(static_cast<std::size_t>(nodes), kNoRead),
      last_read_(static_cast<std::size_t>(nodes)),
      requests_(static_cast<std::size_t>(nodes)) {
  // A node that converges learns every value: its log reserved once, not grown by doubling (a
  // reallocation, copy and free each time, for every node of every run). By the values
  // broadcast, not the largest one: a schedule file may broadcast only 1,000,000.
  const auto reserved = std::min(values_expected, static_cast<std::size_t>(value_limit));
  for (auto& log : logs_) log.reserve(reserved);
}

void Oracle::on_request(int node, const core::Message& request) {
  const std::int64_t msg_id = request.msg_id.value_or(-1);
  if (msg_id < 0 || msg_id > msg_id_max) {
    throw std::invalid_argument("oracle: client msg_id out of range: " + std::to_string(msg_id));
  }
  auto& requests = requests_[static_cast<std::size_t>(node)];
  const auto slot = static_cast<std::size_t>(msg_id);
  if (slot >= requests.size()) requests.resize(std::max(slot + 1, 2 * requests.size()));
  Request& entry = requests[slot];
  if (entry.asked) {
    throw std::invalid_argument("oracle: client msg_id reused: " + std::to_string(msg_id));
  }
  entry = Request{.asked = true, .read = std::holds_alternative<core::Read>(request.body)};
  if (const auto* broadcast = std::get_if<core::Broadcast>(&request.body)) {
    entry.value = broadcast->message;
    broadcast_[index(broadcast->message)] = true;
  }
  ++unanswered_;
}

void Oracle::check_learnt(int node, const core::ValueLog& values, std::size_t size_before) {
  const auto n = static_cast<std::size_t>(node);
  if (values.size() < size_before) {
    fail_safety(node_name(node) + "'s set shrank from " + std::to_string(size_before) + " to " +
                std::to_string(values.size()) + " values");
  }
  if (size_before > 0 && values[size_before - 1] != last_learnt_[n]) {
    fail_safety(node_name(node) + "'s set was rewritten: value " + std::to_string(last_learnt_[n]) +
                " is no longer where it was learnt");
  }
  // Whether the node's log up to size_before is still logs_: told by its storage when it is the one
  // checked last, else compared (when the log moved to larger storage: rarely, as it doubles).
  const core::ValueLog& checked = checked_logs_[n];
  const bool same_storage = values.shares_storage_with(checked);
  const bool prefix_checked =
      same_storage
          ? checked_sizes_[n] == size_before
          : std::equal(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(size_before),
                       logs_[n].begin(), logs_[n].end());
  // The tables' addresses taken once: a store to a byte flag may alias anything, so the
  // compiler would reload each of them for every value.
  const core::Value* const learnt = values.data();
  const std::uint8_t* const broadcast = broadcast_.data();
  std::uint8_t* const held = held_[n].data();
  std::vector<core::Value>& log = logs_[n];
  for (std::size_t k = size_before; k < values.size(); ++k) {
    const core::Value value = learnt[k];
    if (!in_range(value) || broadcast[index(value)] == 0) {
      fail_safety(node_name(node) + " reads value " + std::to_string(value) +
                  ", which no client broadcast");
    }
    if (held[index(value)] != 0) {
      fail_safety(node_name(node) + " learnt value " + std::to_string(value) +
                  " again: its set must have lost it");
    }
    held[index(value)] = 1;
    log.push_back(value);
    require_value(value);
  }
  held_count_[n] = values.size();
  if (!values.empty()) last_learnt_[n] = values.back();
  // A rewritten prefix is not failed here (a read that lists it is, below, as before): the log is
  // only no longer taken as checked.
  if (prefix_checked) {
    if (!same_storage) checked_logs_[n] = values;  // else only its checked length grows
    checked_sizes_[n] = values.size();
  } else {
    checked_logs_[n].clear();
    checked_sizes_[n] = 0;
  }
}

void Oracle::check_read(int node, const core::ValueLog& messages) {
  const auto n = static_cast<std::size_t>(node);
  // A read that lists the node's set in the order it was learnt (what the core sends) passes
  // every check below by construction: each value passed after_step once. Told at once when the
  // reply shares the node's checked log at its length (what the core sends), else compared; not
  // re-checked value by value, and remembered as a length instead of a copy.
  const core::ValueLog& checked = checked_logs_[n];
  const bool shares_checked = messages.size() == held_count_[n] &&
                              checked_sizes_[n] == held_count_[n] &&
                              messages.shares_storage_with(checked);
  if (shares_checked || (messages.size() == held_count_[n] && messages == logs_[n])) {
    last_read_prefix_[n] = messages.size();
    last_read_[n].reset();
    return;
  }
  const std::string name = node_name(node);
  std::vector<bool> seen(static_cast<std::size_t>(value_limit_));
  for (core::Value value : messages) {
    if (!in_range(value) || !broadcast_[index(value)]) {
      fail_safety(name + " read_ok contains " + std::to_string(value) +
                  ", which no client broadcast");
    }
    if (seen[index(value)]) {
      fail_safety(name + " read_ok lists " + std::to_string(value) + " twice");
    }
    seen[index(value)] = true;
    if (!held_[n][index(value)]) {
      fail_safety(name + " read_ok contains " + std::to_string(value) + ", not in its set");
    }
  }
  if (messages.size() != held_count_[n]) {
    fail_safety(name + " read_ok has " + std::to_string(messages.size()) +
                " values but its set holds " + std::to_string(held_count_[n]) +
                ": a read lost values");
  }
  last_read_prefix_[n] = kNoRead;
  last_read_[n] = messages;
}

void Oracle::on_reply(int node, const core::Message& reply) {
  if (!is_client_of(reply.dest, node)) {
    fail_safety(node_name(node) + " sent " + describe(reply) +
                " to a client that never asked it anything");
  }
  if (!reply.in_reply_to)
    fail_safety(node_name(node) + " sent its client " + describe(reply) + " unasked");
  Request* asked = request(node, *reply.in_reply_to);
  if (asked == nullptr)
    fail_safety(node_name(node) + " answered an unknown request: " + describe(reply));
  Request& request = *asked;
  if (request.answered)
    fail_safety(node_name(node) + " answered a request twice: " + describe(reply));
  request.answered = true;
  --unanswered_;
  if (request.read) {
    const auto* read_ok = std::get_if<core::ReadOk>(&reply.body);
    if (!read_ok) fail_safety(node_name(node) + " answered a read with " + describe(reply));
    check_read(node, read_ok->messages);
  } else {
    if (!std::holds_alternative<core::BroadcastOk>(reply.body)) {
      fail_safety(node_name(node) + " answered broadcast " + std::to_string(request.value) +
                  " with " + describe(reply));
    }
    require_value(request.value);
  }
}

bool Oracle::converged() const {
  if (unanswered_ != 0) return false;
  for (std::size_t count : held_count_) {
    if (count != required_count_) return false;
  }
  return true;
}

void Oracle::check_end(std::int64_t liveness_elapsed_ms) const {
  if (unanswered_ != 0) {
    for (int node = 0; node < nodes_; ++node) {
      for (const Request& request : requests_[static_cast<std::size_t>(node)]) {
        if (!request.asked || request.answered) continue;
        fail_safety(
            std::to_string(unanswered_) + " client requests never answered, e.g. " +
            (request.read ? std::string("a read") : "broadcast " + std::to_string(request.value)) +
            " sent to " + node_name(node));
      }
    }
  }
  std::ostringstream pending;
  int lacking_nodes = 0;
  for (int node = 0; node < nodes_; ++node) {
    const auto n = static_cast<std::size_t>(node);
    // Every value a node learnt is required and learnt once, so a last read of its whole log,
    // as long as the required set, lacks nothing: the usual end, told without a pass over every
    // value.
    if (last_read_prefix_[n] == held_count_[n] && held_count_[n] == required_count_) continue;
    std::vector<bool> read(static_cast<std::size_t>(value_limit_));
    if (last_read_prefix_[n] != kNoRead) {
      for (std::size_t k = 0; k < last_read_prefix_[n]; ++k) read[index(logs_[n][k])] = true;
    } else if (last_read_[n]) {
      for (core::Value value : *last_read_[n]) read[index(value)] = true;
    }
    std::size_t lacks = 0;
    core::Value first = -1;
    for (core::Value value = 0; value < value_limit_; ++value) {
      if (!required_[index(value)] || read[index(value)]) continue;
      if (lacks++ == 0) first = value;
    }
    if (lacks == 0) continue;
    if (++lacking_nodes <= 5) {
      pending << (lacking_nodes > 1 ? "; " : "") << node_name(node) << " lacks " << lacks
              << (lacks == 1 ? " value" : " values") << ", first " << first;
    }
  }
  if (lacking_nodes == 0) return;
  if (lacking_nodes > 5) pending << "; and " << lacking_nodes - 5 << " more nodes";
  throw Failure(Outcome::liveness, "not converged " + std::to_string(liveness_elapsed_ms) +
                                       " ms after the heal (" + std::to_string(required_count_) +
                                       " values required): " + pending.str());
}

}  // namespace rumor::replay::fuzz
