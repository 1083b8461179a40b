#include "replay/fuzz/simulation.hpp"

#include <algorithm>
#include <utility>

#include "core/node_names.hpp"
#include "core/state.hpp"
#include "core/step.hpp"
#include "replay/fuzz/client_events.hpp"
#include "replay/fuzz/client_requests.hpp"
#include "replay/fuzz/hash.hpp"
#include "replay/fuzz/in_flight.hpp"
#include "replay/fuzz/node_wakes.hpp"
#include "replay/fuzz/oracle.hpp"
#include "replay/fuzz/schedule_view.hpp"
#include "replay/fuzz/topology.hpp"
#include "replay/world/event_calendar.hpp"
#include "replay/world/faults.hpp"
#include "runtime/host.hpp"

namespace rumor::replay::fuzz {

namespace {

// heal: the fault phase ends, so convergence is checked then even if no node steps.
enum class Kind : std::uint8_t { tick, deliver, client, heal };

// An event of the run: its node, and the message slot (deliver), event index (client) or wake
// serial (tick).
struct Entry {
  std::int64_t at_ms = 0;
  Kind kind = Kind::tick;
  int node = 0;
  std::uint32_t index = 0;
};

// An entry on the run's calendar, which knows its time; `setup`: scheduled while the cluster
// was set up, so before the client events of its instant (client_events.hpp).
struct Queued {
  Kind kind = Kind::tick;
  bool setup = false;
  int node = 0;
  std::uint32_t index = 0;
};

[[noreturn]] void fail_safety(const std::string& reason) { throw Failure(Outcome::safety, reason); }

// Whether two ids are equal, compared inline: ids are a few characters, and a memcmp call for
// each sent message's sender cost more than the comparison. The ids of a fuzz run's nodes
// (n0..n63) have two or three characters, compared without a loop.
bool same_id(const std::string& a, const std::string& b) {
  const std::size_t size = a.size();
  if (size != b.size()) return false;
  const char* const x = a.data();
  const char* const y = b.data();
  if (size == 2) return x[0] == y[0] && x[1] == y[1];
  if (size == 3) return x[0] == y[0] && x[1] == y[1] && x[2] == y[2];
  for (std::size_t k = 0; k < size; ++k) {
    if (x[k] != y[k]) return false;
  }
  return true;
}

// The oracle of a run, sized by the schedule's broadcasts (one pass over its events).
Oracle oracle_for(const Schedule& schedule) {
  const BroadcastValues values = broadcast_values(schedule);
  return Oracle(schedule.config.nodes, values.limit, values.count);
}

class Run {
 public:
  Run(Schedule schedule, std::ostream* log, journal::PairingJournal* journal)
      : schedule_(healed(std::move(schedule))),
        config_(schedule_.config),
        log_(log),
        journal_(journal),
        network_(fault_plan(schedule_)),
        oracle_(oracle_for(schedule_)),
        pauses_(schedule_),
        clients_(schedule_),
        wakes_(static_cast<std::size_t>(config_.nodes)),
        node_ids_(world::node_names(config_.nodes)),
        requests_(node_ids_) {}

  Verdict run() {
    Verdict verdict;
    try {
      start();
      const std::int64_t end_ms = loop();
      final_reads(end_ms);
      verdict.at_ms = end_ms;
      oracle_.check_end(end_ms - config_.fault_phase_ms);
      verdict.converged_after_heal_ms = std::max<std::int64_t>(end_ms - config_.fault_phase_ms, 0);
    } catch (const Failure& failure) {
      verdict.outcome = failure.outcome;
      verdict.reason = failure.what();
      verdict.at_ms = now_ms_;
    }
    verdict.events = events_;
    verdict.liveness_bound_ms = config_.liveness_ms;
    verdict.fingerprint = fingerprint(verdict);
    return verdict;
  }

 private:
  void start() {
    const auto profile = core::profile_named(config_.profile);
    if (!profile) fail_safety("unknown profile " + config_.profile);
    // One request of each kind serves every node, readdressed: the node list and the topology
    // are built once per run, not once per node.
    core::Input init = setup_request(core::Init{{}, node_ids_});
    core::Input topology =
        setup_request(core::Topology{maelstrom_topology(config_.topology, config_.nodes)});
    hosts_.reserve(static_cast<std::size_t>(config_.nodes));
    for (int node = 0; node < config_.nodes; ++node) {
      hosts_.emplace_back(core::make_state(*profile, config_.seed), runtime::silent_host_options());
      auto& init_body = std::get<core::Init>(std::get<core::Received>(init).message.body);
      init_body.node_id = node_ids_[static_cast<std::size_t>(node)];
      setup(node, init);
      setup(node, topology);
    }
    push(Entry{.at_ms = config_.fault_phase_ms, .kind = Kind::heal});
    setting_up_ = false;  // from here on, after the client events of each instant
  }

