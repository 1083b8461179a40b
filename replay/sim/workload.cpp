// The workload (Jepsen's generator, nemesis.clj): the staggered generator with its dispatch
// pointer, client workers and their RPCs, the partition nemesis, and the phases after the main one.
#include <algorithm>
#include <utility>

#include "replay/sim/nemesis.hpp"
#include "replay/sim/simulation_run.hpp"

namespace rumor::replay::sim::detail {

namespace {

history::Op nemesis_info(std::string f, history::OpValue value) {
  history::Op op;
  op.type = history::OpType::info;
  op.process = std::nullopt;
  op.f = std::move(f);
  op.value = std::move(value);
  return op;
}

}  // namespace

void Simulation::start_main() {
  phase_ = Phase::main;
  clients_active_ = config_.rate > 0;
  nemesis_active_ = config_.nemesis_partition;
  client_schedule_.start(now_ns_);
  nemesis_schedule_.start(now_ns_);
  pump();
}

void Simulation::schedule_generator(std::int64_t time_ns) {
  if (generator_wake_ns_ && *generator_wake_ns_ <= time_ns && *generator_wake_ns_ >= now_ns_) {
    return;  // an earlier (or equal) wake is already queued
  }
  generator_wake_ns_ = time_ns;
  events_.schedule(time_ns, EventKind::generator, 0, 0, EventQueue::Lane::wakeups);
}

// Emits every op that is due now, in schedule order, then sleeps until the next one. Like
// Jepsen's time-limit, a generator whose next op falls at or after the cutoff (first op time +
// time limit) is exhausted at once.
void Simulation::pump() {
  while (phase_ == Phase::main) {
    if (cutoff_ns_) {
      if (clients_active_ && client_schedule_.next_ns() >= *cutoff_ns_) clients_active_ = false;
      if (nemesis_active_ && nemesis_schedule_.next_ns() >= *cutoff_ns_) nemesis_active_ = false;
    }
    if (!clients_active_ && !nemesis_active_) {
      phase_ = Phase::drain;
      finish_drain_if_idle();
      return;
    }
    const std::int64_t client_ns = clients_active_ ? client_schedule_.next_ns() : never_ns;
    const std::int64_t nemesis_ns = nemesis_active_ ? nemesis_schedule_.next_ns() : never_ns;
    std::optional<std::size_t> worker;
    if (client_ns <= now_ns_) {
      worker = dispatcher_.pick_client_where([this](std::size_t w) { return workers_[w].busy; });
    }
    bool run_client = worker.has_value();  // a due op with no free worker slips
    bool run_nemesis = nemesis_ns <= now_ns_;
    if (run_client && run_nemesis) {
      run_nemesis = nemesis_ns != client_ns ? nemesis_ns < client_ns : nemesis_rng_.coin();
      run_client = !run_nemesis;
    }
    if (!run_client && !run_nemesis) {
      std::int64_t wake_ns = never_ns;
      if (client_ns > now_ns_) wake_ns = client_ns;
      if (nemesis_ns > now_ns_) wake_ns = std::min(wake_ns, nemesis_ns);
      if (wake_ns != never_ns) schedule_generator(wake_ns);
      return;  // otherwise a worker finishing calls pump again
    }
    if (!cutoff_ns_) cutoff_ns_ = now_ns_ + config_.time_limit_s * ns_per_s;
    if (now_ns_ >= *cutoff_ns_) {  // a slipped op would start past the limit
      (run_client ? clients_active_ : nemesis_active_) = false;
      continue;
    }
    dispatcher_.advance();
    if (run_client) {
      // Slip beyond the schedule, plus the configured slip already inside the schedule (none
      // before the first op).
      pace_.slip_ns_total += now_ns_ - client_ns + (pace_.ops > 0 ? config_.jepsen_slip_ns : 0);
      ++pace_.ops;
      client_op(*worker);
      client_schedule_.issued(now_ns_);
    } else {
      nemesis_op();
      nemesis_schedule_.issued(now_ns_);
    }
  }
}

void Simulation::client_op(std::size_t worker) {
  if (generator_rng_.coin()) {
    issue(worker, RpcKind::broadcast, next_broadcast_value_++, false);
  } else {
    issue(worker, RpcKind::read, 0, false);
  }
}

void Simulation::nemesis_op() {
  if (!next_nemesis_starts_) {
    heal_op();
    next_nemesis_starts_ = true;
    return;
  }
  next_nemesis_starts_ = false;
  const PartitionKind kind = all_partition_kinds[nemesis_rng_.below(4)];
  Grudge grudge = make_grudge(kind, nodes_.size(), nemesis_rng_);
  history::Op invoke =
      nemesis_info("start-partition", history::RawEdn{std::string(partition_kind_keyword(kind))});
  record(history::Op(invoke));
  history::Op done = invoke;
  done.value = history::RawEdn{isolated_edn(grudge, nodes_)};
  network_.set_grudge(std::move(grudge));
  record(std::move(done));
}

void Simulation::heal_op() {
  history::Op invoke = nemesis_info("stop-partition", history::OpValue{});
  record(history::Op(invoke));
  network_.heal();
  history::Op done = invoke;
  done.value = history::RawEdn{":network-healed"};
  record(std::move(done));
}

void Simulation::issue(std::size_t index, RpcKind kind, std::int64_t value, bool final_read) {
  Worker& worker = workers_[index];
  if (!worker.client || worker.replace_client) {
    if (worker.client) network_.remove_endpoint(*worker.client);
    worker.client = open_client(false, OwnerKind::worker, static_cast<std::uint32_t>(index));
    worker.next_msg_id = 1;
    worker.replace_client = false;
  }
  worker.busy = true;
  worker.final_read = final_read;
  worker.request = Request{
      .kind = kind, .value = value, .msg_id = worker.next_msg_id++, .node = nodes_[worker.node]};
  history::Op& invoke = recorded();
  invoke.type = history::OpType::invoke;
  invoke.process = worker.process;
  invoke.f = kind == RpcKind::broadcast ? "broadcast" : "read";
  invoke.value = request_value(worker.request);
  invoke.final_read = final_read;
  core::Body body = kind == RpcKind::broadcast ? core::Body{core::Broadcast{.message = value}}
                                               : core::Body{core::Read{}};
  core::Message request{.src = network_.name_of(*worker.client),
                        .dest = worker.request.node,
                        .msg_id = worker.request.msg_id,
                        .in_reply_to = std::nullopt,
                        .body = std::move(body)};
  // Polling again first takes whatever stale replies queued up since the last RPC.
  network_.set_polling(*worker.client, true, now_ns_, events_);
  network_.send(std::move(request), now_ns_, events_);
  rpc_timeouts_.set(index, now_ns_ + rpc_timeout_ms * ns_per_ms, events_.now_ns(), events_);
}

void Simulation::complete(std::size_t index, Outcome outcome) {
  Worker& worker = workers_[index];
  history::Op& completion = recorded();
  completion.type = outcome.type;
  completion.process = worker.process;
  completion.f = worker.request.kind == RpcKind::broadcast ? "broadcast" : "read";
  completion.value = std::move(outcome.value);
  completion.error = std::move(outcome.error);
  completion.final_read = worker.final_read;
  completion.extra = std::move(outcome.extra);
  worker.busy = false;
  rpc_timeouts_.cancel(index);
  network_.set_polling(*worker.client, false, now_ns_, events_);
  if (outcome.type == history::OpType::info) {
    worker.process += static_cast<std::int64_t>(workers_.size());
    worker.replace_client = true;
  }
  on_worker_free();
}

void Simulation::on_worker_reply(std::size_t index, core::Message&& reply) {
  Worker& worker = workers_[index];
  // Maelstrom's client drops anything that is not the reply it waits for.
  if (!worker.busy || reply.in_reply_to != worker.request.msg_id) return;
  complete(index, outcome_of_reply(worker.request, std::move(reply)));
}

void Simulation::on_worker_timeout(std::size_t index) {
  Worker& worker = workers_[index];
  if (!worker.busy) return;
  complete(index, outcome_of_timeout(worker.request));
}

void Simulation::on_worker_free() {
  switch (phase_) {
    case Phase::main:
      pump();
      break;
    case Phase::drain:
      finish_drain_if_idle();
      break;
    case Phase::final_reads:
      if (std::none_of(workers_.begin(), workers_.end(), [](const Worker& w) { return w.busy; })) {
        phase_ = Phase::done;
      }
      break;
    default:
      break;
  }
}

// Phases 2–4 of Jepsen's generator: heal (with a nemesis only), then 10 s of recovery.
void Simulation::finish_drain_if_idle() {
  if (std::any_of(workers_.begin(), workers_.end(), [](const Worker& w) { return w.busy; })) {
    return;
  }
  if (config_.nemesis_partition) heal_op();
  phase_ = Phase::recovery;
  events_.schedule(now_ns_ + recovery_sleep_ns, EventKind::phase);
}

void Simulation::start_final_reads() {
  phase_ = Phase::final_reads;
  for (std::size_t w = 0; w < workers_.size(); ++w) issue(w, RpcKind::read, 0, true);
}

}  // namespace rumor::replay::sim::detail
