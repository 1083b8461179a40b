// Internals of one simulated run, shared by simulation.cpp (the event loop), setup.cpp (init and
// topology) and workload.cpp (generator, workers, nemesis and phases). Not a public interface.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "replay/history/op.hpp"
#include "replay/sim/client.hpp"
#include "replay/sim/cluster.hpp"
#include "replay/sim/event_queue.hpp"
#include "replay/sim/generator.hpp"
#include "replay/sim/simulation.hpp"
#include "replay/sim/simulation_wakes.hpp"
#include "replay/world/lazy_timers.hpp"
#include "replay/world/network.hpp"
#include "replay/world/rng.hpp"

namespace rumor::replay::sim::detail {

inline constexpr std::int64_t recovery_sleep_ns = 10 * ns_per_s;  // "Waiting for recovery..."
inline constexpr std::int64_t never_ns = std::numeric_limits<std::int64_t>::max();

enum class Phase { init, topology, main, drain, recovery, final_reads, done };

enum class OwnerKind : std::uint8_t { node, setup, worker };
struct Owner {
  OwnerKind kind = OwnerKind::node;
  std::uint32_t index = 0;
};

struct SetupClient {
  EndpointId endpoint = 0;
  std::size_t node = 0;
  bool done = false;
};

struct Worker {
  std::int64_t process = 0;
  std::size_t node = 0;
  std::optional<EndpointId> client;
  bool replace_client = false;  // after an :info, the next op opens a fresh client
  std::int64_t next_msg_id = 1;
  bool busy = false;
  bool final_read = false;
  Request request;
};

class Simulation {
 public:
  // Runs the embedded cores, or `host`'s nodes when given (it must outlive the simulation).
  explicit Simulation(const SimConfig& config, NodeHost* host = nullptr);
  SimResult run();

 private:
  void start_init();
  void start_topology();
  void start_main();
  void dispatch(const Event& event);
  void on_wake(EndpointId endpoint);
  void on_setup_reply(std::size_t setup, const core::Message& reply);
  void on_setup_timeout(std::size_t setup);
  void on_worker_reply(std::size_t worker, core::Message&& reply);
  void on_worker_timeout(std::size_t worker);
  void on_worker_free();
  void pump();
  void schedule_generator(std::int64_t time_ns);
  void client_op(std::size_t worker);
  void nemesis_op();
  void heal_op();
  void finish_drain_if_idle();
  void start_final_reads();
  void issue(std::size_t worker, RpcKind kind, std::int64_t value, bool final_read);
  void complete(std::size_t worker, Outcome outcome);
  void record(history::Op&& op);
  // A new op at the end of the history, numbered and timed now, for the caller to fill in.
  history::Op& recorded();
  void abort(std::string reason);
  EndpointId open_client(bool polling, OwnerKind kind, std::uint32_t index);

  const SimConfig& config_;
  std::vector<std::string> nodes_;
  EventQueue events_;
  Network network_;
  std::unique_ptr<Cluster> embedded_;  // owned when the nodes are the embedded cores
  NodeHost& cluster_;
  Rng generator_rng_;
  Rng nemesis_rng_;
  Rng tick_rng_;
  Stagger client_schedule_;
  Stagger nemesis_schedule_;
  Dispatcher dispatcher_;
  NodeWakes wakes_;
  // Each worker's pending RPC's timeout: set for every request, cancelled by nearly every reply.
  world::LazyTimers<EventKind> rpc_timeouts_;

  Phase phase_ = Phase::init;
  std::int64_t now_ns_ = 0;
  std::int64_t relative_zero_ns_ = 0;
  std::optional<std::string> abort_reason_;
  std::vector<Owner> owners_;  // by endpoint id
  std::size_t next_client_number_ = 0;
  std::vector<SetupClient> setup_;
  std::size_t setup_pending_ = 0;
  std::vector<Worker> workers_;

  bool clients_active_ = false;
  bool nemesis_active_ = false;
  bool next_nemesis_starts_ = true;
  std::optional<std::int64_t> cutoff_ns_;
  std::optional<std::int64_t> generator_wake_ns_;
  std::int64_t next_broadcast_value_ = 0;
  history::History history_;
  std::int64_t events_processed_ = 0;
  ClientPace pace_;
};

}  // namespace rumor::replay::sim::detail
