// The chain tracker (replay/history/set_full_chains.*) against the reference tracker
// (tests/replay/history/set_full_reference.*) on random histories shaped like a node's: each
// client reads one node, whose values grow by appending, with now and then a value lost, two
// values swapped, a value repeated or never broadcast, or a read before the broadcast.
#include "replay/history/set_full_chains.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <sstream>

#include "replay/history/history_io.hpp"
#include "tests/replay/history/set_full_reference.hpp"

namespace rumor::replay::history {
namespace {

std::vector<const Op*> by_index(const History& history) {
  std::vector<const Op*> ops;
  for (const Op& op : history) ops.push_back(&op);
  return ops;
}

// What a node returns for a read, now and then spoilt; a value the node loses stays lost until
// gossip brings it back. An unspoilt read shares the node's log, as the simulator's history does
// (so the tracker meets reads whose prefix is the previous read's own storage); a node that loses
// a value starts a new log.
OpValue read_of(core::ValueLog& node_log, std::int64_t next_value) {
  if (!node_log.empty() && *rc::gen::inRange(0, 20) == 0) {
    std::vector<std::int64_t> kept(node_log.begin(), node_log.end());
    kept.erase(kept.begin() + *rc::gen::inRange<std::size_t>(0, kept.size()));
    node_log = core::ValueLog(kept);
  }
  std::vector<std::int64_t> log(node_log.begin(), node_log.end());
  switch (*rc::gen::inRange(0, 30)) {
    case 0:
      if (!log.empty()) log.erase(log.begin() + *rc::gen::inRange<std::size_t>(0, log.size()));
      break;
    case 1:
      if (log.size() > 1) std::swap(log.front(), log.back());
      break;
    case 2:
      if (!log.empty()) log.push_back(log.front());
      break;
    case 3:
      log.push_back(-7);  // never broadcast
      break;
    case 4:
      log.push_back(next_value);  // broadcast later, if at all
      break;
    default:
      return node_log;
  }
  return log;
}

History node_like_history() {
  const int clients = *rc::gen::inRange(1, 6);
  const int nodes = *rc::gen::inRange(1, clients + 1);
  const int steps = *rc::gen::inRange(0, 120);
  std::vector<core::ValueLog> logs(static_cast<std::size_t>(nodes));
  std::vector<std::optional<Op>> open(static_cast<std::size_t>(clients));
  std::int64_t next_value = 0;
  History history;
  auto append = [&](Op op) {
    op.index = static_cast<std::int64_t>(history.size());
    op.time_ns = op.index * 1'000'000;
    history.push_back(std::move(op));
  };
  for (int step = 0; step < steps; ++step) {
    if (*rc::gen::inRange(0, 3) == 0) {  // gossip: a value reaches another node's end
      auto& from = logs[*rc::gen::inRange<std::size_t>(0, logs.size())];
      auto& to = logs[*rc::gen::inRange<std::size_t>(0, logs.size())];
      if (!from.empty()) {
        const std::int64_t value = from[*rc::gen::inRange<std::size_t>(0, from.size())];
        if (std::find(to.begin(), to.end(), value) == to.end()) to.push_back(value);
      }
      continue;
    }
    const int process = *rc::gen::inRange(0, clients);
    auto& log = logs[static_cast<std::size_t>(process % nodes)];
    std::optional<Op>& pending = open[static_cast<std::size_t>(process)];
    if (!pending) {
      Op op;
      op.process = process;
      op.f = *rc::gen::inRange(0, 2) == 0 ? "broadcast" : "read";
      if (op.f == "broadcast") {
        op.value = next_value;
        log.push_back(next_value++);
      }
      pending = op;
      append(std::move(op));
      continue;
    }
    Op op = *pending;
    pending.reset();
    op.type = *rc::gen::element(OpType::ok, OpType::ok, OpType::ok, OpType::info);
    if (op.f == "read" && op.type == OpType::ok) op.value = read_of(log, next_value);
    append(std::move(op));
  }
  return history;
}

RC_GTEST_PROP(SetFullChainsProperty, AgreesWithTheReferenceTrackerWhereItApplies, ()) {
  const History history = node_like_history();
  const auto by_chains = track_elements_by_chains(by_index(history));
  RC_CLASSIFY(by_chains.has_value(), "by chains");
  if (!by_chains) return;
  const std::string fast = to_edn(set_full_results(*by_chains));
  const std::string reference =
      to_edn(set_full_results(testing::reference_track_elements(history)));
  if (fast != reference) {
    std::ostringstream lines;
    write_history_edn(history, lines);
    RC_FAIL(lines.str() + "\nchains:    " + fast + "\nreference: " + reference);
  }
}

Op op_of(std::int64_t index, OpType type, std::int64_t process, std::string f, OpValue value) {
  Op op;
  op.index = index;
  op.time_ns = index * 1'000'000;
  op.type = type;
  op.process = process;
  op.f = std::move(f);
  op.value = std::move(value);
  return op;
}

TEST(SetFullChains, FollowsReadsThatAppendAndLeavesTheRestToTheGeneralTracker) {
  History history{
      op_of(0, OpType::invoke, 0, "broadcast", std::int64_t{5}),
      op_of(1, OpType::ok, 0, "broadcast", std::int64_t{5}),
      op_of(2, OpType::invoke, 1, "read", std::monostate{}),
      op_of(3, OpType::ok, 1, "read", std::vector<std::int64_t>{}),
      op_of(4, OpType::invoke, 0, "broadcast", std::int64_t{3}),
      op_of(5, OpType::invoke, 1, "read", std::monostate{}),
      op_of(6, OpType::ok, 1, "read", std::vector<std::int64_t>{5, 3}),
  };
  const auto by_chains = track_elements_by_chains(by_index(history));
  ASSERT_TRUE(by_chains.has_value());
  EXPECT_EQ(to_edn(set_full_results(*by_chains)),
            to_edn(set_full_results(testing::reference_track_elements(history))));
  const auto five = std::find_if(by_chains->begin(), by_chains->end(),
                                 [](const auto& element) { return element.first == 5; });
  ASSERT_NE(five, by_chains->end());
  EXPECT_EQ(five->second.last_absent, &history[2]);
  EXPECT_EQ(five->second.last_present, &history[5]);

  history[6].value = std::vector<std::int64_t>{5, 3, 5};  // a value twice
  EXPECT_FALSE(track_elements_by_chains(by_index(history)).has_value());
  history[6].value = std::vector<std::int64_t>{5, 3};
  history[4].value = std::int64_t{5};  // a value broadcast twice
  EXPECT_FALSE(track_elements_by_chains(by_index(history)).has_value());
}

}  // namespace
}  // namespace rumor::replay::history