  // A setup request, addressed by setup() to each node in turn.
  static core::Input setup_request(core::Body body) {
    return core::Received{core::Message{.src = {},
                                        .dest = {},
                                        .msg_id = std::nullopt,
                                        .in_reply_to = std::nullopt,
                                        .body = std::move(body)},
                          0};
  }

  // Init and topology (`setup`, a Received), addressed here to the node from its client and
  // answered at once by a correct node; not client traffic.
  void setup(int node, core::Input& setup) {
    auto& received = std::get<core::Received>(setup);
    core::Message& request = received.message;
    request.src = requests_.client_id(node);
    request.dest = node_ids_[static_cast<std::size_t>(node)];
    const std::int64_t msg_id = requests_.take_msg_id(node);
    request.msg_id = msg_id;
    received.now_ms = clock_ms(node, 0);
    const bool init = std::holds_alternative<core::Init>(request.body);
    const std::string& client = request.src;
    auto& output = step_node(node, setup);
    schedule_wake(node, 0);
    bool answered = false;
    for (const auto& message : output.messages) {
      const bool ok = init ? std::holds_alternative<core::InitOk>(message.body)
                           : std::holds_alternative<core::TopologyOk>(message.body);
      if (message.dest != client || message.in_reply_to != msg_id || !ok || answered) {
        fail_safety(node_name(node) + " answered setup with " + describe(message));
      }
      answered = true;
    }
    if (!answered) {
      fail_safety(node_name(node) + " did not answer " + core::type_name(request.body));
    }
  }

  std::int64_t loop() {
    const std::int64_t end_ms = config_.fault_phase_ms + config_.liveness_ms;
    Entry entry;
    while (take_next(end_ms, entry)) {
      now_ms_ = entry.at_ms;
      ++events_;
      switch (entry.kind) {
        case Kind::tick:
          on_tick(entry);
          break;
        case Kind::deliver:
          on_deliver(entry);
          break;
        case Kind::client:
          on_client(entry);
          break;
        case Kind::heal:
          changed_ = true;
          break;
      }
      if (now_ms_ >= config_.fault_phase_ms && clients_.left() == 0 && changed_) {
        changed_ = false;
        if (oracle_.converged()) return now_ms_;
      }
    }
    return end_ms;
  }

  void on_tick(const Entry& entry) {
    if (!wakes_.current(entry.node, entry.index)) return;  // superseded: nothing would be due
    if (const auto resume_ms = pauses_.end_ms(entry.node, entry.at_ms)) {
      wakes_.forget_pending(entry.node);
      schedule_wake(entry.node, *resume_ms);  // a paused node gets no ticks
      return;
    }
    wakes_.ticked(entry.node, entry.at_ms);
    step_and_route(entry.node, core::Tick{clock_ms(entry.node, entry.at_ms)});
  }

  // Timers as outputs: the node's next tick is the one its core asked for (node_wakes.hpp).
  void schedule_wake(int node, std::int64_t floor_ms) {
    const auto k = static_cast<std::size_t>(node);
    const auto tick = wakes_.reschedule(node, config_.clocks[k], hosts_[k].wake_at_ms(), floor_ms);
    if (tick)
      push(Entry{.at_ms = tick->at_ms, .kind = Kind::tick, .node = node, .index = tick->serial});
  }

  void on_deliver(const Entry& entry) {
    if (const auto resume_ms = pauses_.end_ms(entry.node, entry.at_ms)) {
      Entry later = entry;
      later.at_ms = *resume_ms;  // waits for the pause to end, in arrival order
      push(later);
      return;
    }
    in_flight_.release(entry.index);  // reused only by the sends of the step below
    core::Received& received = in_flight_.received(entry.index);
    const core::Message& message = received.message;
    const int from = in_flight_.from(entry.index);
    // Partitions end by the heal (healed()), so after it nothing is cut.
    if (from >= 0 && entry.at_ms < config_.fault_phase_ms &&
        network_.cut(from, entry.node, entry.at_ms)) {
      if (log_) *log_ << entry.at_ms << " cut " << describe(message) << "\n";
      if (journal_) journal_->drop(entry.at_ms, message);
      return;
    }
    received.now_ms = clock_ms(entry.node, entry.at_ms);
    receive(entry, from, in_flight_.input(entry.index));
  }

