#include "core/step.hpp"

#include <algorithm>
#include <bit>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include "core/limits.hpp"
#include "core/link.hpp"
#include "core/log_text.hpp"
#include "core/node_names.hpp"
#include "core/overlay.hpp"
#include "core/saturating.hpp"

namespace rumor::core {

namespace {

// The 64-bit FNV prime: multiplying by it spreads each byte of a node id over the whole seed.
constexpr std::uint64_t fnv_prime_64 = 1099511628211ULL;

// Invariants are checked in every build: a broken one must stop the node loudly, never be
// skipped like a bad input line.
void require(bool condition, const char* what) {
  if (!condition) throw InvariantViolation(what);
}

// Everything one step does, in one place: the state being changed, the time, what goes out.
struct Context {
  State& state;
  std::int64_t now_ms;
  Output& output;
};

// Appends a message to the output, written over one an earlier step sent (message_list.hpp):
// most steps send something, and a node's ids change little from one message to the next.
template <typename BodyType>
void send(Output& output, const std::string& src, const std::string& dest,
          std::optional<std::int64_t> in_reply_to, BodyType&& body) {
  Message& message = output.messages.next_to_fill();
  overwrite_id(message.src, src);
  overwrite_id(message.dest, dest);
  message.msg_id.reset();
  message.in_reply_to = in_reply_to;
  message.body.emplace<std::decay_t<BodyType>>(std::forward<BodyType>(body));
}

template <typename BodyType>
void reply(Context& ctx, const Message& request, BodyType&& body) {
  send(ctx.output, ctx.state.self().empty() ? request.dest : ctx.state.self(), request.src,
       request.msg_id, std::forward<BodyType>(body));
}

void reply_error(Context& ctx, const Message& request, int code, std::string text) {
  reply(ctx, request, Error{.code = code, .text = std::move(text)});
}

constexpr std::size_t bits_per_word = 64;

// A link changed outside polling: it may have work now (every change that gives a link work comes
// through here: a first unsent value, data or an ack from the peer), and be due earlier than the
// cached time.
void note_link_changed(State& state, std::size_t peer, const BatchGrid& grid) {
  state.busy_links[peer / bits_per_word] |= std::uint64_t{1} << (peer % bits_per_word);
  state.links_due_ms =
      std::min(state.links_due_ms, link_due_ms(state.links[peer], grid, state.profile));
}
void note_link_changed(State& state, std::size_t peer) {
  note_link_changed(state, peer, batch_grid(state));
}

// Queues a value this node just learnt for the peers the overlay names.
void relay(Context& ctx, Value value, std::optional<std::size_t> from) {
  auto& state = ctx.state;
  // The grid is the same for every peer, and needed only for a link's first unsent value.
  std::optional<BatchGrid> grid;
  // Captured by value: each value queued is a store that, as far as the compiler knows, may
  // change anything reached through a reference, which it would then load again for every peer.
  Link* const links = state.links.data();
  const std::int64_t now_ms = ctx.now_ms;
  for_each_relay_target(state, from, [links, value, now_ms, &state, &grid](std::size_t peer) {
    if (!link_queue(links[peer], value, now_ms)) return;
    if (!grid) grid = batch_grid(state);
    note_link_changed(state, peer, *grid);
  });
}

// A value is new to this node: remember it and relay it. Inline up to the relay, which most
// nodes skip: a star's leaves and a mesh's nodes relay nothing they hear from a peer.
inline void learn(Context& ctx, Value value, std::optional<std::size_t> from) {
  auto& state = ctx.state;
  if (!state.known.insert(value)) return;  // duplicates are ignored
  state.values.push_back(value);
  if (relays_any(state, from)) relay(ctx, value, from);
}

// Whether ids are n0, n1, ... in order, as node_name writes them (then they are distinct).
bool are_node_names(const std::vector<std::string>& ids) {
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (ids[i].empty() || ids[i].front() != 'n' || id_number(ids[i]) != i) return false;
  }
  return true;
}

// Fills `cluster` with the ids init gives, or says why the init cannot be followed (error 12).
// Ids must be few enough, non-empty and distinct: a duplicate would make the node gossip to
// itself, an empty one send to "". The index map is built only for ids other than Maelstrom's
// own names, which find_node reads by number.
std::optional<std::string> init_problem(const Init& init, ClusterView& cluster) {
  if (init.node_ids.size() > node_ids_max) return node_ids_too_many;
  cluster.ids_are_node_names = are_node_names(init.node_ids);
  cluster.node_index.clear();
  if (!cluster.ids_are_node_names) {
    for (std::size_t i = 0; i < init.node_ids.size(); ++i) {
      if (init.node_ids[i].empty()) return "node_ids must not hold an empty id";
      if (!cluster.node_index.emplace(init.node_ids[i], i).second) {
        return "node_ids must be distinct";
      }
    }
  }
  cluster.node_ids = init.node_ids;
  const auto self_index = find_node(cluster, init.node_id);
  if (!self_index) return "node_id must be one of node_ids";
  cluster.self_index = *self_index;
  return std::nullopt;
}

void on_init(Context& ctx, const Message& request, const Init& init) {
  auto& state = ctx.state;
  ClusterView described;
  if (auto problem = init_problem(init, described)) {
    reply_error(ctx, request, error_code::malformed_request, std::move(*problem));
    return;
  }
  if (state.initialised() && (state.self() != init.node_id || state.node_ids() != init.node_ids)) {
    reply_error(ctx, request, error_code::malformed_request, "already initialised differently");
    return;
  }
  if (!state.initialised()) {
    auto cluster = std::make_shared<ClusterView>(take_cluster_view(state));
    cluster->initialised = true;
    cluster->self = init.node_id;
    cluster->node_ids = std::move(described.node_ids);
    cluster->self_index = described.self_index;
    cluster->node_index = std::move(described.node_index);
    cluster->ids_are_node_names = described.ids_are_node_names;
    state.cluster = std::move(cluster);
    state.links.assign(init.node_ids.size(), Link{});
    state.busy_links.assign((init.node_ids.size() + bits_per_word - 1) / bits_per_word, 0);
    state.links_due_ms = std::numeric_limits<std::int64_t>::min();
    // Each node draws its own numbers from the shared seed, mixed with its id FNV-style.
    for (char c : init.node_id)
      state.rng = state.rng * fnv_prime_64 + static_cast<unsigned char>(c);
  }
  reply(ctx, request, InitOk{});
}

void on_gossip(Context& ctx, const Message& message, const Gossip& gossip) {
  auto& state = ctx.state;
  auto peer = find_node(*state.cluster, message.src);
  if (!peer || *peer == state.self_index()) {
    ctx.output.log_lines.push_back("ignored gossip from unknown node " + message.src);
    return;
  }
  Link& link = state.links[*peer];
  link_on_ack(link, gossip.ack, ctx.now_ms, state.profile);
  for (Value value : gossip.values) learn(ctx, value, peer);
  link_on_data(link, gossip.offset, gossip.offset + gossip.values.size(), ctx.now_ms,
               state.profile);
  note_link_changed(state, *peer);
}

// What a client or Maelstrom asks (and must be answered) versus replies and node-to-node gossip.
// One case per body type: a new alternative of Body does not compile until it is classified.
bool is_request(const Body& body) {
  struct IsRequest {
    bool operator()(const Init&) const { return true; }
    bool operator()(const Topology&) const { return true; }
    bool operator()(const Broadcast&) const { return true; }
    bool operator()(const Read&) const { return true; }
    bool operator()(const Unsupported&) const { return true; }
    bool operator()(const Malformed&) const { return true; }
    bool operator()(const InitOk&) const { return false; }
    bool operator()(const TopologyOk&) const { return false; }
    bool operator()(const BroadcastOk&) const { return false; }
    bool operator()(const ReadOk&) const { return false; }
    bool operator()(const Error&) const { return false; }
    bool operator()(const Gossip&) const { return false; }
  };
  return std::visit(IsRequest{}, body);
}

// One handler per body type: a new alternative of Body does not compile until it is handled.
// Init, and the errors that answer unsupported or malformed requests, need no init; the rest waits.
struct MessageHandler {
  Context& ctx;
  const Message& message;

