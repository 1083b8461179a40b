#include "replay/fuzz/oracle.hpp"

#include <sstream>
#include <type_traits>

#include "replay/fuzz/topology.hpp"

namespace rumor::replay::fuzz {

namespace {

[[noreturn]] void fail_safety(const std::string& reason) { throw Failure(Outcome::safety, reason); }

std::string describe(const core::Message& message) {
  std::ostringstream out;
  out << message.src << "->" << message.dest << " " << core::type_name(message.body);
  if (message.in_reply_to) out << " in_reply_to=" << *message.in_reply_to;
  if (message.msg_id) out << " msg_id=" << *message.msg_id;
  return out.str();
}

}  // namespace

Oracle::Oracle(int nodes, core::Value value_limit)
    : nodes_(nodes),
      value_limit_(value_limit),
      broadcast_(static_cast<std::size_t>(value_limit)),
      required_(static_cast<std::size_t>(value_limit)),
      held_(static_cast<std::size_t>(nodes),
            std::vector<bool>(static_cast<std::size_t>(value_limit))),
      held_count_(static_cast<std::size_t>(nodes)),
      last_learnt_(static_cast<std::size_t>(nodes)),
      last_read_(static_cast<std::size_t>(nodes)) {}

std::uint64_t Oracle::key(int node, std::int64_t msg_id) {
  return (static_cast<std::uint64_t>(node) << 48) ^ static_cast<std::uint64_t>(msg_id);
}

void Oracle::require_value(core::Value value) {
  if (required_[index(value)]) return;
  required_[index(value)] = true;
  ++required_count_;
}

void Oracle::on_request(int node, const core::Message& request) {
  Request entry{.node = node, .read = std::holds_alternative<core::Read>(request.body)};
  if (const auto* broadcast = std::get_if<core::Broadcast>(&request.body)) {
    entry.value = broadcast->message;
    broadcast_[index(broadcast->message)] = true;
  }
  requests_.emplace(key(node, *request.msg_id), entry);
  ++unanswered_;
}

void Oracle::after_step(int node, const std::vector<core::Value>& values, std::size_t size_before) {
  const auto n = static_cast<std::size_t>(node);
  const std::string name = node_name(node);
  if (values.size() < size_before) {
    fail_safety(name + "'s set shrank from " + std::to_string(size_before) + " to " +
                std::to_string(values.size()) + " values");
  }
  if (size_before > 0 && values[size_before - 1] != last_learnt_[n]) {
    fail_safety(name + "'s set was rewritten: value " + std::to_string(last_learnt_[n]) +
                " is no longer where it was learnt");
  }
  for (std::size_t k = size_before; k < values.size(); ++k) {
    const core::Value value = values[k];
    if (!in_range(value) || !broadcast_[index(value)]) {
      fail_safety(name + " reads value " + std::to_string(value) + ", which no client broadcast");
    }
    if (held_[n][index(value)]) {
      fail_safety(name + " learnt value " + std::to_string(value) +
                  " again: its set must have lost it");
    }
    held_[n][index(value)] = true;
    require_value(value);
  }
  held_count_[n] = values.size();
  if (!values.empty()) last_learnt_[n] = values.back();
}

void Oracle::check_read(int node, const std::vector<core::Value>& messages) {
  const auto n = static_cast<std::size_t>(node);
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
  last_read_[n] = messages;
}

void Oracle::on_reply(int node, const core::Message& reply) {
  const std::string name = node_name(node);
  if (reply.dest != client_name(node)) {
    fail_safety(name + " sent " + describe(reply) + " to a client that never asked it anything");
  }
  if (!reply.in_reply_to) fail_safety(name + " sent its client " + describe(reply) + " unasked");
  auto it = requests_.find(key(node, *reply.in_reply_to));
  if (it == requests_.end()) fail_safety(name + " answered an unknown request: " + describe(reply));
  Request& request = it->second;
  if (request.answered) fail_safety(name + " answered a request twice: " + describe(reply));
  request.answered = true;
  --unanswered_;
  if (request.read) {
    const auto* read_ok = std::get_if<core::ReadOk>(&reply.body);
    if (!read_ok) fail_safety(name + " answered a read with " + describe(reply));
    check_read(node, read_ok->messages);
  } else {
    if (!std::holds_alternative<core::BroadcastOk>(reply.body)) {
      fail_safety(name + " answered broadcast " + std::to_string(request.value) + " with " +
                  describe(reply));
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
    for (const auto& [request_key, request] : requests_) {
      if (request.answered) continue;
      fail_safety(
          std::to_string(unanswered_) + " client requests never answered, e.g. " +
          (request.read ? std::string("a read") : "broadcast " + std::to_string(request.value)) +
          " sent to " + node_name(request.node));
    }
  }
  std::ostringstream pending;
  int lacking_nodes = 0;
  for (int node = 0; node < nodes_; ++node) {
    const auto n = static_cast<std::size_t>(node);
    std::vector<bool> read(static_cast<std::size_t>(value_limit_));
    if (last_read_[n]) {
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