  // A message reaches its node: logged, journalled (a client's request, from < 0, is sent and
  // delivered at once) and stepped.
  void receive(const Entry& entry, int from, const core::Input& input) {
    const core::Message& message = std::get<core::Received>(input).message;
    if (log_) *log_ << entry.at_ms << " recv " << describe(message) << "\n";
    if (journal_ && from >= 0) journal_->deliver(entry.at_ms, message);
    if (journal_ && from < 0) journal_->send_and_deliver(entry.at_ms, message);
    step_and_route(entry.node, input);
  }

  // A client's request reaches its node at once (nothing cuts it), so it goes straight to the
  // host from the node's request input (client_requests.hpp); only a paused node's waits in a
  // slot (on_deliver).
  void on_client(const Entry& entry) {
    const auto& body = schedule_.events[entry.index].body;
    const core::Input& input = requests_.next(entry.node, clock_ms(entry.node, entry.at_ms));
    core::Message& request = requests_.message(entry.node);
    if (const auto* broadcast = std::get_if<ClientBroadcast>(&body)) {
      request.body = core::Broadcast{broadcast->value};
    }
    oracle_.on_request(entry.node, request);
    if (pauses_.end_ms(entry.node, entry.at_ms)) {
      on_deliver(Entry{.at_ms = entry.at_ms,
                       .kind = Kind::deliver,
                       .node = entry.node,
                       .index = in_flight_.store(core::Message(request), -1, entry.node)});
      return;
    }
    receive(entry, -1, input);
  }

  void final_reads(std::int64_t end_ms) {
    now_ms_ = end_ms;
    for (int node = 0; node < config_.nodes; ++node) {
      const core::Input& input = requests_.next(node, clock_ms(node, end_ms));
      const core::Message& request = requests_.message(node);
      oracle_.on_request(node, request);
      if (journal_) journal_->send_and_deliver(end_ms, request);
      step_and_route(node, input);
    }
  }

  // Through the host (runtime/host.hpp); a failed host is a safety failure.
  core::Output& step_node(int node, const core::Input& input) {
    auto& host = hosts_[static_cast<std::size_t>(node)];
    core::Output& output = host.step(input);
    if (const auto& failure = host.failure()) {
      fail_safety(node_name(node) +
                  (failure->kind == runtime::HostFailure::Kind::invariant_violation
                       ? " broke a core invariant: "
                       : " threw: ") +
                  failure->reason);
    }
    oracle_.after_step(node, host.state().values);
    changed_ = true;
    return output;
  }

  // `input` may be a slot's: the host has stepped on it before any send below can reuse the slot.
  void step_and_route(int node, const core::Input& input) {
    core::Output& output = step_node(node, input);
    for (auto& message : output.messages) route(node, std::move(message));
    schedule_wake(node, now_ms_);
  }

  void route(int node, core::Message&& message) {
    if (!same_id(message.src, node_ids_[static_cast<std::size_t>(node)])) {
      fail_safety(node_name(node) + " sent a message as someone else: " + describe(message));
    }
    if (!message.dest.empty() && message.dest[0] == 'c') {
      if (log_) *log_ << now_ms_ << " reply " << describe(message) << "\n";
      if (journal_) journal_->send_and_deliver(now_ms_, message);
      oracle_.on_reply(node, message);
      return;
    }
    const auto to = node_index(message.dest);
    if (!to) fail_safety(node_name(node) + " sent a message to unknown id: " + describe(message));
    ++messages_sent_;
    const world::Fate fate = network_.send(node, *to, now_ms_);
    if (log_) {
      *log_ << now_ms_ << " send " << describe(message);
      if (fate.delays_ms.empty()) *log_ << (fate.partitioned ? " partitioned" : " lost");
      for (auto delay_ms : fate.delays_ms) *log_ << " +" << delay_ms << "ms";
      *log_ << "\n";
    }
    if (journal_) journal_->send(now_ms_, message, fate.delays_ms.size());
    for (std::size_t copy = 0; copy < fate.delays_ms.size(); ++copy) {
      const bool last = copy + 1 == fate.delays_ms.size();
      const std::uint32_t slot = last ? in_flight_.store(std::move(message), node, *to)
                                      : in_flight_.store(core::Message(message), node, *to);
      push(Entry{.at_ms = now_ms_ + fate.delays_ms[copy],
                 .kind = Kind::deliver,
                 .node = *to,
                 .index = slot});
    }
  }