  void operator()(const Init& init) const { on_init(ctx, message, init); }
  void operator()(const Unsupported& unsupported) const {
    reply_error(ctx, message, error_code::not_supported,
                "unsupported message type " + unsupported.type);
  }
  void operator()(const Malformed& malformed) const {
    reply_error(ctx, message, error_code::malformed_request,
                "malformed " + malformed.type + ": " + malformed.reason);
  }
  void operator()(const Topology& topology) const {
    if (!initialised()) return;
    set_topology(ctx.state, topology.neighbours);
    reply(ctx, message, TopologyOk{});
  }
  void operator()(const Broadcast& broadcast) const {
    if (!initialised()) return;
    learn(ctx, broadcast.message, std::nullopt);
    reply(ctx, message, BroadcastOk{});
  }
  void operator()(const Read&) const {
    // The log itself, shared: a read costs a reference, not a copy of every value.
    if (initialised()) reply(ctx, message, ReadOk{ctx.state.values});
  }
  void operator()(const Gossip& gossip) const {
    if (initialised()) on_gossip(ctx, message, gossip);
  }
  void operator()(const InitOk&) const { ignore_reply(); }
  void operator()(const TopologyOk&) const { ignore_reply(); }
  void operator()(const BroadcastOk&) const { ignore_reply(); }
  void operator()(const ReadOk&) const { ignore_reply(); }
  void operator()(const Error&) const { ignore_reply(); }

