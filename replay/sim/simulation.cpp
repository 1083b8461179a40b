// The event loop of one simulated run: endpoints wake, nodes tick when due, events dispatch.
#include <algorithm>
#include <utility>

#include "core/node_names.hpp"
#include "replay/sim/simulation_run.hpp"

namespace rumor::replay::sim::detail {

namespace {

// Maelstrom's --concurrency, by default one client worker per node.
std::size_t worker_count(const SimConfig& config) {
  return config.concurrency == 0 ? config.nodes.size() : config.concurrency;
}

}  // namespace

Simulation::Simulation(const SimConfig& config, NodeHost* host)
    : config_(config),
      nodes_(config.nodes),
      network_(config.latency, Rng::split(config.seed, stream::latency)),
      embedded_(host != nullptr ? nullptr
                                : std::make_unique<Cluster>(
                                      config.nodes, config.profile,
                                      Rng::split(config.seed, stream::nodes).next(),
                                      config.keep_node_logs, config.step, config.tick_ms)),
      cluster_(host != nullptr ? *host : *embedded_),
      generator_rng_(Rng::split(config.seed, stream::generator)),
      nemesis_rng_(Rng::split(config.seed, stream::nemesis)),
      tick_rng_(Rng::split(config.seed, stream::ticks)),
      client_schedule_(config.rate > 0 ? 1e9 / config.rate : 0.0,
                       Rng::split(config.seed, stream::client_schedule), config.jepsen_slip_ns),
      nemesis_schedule_(config.nemesis_interval_s * 1e9,
                        Rng::split(config.seed, stream::nemesis_schedule)),
      dispatcher_(worker_count(config)),
      wakes_(config.nodes.size(), config.tick_ms),
      rpc_timeouts_(worker_count(config), EventKind::client_timeout) {
  network_.record_to(config.journal);
  workers_.resize(worker_count(config));
  for (std::size_t t = 0; t < workers_.size(); ++t) {
    workers_[t].process = static_cast<std::int64_t>(t);
    workers_[t].node = t % nodes_.size();
  }
  // An invoke and a completion per expected client op, plus the final reads: the history does
  // not move its ops while it grows (up to a bound, past which it grows as usual).
  constexpr double history_reserve_max = 1 << 16;
  const double expected_ops =
      std::min(config.rate * static_cast<double>(config.time_limit_s), history_reserve_max);
  // Jepsen's stagger gives about rate × time limit ops, give or take a few percent: an eighth
  // more keeps the last ones (and the final reads) from moving the whole history.
  const auto expected = static_cast<std::size_t>(expected_ops);
  history_.reserve(2 * (expected + expected / 8 + workers_.size()) + 16);
}

EndpointId Simulation::open_client(bool polling, OwnerKind kind, std::uint32_t index) {
  const EndpointId id = network_.add_endpoint(core::client_name(next_client_number_++), polling);
  owners_.resize(id + 1);
  owners_[id] = Owner{kind, index};
  return id;
}

void Simulation::record(history::Op&& op) {
  op.index = static_cast<std::int64_t>(history_.size());
  op.time_ns = now_ns_ - relative_zero_ns_;
  history_.push_back(std::move(op));
}

history::Op& Simulation::recorded() {
  history::Op& op = history_.emplace_back();
  op.index = static_cast<std::int64_t>(history_.size()) - 1;
  op.time_ns = now_ns_ - relative_zero_ns_;
  return op;
}

void Simulation::abort(std::string reason) {
  if (!abort_reason_) abort_reason_ = std::move(reason);
  phase_ = Phase::done;
}

// The delivery is handled where the network keeps it (take_due with a receiver), so the message
// is moved only into the node's input or the op.
void Simulation::on_wake(EndpointId endpoint) {
  const Owner owner = owners_[endpoint];
  if (owner.kind == OwnerKind::node) {
    const bool delivered = network_.take_due(endpoint, now_ns_, [&](Delivery& delivery) {
      // The node's delivery loop moves on to its next head as soon as the line is written.
      network_.resume(endpoint, now_ns_, events_);
      cluster_.deliver(owner.index, std::move(delivery), now_ns_, network_, events_);
      wakes_.after_step(owner.index, cluster_.wake_at_ms(owner.index), now_ns_, events_);
    });
    if (!delivered) network_.resume(endpoint, now_ns_, events_);
    return;
  }
  network_.take_due(endpoint, now_ns_, [&](Delivery& delivery) {
    if (owner.kind == OwnerKind::setup) {
      on_setup_reply(owner.index, delivery.message());
    } else {
      on_worker_reply(owner.index, std::move(delivery.message()));
    }
  });
  network_.resume(endpoint, now_ns_, events_);
}

void Simulation::dispatch(const Event& event) {
  switch (event.kind) {
    case EventKind::wake_endpoint:
      on_wake(event.target);
      break;
    case EventKind::tick:
      if (!wakes_.due(event, events_)) break;  // superseded, or its node now wants a later tick
      wakes_.ticked(event.target, now_ns_);
      cluster_.tick(event.target, now_ns_, network_, events_);
      wakes_.after_step(event.target, cluster_.wake_at_ms(event.target), now_ns_, events_);
      break;
    case EventKind::client_timeout:
      if (rpc_timeouts_.fired(event, events_)) on_worker_timeout(event.target);
      break;
    case EventKind::setup_timeout:
      on_setup_timeout(event.target);
      break;
    case EventKind::generator:
      if (generator_wake_ns_ == now_ns_) generator_wake_ns_.reset();
      pump();
      break;
    case EventKind::phase:
      if (phase_ == Phase::recovery) start_final_reads();
      break;
  }
}

SimResult Simulation::run() {
  // Far past anything a test can need (drain ≤ 5 s per op, recovery 10 s); a bound on the loop.
  const std::int64_t horizon_ns = (2 * config_.time_limit_s + 3600) * ns_per_s;
  start_init();
  while (phase_ != Phase::done) {
    if (events_.empty()) {
      abort("simulation stalled: no pending events");
      break;
    }
    // Virtual time jumps to the next event (the embedded cores: nothing happens in between);
    // with processes, wall-clock time passes while their output is handled, and what they send
    // may schedule an earlier event.
    if (!embedded_) {
      const std::int64_t next_ns = events_.top().time_ns;
      now_ns_ = cluster_.advance(now_ns_, next_ns, network_, events_);
      // (Events only arrive during advance, so once it reached next_ns the top is due.)
      if (now_ns_ < next_ns && now_ns_ < events_.top().time_ns) continue;
    }
    const Event event = events_.pop();
    now_ns_ = std::max(now_ns_, event.time_ns);
    if (now_ns_ > horizon_ns) {
      abort("simulation passed its time horizon without finishing");
      break;
    }
    ++events_processed_;
    dispatch(event);
  }
  cluster_.teardown();
  SimResult result;
  result.history = std::move(history_);
  result.net = network_.counts();
  for (std::size_t k = 0; k < cluster_.size(); ++k) {
    result.final_values.push_back(cluster_.values(k));
    result.node_logs.push_back(cluster_.log(k));
    if (!abort_reason_) abort_reason_ = cluster_.crash_report(k);
  }
  result.problems = cluster_.problems();
  result.abort_reason = abort_reason_;
  result.simulated_ns = now_ns_;
  result.events = events_processed_;
  result.init_ns = relative_zero_ns_;
  result.pace = pace_;
  return result;
}

}  // namespace rumor::replay::sim::detail

namespace rumor::replay::sim {

SimResult run_simulation(const SimConfig& config) {
  detail::Simulation simulation(config);
  return simulation.run();
}

SimResult run_simulation(const SimConfig& config, NodeHost& host) {
  detail::Simulation simulation(config, &host);
  return simulation.run();
}

}  // namespace rumor::replay::sim
