// Host figures and warnings (replay/sim/host_report.hpp): which figures make which warning, and
// the rumor-only results keys computed from a run.
#include "replay/sim/host_report.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace rumor::replay::sim {
namespace {

bool mentions(const std::vector<std::string>& warnings, const std::string& part) {
  for (const auto& warning : warnings) {
    if (warning.find(part) != std::string::npos) return true;
  }
  return false;
}

HostFigures healthy_process_run() {
  HostFigures f;
  f.requested_rate = 100;
  f.achieved_rate = 99;
  f.init_ms = 20;
  f.start_spread_ms = 3;
  f.node_reply_ms_median = 0.2;
  f.node_processes = 5;
  f.cores = 8;
  return f;
}

TEST(HostReport, AHealthyProcessRunHasNoWarning) {
  EXPECT_TRUE(host_warnings(healthy_process_run()).empty());
}

TEST(HostReport, EachHostLimitHasItsWarning) {
  HostFigures slow_rate = healthy_process_run();
  slow_rate.achieved_rate = 89;
  EXPECT_TRUE(mentions(host_warnings(slow_rate), "achieved op rate 89.0/s is under 90 %"));
  HostFigures slow_init = healthy_process_run();
  slow_init.init_ms = 1500;
  EXPECT_TRUE(mentions(host_warnings(slow_init), "slow init: the nodes took 1500 ms"));
  HostFigures slow_replies = healthy_process_run();
  slow_replies.node_reply_ms_median = 7.5;
  EXPECT_TRUE(mentions(host_warnings(slow_replies), "median node reply time 7.50 ms"));
  HostFigures crowded = healthy_process_run();
  crowded.node_processes = 25;
  crowded.cores = 2;
  EXPECT_TRUE(mentions(host_warnings(crowded), "25 node processes share 2 cores"));
  for (const HostFigures& f : {slow_rate, slow_init, slow_replies, crowded}) {
    EXPECT_EQ(host_warnings(f).size(), 1u);
  }
}

TEST(HostReport, VirtualTimeNeverBlamesTheHost) {
  HostFigures embedded = healthy_process_run();
  embedded.node_processes = 0;  // the embedded cores
  embedded.achieved_rate = 10;  // workers busy: the nodes' doing, not the host's
  EXPECT_TRUE(host_warnings(embedded).empty());
}

TEST(HostReport, PaceLineSaysRateSlipAndSpread) {
  HostFigures f = healthy_process_run();
  f.invoke_slip_ms_mean = 1.7;
  f.jepsen_slip_ms = 1.5;
  EXPECT_EQ(pace_line(f),
            "achieved 99.0 ops/s (--rate 100.0), mean invoke slip 1.700 ms (--jepsen-slip-ms "
            "1.500), nodes started within 3.0 ms");
}

TEST(HostReport, ServerFiguresCountOverTheHistorySpanAndTheBroadcasts) {
  SimResult sim;
  sim.net.servers.msg_count = 60;
  for (const auto& [f, time_ns] :
       {std::pair{"broadcast", 0L}, std::pair{"read", 1'000'000'000L},
        std::pair{"broadcast", 2'000'000'000L}, std::pair{"broadcast", 3'000'000'000L}}) {
    history::Op op;
    op.type = history::OpType::invoke;
    op.process = 0;
    op.f = f;
    op.time_ns = time_ns;
    sim.history.push_back(op);
  }
  history::Edn results = history::Edn::of_map().set(
      "net", history::Edn::of_map().set("servers", history::Edn::of_map()));
  add_host_keys(results, sim, healthy_process_run(), {"a warning"});
  const history::Edn& servers = *results.find("net")->find("servers");
  EXPECT_DOUBLE_EQ(servers.find("msgs-per-second")->as_number(), 20.0);     // 60 over 3 s
  EXPECT_DOUBLE_EQ(servers.find("msgs-per-broadcast")->as_number(), 20.0);  // 60 over 3
  const history::Edn& host = *results.find("host");
  EXPECT_DOUBLE_EQ(host.find("achieved-rate")->as_number(), 99.0);
  ASSERT_EQ(host.find("warnings")->items.size(), 1u);
  EXPECT_EQ(host.find("warnings")->items[0], history::Edn::of_string("a warning"));
}

}  // namespace
}  // namespace rumor::replay::sim