  // n<k> for a node of the run, k without leading zeros (core::id_number, which reads the ids
  // of a fuzz run, n0..n63, without a loop), below the node count.
  std::optional<int> node_index(const std::string& id) const {
    if (id.empty() || id[0] != 'n') return std::nullopt;
    const auto number = core::id_number(id);
    if (!number || *number >= static_cast<std::size_t>(config_.nodes)) return std::nullopt;
    return static_cast<int>(*number);
  }

  std::int64_t clock_ms(int node, std::int64_t global_ms) const {
    return global_ms + config_.clocks[static_cast<std::size_t>(node)].skew_ms;
  }

  // Every event is pushed as of the one being handled, so the calendar's order (time, then push
  // order) is the world's (world/event_queue.hpp: time, then when scheduled, then scheduling
  // order).
  void push(const Entry& entry) {
    queue_.push(
        entry.at_ms,
        Queued{.kind = entry.kind, .setup = setting_up_, .node = entry.node, .index = entry.index});
  }

  // Takes the next event due by end_ms into `entry`: the calendar's or the next client event
  // (client_events.hpp), whichever comes first. False when none is left by then.
  bool take_next(std::int64_t end_ms, Entry& entry) {
    const bool queued = !queue_.empty();
    const std::int64_t queued_ms = queued ? queue_.top_ms() : 0;
    if (clients_.left() > 0 && (!queued || clients_.before(queued_ms, queue_.top().setup))) {
      const auto& due = clients_.next();
      if (due.at_ms > end_ms) return false;
      entry = Entry{.at_ms = due.at_ms, .kind = Kind::client, .node = due.node, .index = due.index};
      clients_.pop();
      return true;
    }
    if (!queued || queued_ms > end_ms) return false;
    const Queued next = queue_.pop();
    entry = Entry{.at_ms = queued_ms, .kind = next.kind, .node = next.node, .index = next.index};
    return true;
  }

  std::uint64_t fingerprint(const Verdict& verdict) const {
    std::uint64_t h = hash_words({config_.seed, events_, messages_sent_,
                                  static_cast<std::uint64_t>(verdict.outcome),
                                  static_cast<std::uint64_t>(verdict.at_ms)});
    for (const auto& host : hosts_) {
      if (host.failed()) {  // no state left: as an empty set
        h = hash_words({h, 0});
        continue;
      }
      for (core::Value value : host.state().values) {
        h = hash_words({h, static_cast<std::uint64_t>(value)});
      }
      h = hash_words({h, host.state().values.size()});
    }
    return h;
  }

  Schedule schedule_;
  const Config& config_;
  std::ostream* log_;
  journal::PairingJournal* journal_;
  world::Faults network_;
  Oracle oracle_;
  Pauses pauses_;
  ClientEvents clients_;
  NodeWakes wakes_;
  std::vector<std::string> node_ids_;  // n<k>, built once rather than per message
  ClientRequests requests_;            // c<k> -> n<k>
  std::vector<runtime::Host> hosts_;
  world::EventCalendar<Queued> queue_;
  bool setting_up_ = true;  // push() schedules the setup's events
  InFlight in_flight_;
  std::uint64_t events_ = 0;
  std::uint64_t messages_sent_ = 0;
  std::int64_t now_ms_ = 0;
  bool changed_ = false;
};

}  // namespace

namespace {

bool valid_node_count(const Schedule& schedule) {
  return schedule.config.nodes >= 1 && schedule.config.nodes <= nodes_max &&
         schedule.config.clocks.size() == static_cast<std::size_t>(schedule.config.nodes);
}

Verdict invalid_node_count() {
  return Verdict{.outcome = Outcome::safety, .reason = "invalid schedule: bad node count"};
}

}  // namespace

Verdict simulate(const Schedule& schedule, std::ostream* log, journal::PairingJournal* journal) {
  if (!valid_node_count(schedule)) return invalid_node_count();
  Run run(schedule, log, journal);
  return run.run();
}

Verdict simulate(Schedule&& schedule, std::ostream* log, journal::PairingJournal* journal) {
  if (!valid_node_count(schedule)) return invalid_node_count();
  Run run(std::move(schedule), log, journal);
  return run.run();
}

}  // namespace rumor::replay::fuzz
