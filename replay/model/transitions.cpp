#include "replay/model/transitions.hpp"

#include <algorithm>
#include <utility>

#include "replay/model/step_node.hpp"

namespace rumor::replay::model {

namespace {

// The core mixes a node's id into its seed FNV-style at init (core/step.cpp, on_init).
constexpr std::uint64_t fnv_prime_64 = 1099511628211ULL;
constexpr std::uint64_t rng_after_init = 0x5eed5eed5eed5eedULL;
// Client msg_ids: init and topology first, then one per value.
constexpr std::int64_t init_msg_id = 1;
constexpr std::int64_t topology_msg_id = 2;
constexpr std::int64_t first_broadcast_msg_id = 10;

bool crosses(std::uint32_t mask, std::size_t a, std::size_t b) {
  return mask != 0 && (((mask >> a) & 1U) != ((mask >> b) & 1U));
}

core::Message packet_message(const Packet& packet) {
  return core::Message{.src = node_name(packet.src),
                       .dest = node_name(packet.dest),
                       .msg_id = std::nullopt,
                       .in_reply_to = std::nullopt,
                       .body = packet.gossip};
}

void record(Recorder* recorder, Recorder::What what, const World& world, std::int64_t id,
            const core::Message& message) {
  if (recorder) recorder->record(what, world.now_ms, id, message);
}

std::size_t link_count(const World& world, std::uint8_t src, std::uint8_t dest) {
  return static_cast<std::size_t>(std::count_if(
      world.in_flight.begin(), world.in_flight.end(),
      [&](const Packet& packet) { return packet.src == src && packet.dest == dest; }));
}

// The expected reply to a request the node was handed, if it was one.
struct Request {
  std::int64_t msg_id = 0;
  std::size_t reply_index = 0;  // the Body alternative a well-formed reply holds
};

// Exactly one well-formed reply per request, nothing else to the client.
std::optional<std::string> check_replies(const core::Output& output, const std::string& self,
                                         const std::optional<Request>& request) {
  int replies = 0;
  for (const auto& message : output.messages) {
    if (message.dest != client_name) continue;
    if (!request) return self + " sent " + core::type_name(message.body) + " to the client unasked";
    if (message.in_reply_to != request->msg_id || message.src != self ||
        message.body.index() != request->reply_index) {
      return self + " answered msg_id " + std::to_string(request->msg_id) + " with a malformed " +
             core::type_name(message.body);
    }
    ++replies;
  }
  if (request && replies != 1) {
    return self + " sent " + std::to_string(replies) + " replies to msg_id " +
           std::to_string(request->msg_id);
  }
  return std::nullopt;
}

// A node's set never shrinks (what it knew stays, in order) and holds only values the client sent.
std::optional<std::string> check_values(const core::State& before, const core::State& after,
                                        int values_sent) {
  for (core::Value value : before.values) {
    if (std::find(after.values.begin(), after.values.end(), value) == after.values.end()) {
      return after.self() + "'s set shrank: it forgot " + std::to_string(value) + " (" +
             std::to_string(before.values.size()) + " -> " + std::to_string(after.values.size()) +
             " values)";
    }
  }
  for (core::Value value : after.values) {
    if (value < 0 || value >= values_sent) {
      return after.self() + " holds " + std::to_string(value) + ", which no client broadcast";
    }
  }
  return std::nullopt;
}

// Sends what a step output to the network (or the client); false when a link goes over its bound.
bool send_all(Successor& result, std::size_t node, const core::Output& output,
              const ModelConfig& config, Recorder* recorder) {
  World& world = result.world;
  const std::string self = node_name(node);
  for (const auto& message : output.messages) {
    const std::int64_t id = world.next_packet_id++;
    if (message.dest == client_name) {
      record(recorder, Recorder::What::send, world, id, message);
      record(recorder, Recorder::What::deliver, world, id, message);
      continue;
    }
    const auto dest = message.dest.size() >= 2 && message.dest[0] == 'n'
                          ? std::optional<std::size_t>(std::stoul(message.dest.substr(1)))
                          : std::nullopt;
    const auto* gossip = std::get_if<core::Gossip>(&message.body);
    if (!dest || *dest >= world.nodes.size() || node_name(*dest) != message.dest) {
      result.violation =
          self + " sent " + core::type_name(message.body) + " to unknown id '" + message.dest + "'";
      return true;
    }
    if (!gossip || message.src != self || *dest == node) {
      result.violation = self + " sent a " + core::type_name(message.body) + " from '" +
                         message.src + "' to " + message.dest;
      return true;
    }
    record(recorder, Recorder::What::send, world, id, message);
    if (crosses(world.partition_mask, node, *dest)) {
      record(recorder, Recorder::What::drop, world, id, message);
      continue;
    }
    Packet packet{.src = static_cast<std::uint8_t>(node),
                  .dest = static_cast<std::uint8_t>(*dest),
                  .gossip = *gossip,
                  .id = id,
                  .age = 0};
    if (link_count(world, packet.src, packet.dest) >=
        static_cast<std::size_t>(config.in_flight_max))
      return false;
    world.in_flight.insert(
        std::upper_bound(world.in_flight.begin(), world.in_flight.end(), packet, packet_less),
        std::move(packet));
  }
  return true;
}

// Steps node `node` with `input`, checks the step and sends its output.
void run_node(Successor& result, std::size_t node, const core::Input& input,
              const std::optional<Request>& request, const ModelConfig& config,
              Recorder* recorder) {
  World& world = result.world;
  const core::State& before = *world.nodes[node];
  NodeStep stepped = step_node(before, input);
  if (stepped.violation) {
    result.violation = std::move(stepped.violation);
    return;
  }
  result.violation = check_replies(stepped.output, node_name(node), request);
  if (!result.violation) result.violation = check_values(before, *stepped.state, world.next_value);
  if (result.violation) return;
  // A wake-up the tick left at or before now, having done nothing: a host waking the core when it
  // asks (Output::wake_at_ms) would spin on it forever.
  const auto wake = stepped.output.wake_at_ms;
  if (std::holds_alternative<core::Tick>(input) && wake && *wake <= world.now_ms &&
      stepped.output.messages.empty()) {
    result.violation = node_name(node) + " asks to wake at " + std::to_string(*wake) +
                       " ms after a tick at " + std::to_string(world.now_ms) +
                       " ms that did nothing: its host would spin";
    return;
  }
  world.nodes[node] = std::move(stepped.state);
  if (!send_all(result, node, stepped.output, config, recorder)) result.pruned = true;
}

void client_request(Successor& result, std::size_t node, core::Body body, std::int64_t msg_id,
                    std::size_t reply_index, const ModelConfig& config, Recorder* recorder) {
  World& world = result.world;
  core::Message message{.src = client_name,
                        .dest = node_name(node),
                        .msg_id = msg_id,
                        .in_reply_to = std::nullopt,
                        .body = std::move(body)};
  const std::int64_t id = world.next_packet_id++;
  record(recorder, Recorder::What::send, world, id, message);
  record(recorder, Recorder::What::deliver, world, id, message);
  run_node(result, node, core::Received{message, world.now_ms}, Request{msg_id, reply_index},
           config, recorder);
}

// A packet that has waited the --message-wakes bound: time waits for it.
bool overdue_packet(const World& world, const ModelConfig& config) {
  if (config.message_wakes == no_message_bound) return false;
  return std::any_of(world.in_flight.begin(), world.in_flight.end(),
                     [&](const Packet& packet) { return packet.age >= config.message_wakes; });
}

std::optional<std::int64_t> wake_of(const World& world, std::size_t node) {
  return core::next_wake_ms(*world.nodes[node]);
}

}  // namespace

const char* kind_name(Kind kind) {
  static const char* const names[] = {"broadcast", "deliver", "drop", "duplicate",
                                      "partition", "heal",    "tick", "advance"};
  return names[static_cast<int>(kind)];
}

bool is_fault(Kind kind) {
  return kind == Kind::drop || kind == Kind::duplicate || kind == Kind::partition;
}

std::uint64_t seed_for(const std::string& id, std::uint64_t rng_after) {
  std::uint64_t tail = 0;
  std::uint64_t power = 1;
  for (char c : id) {
    tail = tail * fnv_prime_64 + static_cast<unsigned char>(c);
    power *= fnv_prime_64;
  }
  std::uint64_t inverse = power;  // Newton's iteration: an odd number's inverse modulo 2^64
  for (int i = 0; i < 6; ++i) inverse *= 2 - power * inverse;
  return (rng_after - tail) * inverse;
}

Successor initial_world(const ModelConfig& config, const core::Profile& profile,
                        Recorder* recorder) {
  Successor result;
  World& world = result.world;
  const std::vector<std::string> ids = core::node_names(static_cast<std::size_t>(config.nodes));
  for (const auto& id : ids) {
    world.nodes.push_back(std::make_shared<const core::State>(
        core::make_state(profile, seed_for(id, rng_after_init))));
  }
  world.drops_left = config.drops;
  world.dups_left = config.dups;
  world.partitions_left = config.partitions;
  const auto topology = grid_topology(ids);
  for (std::size_t i = 0; i < ids.size() && !result.violation; ++i) {
    client_request(result, i, core::Init{ids[i], ids}, init_msg_id,
                   core::Body(core::InitOk{}).index(), config, recorder);
  }
  for (std::size_t i = 0; i < ids.size() && !result.violation; ++i) {
    client_request(result, i, core::Topology{topology}, topology_msg_id,
                   core::Body(core::TopologyOk{}).index(), config, recorder);
  }
  return result;
}

void enabled_transitions(const World& world, const ModelConfig& config,
                         std::vector<Transition>& out) {
  out.clear();
  const auto nodes = static_cast<std::uint32_t>(world.nodes.size());
  if (world.next_value < config.values) {
    for (std::uint32_t i = 0; i < nodes; ++i) out.push_back({Kind::broadcast, i});
  }
  for (std::uint32_t k = 0; k < world.in_flight.size(); ++k) {
    if (k > 0 && same_packet(world.in_flight[k - 1], world.in_flight[k])) continue;
    out.push_back({Kind::deliver, k});
    if (world.drops_left > 0) out.push_back({Kind::drop, k});
    if (world.dups_left > 0) out.push_back({Kind::duplicate, k});
  }
  if (world.partition_mask != 0) {
    out.push_back({Kind::heal, 0});
  } else if (world.partitions_left > 0) {
    // Every cut once: node 0's side named by the mask.
    for (std::uint32_t mask = 1; mask < (1U << nodes) - 1; mask += 2) {
      out.push_back({Kind::partition, mask});
    }
  }
  std::optional<std::int64_t> earliest;
  bool due = false;
  for (std::uint32_t i = 0; i < nodes; ++i) {
    const auto wake = wake_of(world, i);
    if (!wake) continue;
    if (*wake <= world.now_ms) {
      out.push_back({Kind::tick, i});
      due = true;
    }
    earliest = earliest ? std::min(*earliest, *wake) : *wake;
  }
  // Time moves on only once every due node has run, a partition lasts a bounded time, and so
  // does a message's wait in flight (--message-wakes).
  const bool may_wait = (world.partition_mask == 0 || world.partition_wakes_left > 0) &&
                        !overdue_packet(world, config);
  if (earliest && !due && may_wait) out.push_back({Kind::advance, 0});
}

Successor apply(const World& world, const Transition& transition, const ModelConfig& config,
                Recorder* recorder) {
  Successor result{world, false, std::nullopt};
  World& next = result.world;
  switch (transition.kind) {
    case Kind::broadcast: {
      const core::Value value = next.next_value++;
      client_request(result, transition.arg, core::Broadcast{value}, first_broadcast_msg_id + value,
                     core::Body(core::BroadcastOk{}).index(), config, recorder);
      break;
    }
    case Kind::deliver: {
      Packet packet = next.in_flight[transition.arg];
      next.in_flight.erase(next.in_flight.begin() + transition.arg);
      const core::Message message = packet_message(packet);
      record(recorder, Recorder::What::deliver, next, packet.id, message);
      run_node(result, packet.dest, core::Received{message, next.now_ms}, std::nullopt, config,
               recorder);
      break;
    }
    case Kind::drop: {
      const Packet& packet = next.in_flight[transition.arg];
      record(recorder, Recorder::What::drop, next, packet.id, packet_message(packet));
      next.in_flight.erase(next.in_flight.begin() + transition.arg);
      --next.drops_left;
      break;
    }
    case Kind::duplicate: {
      // The copy is the same send: it keeps the original's age (--message-wakes bounds the
      // delay from the send, whichever copy arrives).
      Packet copy = next.in_flight[transition.arg];
      copy.id = next.next_packet_id++;
      record(recorder, Recorder::What::send, next, copy.id, packet_message(copy));
      const auto link_max =
          static_cast<std::size_t>(config.in_flight_max + (config.dup_beyond_max ? 1 : 0));
      if (link_count(next, copy.src, copy.dest) >= link_max) result.pruned = true;
      next.in_flight.insert(next.in_flight.begin() + transition.arg, std::move(copy));
      --next.dups_left;
      break;
    }
    case Kind::partition: {
      next.partition_mask = transition.arg;
      --next.partitions_left;
      next.partition_wakes_left = config.partition_wakes;
      std::vector<Packet> kept;
      for (auto& packet : next.in_flight) {
        if (crosses(next.partition_mask, packet.src, packet.dest)) {
          record(recorder, Recorder::What::drop, next, packet.id, packet_message(packet));
        } else {
          kept.push_back(std::move(packet));
        }
      }
      next.in_flight = std::move(kept);
      break;
    }
    case Kind::heal:
      next.partition_mask = 0;
      break;
    case Kind::tick:
      run_node(result, transition.arg, core::Tick{next.now_ms}, std::nullopt, config, recorder);
      break;
    case Kind::advance: {
      std::optional<std::int64_t> earliest;
      for (std::size_t i = 0; i < next.nodes.size(); ++i) {
        const auto wake = wake_of(next, i);
        if (wake) earliest = earliest ? std::min(*earliest, *wake) : *wake;
      }
      if (earliest) next.now_ms = std::max(next.now_ms, *earliest);
      if (next.partition_mask != 0) --next.partition_wakes_left;
      // Every packet waits one advance more; none was overdue (enabled_transitions).
      if (config.message_wakes != no_message_bound) {
        for (auto& packet : next.in_flight) ++packet.age;
      }
      break;
    }
  }
  return result;
}

}  // namespace rumor::replay::model
