// Whole simulated runs: Maelstrom's phases, client semantics and determinism, on the real core
// and on deliberately misbehaving nodes.
#include "replay/sim/simulation.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <sstream>
#include <stdexcept>

#include "core/node_names.hpp"
#include "core/profile.hpp"
#include "replay/history/check.hpp"
#include "replay/history/history_io.hpp"
#include "replay/sim/options.hpp"
#include "replay/sim/run_fingerprint.hpp"
#include "replay/sim/store.hpp"

namespace rumor::replay::sim {
namespace {

using history::Op;
using history::OpType;

SimConfig config(int node_count, std::int64_t time_limit_s, double rate, std::uint64_t seed = 1) {
  SimConfig c;
  c.nodes = core::node_names(static_cast<std::size_t>(node_count));
  c.time_limit_s = time_limit_s;
  c.rate = rate;
  c.seed = seed;
  c.profile = core::default_profile();
  return c;
}

history::Validity validity(const SimResult& r) {
  return history::validity_of(history::check(r.history, r.net));
}
std::string history_edn(const SimResult& r) {
  std::ostringstream out;
  history::write_history_edn(r.history, out);
  return out.str();
}

std::vector<Op> client_invokes(const SimResult& r, bool final_reads) {
  std::vector<Op> ops;
  for (const Op& op : r.history) {
    if (op.process && op.type == OpType::invoke && op.final_read == final_reads) ops.push_back(op);
  }
  return ops;
}

// --jepsen-slip-ms: a slow Jepsen host's per-op slip added to every gap of the stagger, so the
// mean invoke gap becomes 1/rate + slip and fewer ops fit in the time limit, as in real runs.
TEST(Simulation, JepsenSlipStretchesEveryClientOpGap) {
  SimConfig plain = config(5, 10, 100);
  SimConfig slow = plain;
  slow.jepsen_slip_ns = 1'700'000;
  const SimResult on_time = run_simulation(plain);
  const SimResult slipped = run_simulation(slow);
  const auto on_time_ops = static_cast<double>(client_invokes(on_time, false).size());
  const std::vector<Op> slipped_ops = client_invokes(slipped, false);
  EXPECT_EQ(static_cast<std::int64_t>(on_time_ops), on_time.pace.ops);
  EXPECT_EQ(static_cast<std::int64_t>(slipped_ops.size()), slipped.pace.ops);
  EXPECT_LT(static_cast<double>(on_time.pace.slip_ns_total) / on_time_ops, 0.05e6);
  const double mean_slip_ns =
      static_cast<double>(slipped.pace.slip_ns_total) / static_cast<double>(slipped.pace.ops);
  EXPECT_NEAR(mean_slip_ns, 1.7e6, 0.05e6);
  const double mean_gap_ns =
      static_cast<double>(slipped_ops.back().time_ns - slipped_ops.front().time_ns) /
      static_cast<double>(slipped_ops.size() - 1);
  EXPECT_NEAR(mean_gap_ns, 11.7e6, 0.6e6);  // 10 ms of stagger on average, plus the slip
  EXPECT_NEAR(static_cast<double>(slipped_ops.size()), on_time_ops * 10.0 / 11.7,
              on_time_ops * 0.05);
  EXPECT_EQ(validity(slipped), history::Validity::valid);
}

TEST(Simulation, Challenge3aIsValid) {
  const SimResult r = run_simulation(config(1, 20, 10));
  ASSERT_FALSE(r.abort_reason) << *r.abort_reason;
  EXPECT_TRUE(r.problems.empty());
  EXPECT_EQ(validity(r), history::Validity::valid);
  const auto ops = history::op_count(r.history);
  EXPECT_GT(ops, 150);
  EXPECT_LT(ops, 260);
  // init, init_ok, topology, topology_ok, then one request and one reply per op.
  EXPECT_EQ(r.net.clients.msg_count, 2 * ops + 4);
  EXPECT_EQ(r.net.servers.msg_count, 0);
}

TEST(Simulation, Challenge3bIsValid) {
  const SimResult r = run_simulation(config(5, 20, 10));
  ASSERT_FALSE(r.abort_reason) << *r.abort_reason;
  EXPECT_EQ(validity(r), history::Validity::valid);
  EXPECT_GT(r.net.servers.msg_count, 0);
  for (const auto& values : r.final_values) EXPECT_EQ(values, r.final_values[0]);
}

TEST(Simulation, Challenge3cWithPartitionsIsValid) {
  SimConfig c = config(5, 20, 10, 3);
  c.nemesis_partition = true;
  const SimResult r = run_simulation(c);
  ASSERT_FALSE(r.abort_reason) << *r.abort_reason;
  EXPECT_EQ(validity(r), history::Validity::valid);
}

TEST(Simulation, SameSeedSameRunOtherSeedOtherRun) {
  SimConfig c = config(5, 10, 20, 77);
  c.nemesis_partition = true;
  c.latency.mean_ms = 30;
  c.latency.dist = LatencyDist::exponential;
  const SimResult a = run_simulation(c);
  const SimResult b = run_simulation(c);
  EXPECT_EQ(history_edn(a), history_edn(b));
  EXPECT_EQ(run_fingerprint(a.history, c.nodes, a.final_values),
            run_fingerprint(b.history, c.nodes, b.final_values));
  c.seed = 78;
  const SimResult other = run_simulation(c);
  EXPECT_NE(history_edn(a), history_edn(other));
  EXPECT_NE(run_fingerprint(a.history, c.nodes, a.final_values),
            run_fingerprint(other.history, c.nodes, other.final_values));
}

TEST(Simulation, HistoryIsDenseOrderedAndPhased) {
  const SimResult r = run_simulation(config(5, 20, 10));
  for (std::size_t i = 0; i < r.history.size(); ++i) {
    EXPECT_EQ(r.history[i].index, static_cast<std::int64_t>(i));
    if (i > 0) {
      EXPECT_LE(r.history[i - 1].time_ns, r.history[i].time_ns);
    }
  }
  const auto main_ops = client_invokes(r, false);
  ASSERT_FALSE(main_ops.empty());
  EXPECT_EQ(main_ops.front().time_ns, 0);  // the first op goes out at once
  EXPECT_LT(main_ops.back().time_ns, 20 * ns_per_s);
  for (std::size_t i = 1; i < main_ops.size(); ++i) {
    const auto gap = main_ops[i].time_ns - main_ops[i - 1].time_ns;
    EXPECT_GE(gap, 0);
    EXPECT_LT(gap, 200 * ns_per_ms);  // U[0, 2/R) with R = 10; nodes answer at once: no slips
  }
  // One final read per worker, all at once, 10 s after the main phase drained.
  const auto finals = client_invokes(r, true);
  ASSERT_EQ(finals.size(), 5u);
  std::int64_t last_main_completion = 0;
  for (const Op& op : r.history) {
    if (op.process && op.type != OpType::invoke && !op.final_read) {
      last_main_completion = std::max(last_main_completion, op.time_ns);
    }
  }
  for (const Op& op : finals) EXPECT_EQ(op.time_ns, last_main_completion + 10 * ns_per_s);
}

TEST(Simulation, WorkerZeroGetsTwoSlotsOfEveryRound) {
  const SimResult r = run_simulation(config(5, 60, 10, 5));
  std::map<std::int64_t, int> per_process;
  for (const Op& op : client_invokes(r, false)) ++per_process[*op.process];
  const double total = static_cast<double>(client_invokes(r, false).size());
  EXPECT_NEAR(per_process[0] / total, 2.0 / 6, 0.03);
  for (std::int64_t p = 1; p < 5; ++p) EXPECT_NEAR(per_process[p] / total, 1.0 / 6, 0.03);
}

TEST(Simulation, NemesisOpsAlternateAndEndWithAHeal) {
  SimConfig c = config(5, 60, 5, 9);
  c.nemesis_partition = true;
  c.nemesis_interval_s = 5;
  const SimResult r = run_simulation(c);
  std::vector<const Op*> nemesis;
  for (const Op& op : r.history) {
    if (!op.process) nemesis.push_back(&op);
  }
  ASSERT_GE(nemesis.size(), 6u);
  ASSERT_EQ(nemesis.size() % 2, 0u);
  EXPECT_EQ(nemesis[0]->time_ns, 0);
  EXPECT_EQ(nemesis[0]->f, "start-partition");
  for (std::size_t i = 0; i + 1 < nemesis.size(); i += 2) {
    EXPECT_EQ(nemesis[i]->type, OpType::info);
    EXPECT_EQ(nemesis[i]->f, nemesis[i + 1]->f);
    if (nemesis[i]->f == "start-partition") {
      const auto& kind = std::get<history::RawEdn>(nemesis[i]->value).text;
      EXPECT_TRUE(kind == ":one" || kind == ":minority-third" || kind == ":majority" ||
                  kind == ":majorities-ring")
          << kind;
      EXPECT_EQ(std::get<history::RawEdn>(nemesis[i + 1]->value).text.rfind("[:isolated {", 0), 0u);
    } else {
      EXPECT_EQ(nemesis[i]->value, history::OpValue{});
      EXPECT_EQ(std::get<history::RawEdn>(nemesis[i + 1]->value).text, ":network-healed");
    }
  }
  EXPECT_EQ(nemesis.back()->f, "stop-partition");
  EXPECT_EQ(validity(r), history::Validity::valid);
}

// --- Misbehaving nodes --------------------------------------------------------------------

// Records which client sent each workload request (tests run single-threaded).
std::vector<std::string> request_sources;

void swallow_broadcast_zero(core::State& state, const core::Input& input, core::Output& output) {
  core::step_in_place(state, input, output);
  if (const auto* received = std::get_if<core::Received>(&input)) {
    const auto& body = received->message.body;
    if (std::holds_alternative<core::Broadcast>(body) || std::holds_alternative<core::Read>(body)) {
      request_sources.push_back(received->message.src);
    }
    const auto* broadcast = std::get_if<core::Broadcast>(&body);
    if (broadcast && broadcast->message == 0) {
      erase_if(output.messages,
               [&](const core::Message& m) { return m.dest == received->message.src; });
    }
  }
}

TEST(Simulation, BroadcastTimeoutIsInfoAndTheWorkerGetsANewProcessAndClient) {
  request_sources.clear();
  SimConfig c = config(1, 10, 10);
  c.step = swallow_broadcast_zero;
  const SimResult r = run_simulation(c);
  ASSERT_FALSE(r.abort_reason) << *r.abort_reason;
  const auto it = std::find_if(r.history.begin(), r.history.end(), [](const Op& op) {
    return op.f == "broadcast" && op.type == OpType::info;
  });
  ASSERT_NE(it, r.history.end());
  EXPECT_EQ(it->error, ":net-timeout");
  EXPECT_EQ(it->value, history::OpValue{std::int64_t{0}});
  EXPECT_EQ(*it->process, 0);
  const auto invoke = std::find_if(r.history.begin(), it, [](const Op& op) {
    return op.f == "broadcast" && op.type == OpType::invoke;
  });
  EXPECT_EQ(it->time_ns - invoke->time_ns, 5 * ns_per_s);
  const auto next =
      std::find_if(it + 1, r.history.end(), [](const Op& op) { return op.type == OpType::invoke; });
  ASSERT_NE(next, r.history.end());
  EXPECT_EQ(*next->process, 1);  // old process + concurrency (1)
  // c0 init, c1 topology, c2 the worker's first client, c3 its replacement.
  ASSERT_GE(request_sources.size(), 2u);
  EXPECT_EQ(request_sources.front(), "c2");
  EXPECT_EQ(request_sources.back(), "c3");
}

void slow_read_reply(core::State& state, const core::Input& input, core::Output& output) {
  core::step_in_place(state, input, output);
  const auto* received = std::get_if<core::Received>(&input);
  if (received && std::holds_alternative<core::Read>(received->message.body)) {
    erase_if(output.messages,
             [&](const core::Message& m) { return m.dest == received->message.src; });
  }
}

TEST(Simulation, ReadTimeoutFailsAndKeepsTheProcess) {
  SimConfig c = config(1, 5, 10);
  c.step = slow_read_reply;
  const SimResult r = run_simulation(c);
  bool saw_fail = false;
  for (const Op& op : r.history) {
    if (op.f == "read" && op.type != OpType::invoke) {
      EXPECT_EQ(op.type, OpType::fail);
      EXPECT_EQ(op.error, ":net-timeout");
      saw_fail = true;
    }
    if (op.process) {
      EXPECT_EQ(*op.process, 0);
    }
  }
  EXPECT_TRUE(saw_fail);
  EXPECT_EQ(validity(r), history::Validity::invalid);  // no read ever succeeded
}

void talks_to_strangers(core::State& state, const core::Input& input, core::Output& output) {
  core::step_in_place(state, input, output);
  const auto* received = std::get_if<core::Received>(&input);
  if (received && std::holds_alternative<core::Broadcast>(received->message.body)) {
    output.messages.push_back(core::Message{.src = state.self(),
                                            .dest = "n99",
                                            .msg_id = std::nullopt,
                                            .in_reply_to = std::nullopt,
                                            .body = core::Gossip{}});
  }
}

TEST(Simulation, InvalidDestinationMutesTheNode) {
  SimConfig c = config(1, 5, 10);
  c.step = talks_to_strangers;
  const SimResult r = run_simulation(c);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_NE(r.problems[0].find("n0 went mute: Invalid dest"), std::string::npos) << r.problems[0];
  // The first broadcast's own reply went out before the bad message; nothing after it did.
  std::size_t ok_after_first_broadcast = 0;
  bool seen_broadcast_ok = false;
  for (const Op& op : r.history) {
    if (op.type == OpType::ok && seen_broadcast_ok) ++ok_after_first_broadcast;
    if (op.type == OpType::ok && op.f == "broadcast") seen_broadcast_ok = true;
  }
  EXPECT_TRUE(seen_broadcast_ok);
  EXPECT_EQ(ok_after_first_broadcast, 0u);
}

void never_initialises(core::State&, const core::Input&, core::Output& output) {
  output = core::Output{};
}

TEST(Simulation, UnansweredInitAbortsTheTest) {
  SimConfig c = config(3, 5, 10);
  c.step = never_initialises;
  const SimResult r = run_simulation(c);
  ASSERT_TRUE(r.abort_reason);
  EXPECT_NE(r.abort_reason->find("to respond to an init message"), std::string::npos);
  EXPECT_TRUE(r.history.empty());
}

void crashes_on_broadcast(core::State& state, const core::Input& input, core::Output& output) {
  const auto* received = std::get_if<core::Received>(&input);
  if (received && std::holds_alternative<core::Broadcast>(received->message.body)) {
    throw std::runtime_error("boom");
  }
  core::step_in_place(state, input, output);
}

TEST(Simulation, CrashedNodeAbortsAtTeardown) {
  SimConfig c = config(1, 5, 10);
  c.step = crashes_on_broadcast;
  const SimResult r = run_simulation(c);
  ASSERT_TRUE(r.abort_reason);
  EXPECT_NE(r.abort_reason->find("n0 crashed: boom"), std::string::npos) << *r.abort_reason;
}

}  // namespace
}  // namespace rumor::replay::sim