  // Before init, requests get error 11 and anything else is ignored. The answer out of line:
  // every message asks, and all but a node's first few find it initialised.
  bool initialised() const { return ctx.state.initialised() || not_initialised(); }
  [[gnu::noinline]] bool not_initialised() const {
    if (is_request(message.body)) {
      reply_error(ctx, message, error_code::temporarily_unavailable, "not initialised");
    } else {
      ctx.output.log_lines.push_back("ignored " + type_name(message.body) + " before init");
    }
    return false;
  }
  // Replies and errors addressed to us: the node never asks anything, so nothing waits for them.
  void ignore_reply() const {
    if (!initialised()) return;
    ctx.output.log_lines.push_back("ignored " + type_name(message.body) + " from " + message.src);
  }
};

void on_message(Context& ctx, const Message& message) {
  const Body& body = message.body;
  const auto* malformed = std::get_if<Malformed>(&body);
  if (is_request(body) && !message.msg_id && !(malformed && malformed->msg_id_ill_typed)) {
    // Without a msg_id nobody waits for an answer, and an answer could not name its request.
    ctx.output.log_lines.push_back("ignored " + type_name(body) + " without msg_id from " +
                                   message.src);
    return;
  }
  std::visit(MessageHandler{ctx, message}, body);
}

// Polls one link that is not idle; lowers `due_ms` to its next due time.
void poll_link(Context& ctx, std::size_t peer, const BatchGrid& grid, std::int64_t& due_ms) {
  auto& state = ctx.state;
  Link& link = state.links[peer];
  auto gossip = link_poll(link, ctx.now_ms, grid, state.profile, state.rng);
  due_ms = std::min(due_ms, link_due_ms(link, grid, state.profile));
  if (!gossip) return;
  send(ctx.output, state.self(), state.node_ids()[peer], std::nullopt, std::move(*gossip));
}

// Send whatever each link has due now: batches whose grid point passed, resends, owed acks. Links
// in peer order, skipping the idle ones (only busy ones can be anything else).
void flush_links(Context& ctx) {
  auto& state = ctx.state;
  if (ctx.now_ms < state.links_due_ms) return;  // nothing can be due yet
  std::int64_t due_ms = std::numeric_limits<std::int64_t>::max();
  const BatchGrid grid = batch_grid(state);
  for (std::size_t word = 0; word < state.busy_links.size(); ++word) {
    for (std::uint64_t bits = state.busy_links[word]; bits != 0; bits &= bits - 1) {
      const auto bit = static_cast<std::size_t>(std::countr_zero(bits));
      const std::size_t peer = word * bits_per_word + bit;
      if (peer == state.self_index() || link_idle(state.links[peer])) {
        state.busy_links[word] &= ~(std::uint64_t{1} << bit);
        continue;
      }
      poll_link(ctx, peer, grid, due_ms);
    }
  }
  state.links_due_ms = due_ms;
}

std::int64_t input_time_ms(const Input& input) {
  return std::visit([](const auto& in) { return in.now_ms; }, input);
}

void check_one_reply(const Input& input, const Output& output) {
  const auto* received = std::get_if<Received>(&input);
  if (!received || !received->message.msg_id || !is_request(received->message.body)) return;
  const auto replies =
      std::count_if(output.messages.begin(), output.messages.end(), [&](const Message& out) {
        // The integer first: most outputs are gossip, which has no in_reply_to.
        return out.in_reply_to == received->message.msg_id && out.dest == received->message.src;
      });
  require(replies == 1, "every request gets exactly one reply");
}

}  // namespace

void step_in_place(State& state, const Input& input, Output& output) {
  output.messages.clear();
  output.log_lines.clear();
  output.wake_at_ms.reset();
  // Time never runs backwards inside the core, whatever the runner feeds it.
  state.last_now_ms = std::max(state.last_now_ms, input_time_ms(input));
  Context ctx{state, state.last_now_ms, output};
  const std::size_t values_before = state.values.size();

  if (const auto* received = std::get_if<Received>(&input)) on_message(ctx, received->message);
  if (state.initialised()) flush_links(ctx);

  // Log lines quote input (ids, types): escaped, a '\n' in them cannot start a forged trace line.
  for (std::string& line : output.log_lines) {
    if (!is_log_safe(line)) line = log_text(line);
  }

  require(state.values.size() >= values_before, "a node's set never shrinks");
  require(state.values.size() == state.known.size(), "the value log and the value set agree");
  check_one_reply(input, output);
  output.wake_at_ms = next_wake_ms(state);
}

StepResult step(State state, const Input& input) {
  StepResult result{std::move(state), Output{}};
  step_in_place(result.state, input, result.output);
  return result;
}

}  // namespace rumor::core
