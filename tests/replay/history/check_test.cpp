// The checkers on small hand-made histories (Jepsen's checker.clj). Times are in ms unless a name
// says _ns.
#include "replay/history/check.hpp"

#include <gtest/gtest.h>

#include <limits>

#include "replay/history/set_full.hpp"
#include "tests/replay/history/history_builder.hpp"

namespace rumor::replay::history {
namespace {

using testing::HistoryBuilder;
using testing::kNanosPerMilli;

const Edn& at(const Edn& map, std::string_view key) {
  const Edn* value = map.find(key);
  if (value == nullptr)
    throw std::runtime_error("missing :" + std::string(key) + " in " + to_edn(map));
  return *value;
}

std::int64_t integer_at(const Edn& map, std::string_view key) { return at(map, key).integer; }

Edn list_of(std::vector<std::int64_t> elements) {
  Edn list = Edn::of_list();
  for (const std::int64_t element : elements) list.items.push_back(Edn::of_int(element));
  return list;
}

const Edn kTrue = Edn::of_bool(true);
const Edn kFalse = Edn::of_bool(false);
const Edn kUnknown = Edn::of_keyword("unknown");

TEST(SetFull, SeenWithoutAbsenceIsStableWithZeroLatency) {
  HistoryBuilder builder;
  builder.broadcast(0, 7, 10).read(1, {7}, 20);
  const Edn workload = check_set_full(builder.history());
  EXPECT_EQ(integer_at(workload, "attempt-count"), 1);
  EXPECT_EQ(integer_at(workload, "stable-count"), 1);
  EXPECT_EQ(integer_at(workload, "stale-count"), 0);
  EXPECT_EQ(integer_at(workload, "lost-count"), 0);
  EXPECT_EQ(at(workload, "stable-latencies"), parse_edn("{0 0, 0.5 0, 0.95 0, 0.99 0, 1 0}"));
  EXPECT_EQ(workload.find("lost-latencies"), nullptr);
  EXPECT_EQ(at(workload, "worst-stale"), Edn::of_list());
  EXPECT_EQ(at(workload, "duplicated-count"), Edn::of_int(0));
  EXPECT_EQ(at(workload, "valid?"), kTrue);
}

TEST(SetFull, AbsentThenPresentIsStaleWithLatencyFromKnownToLastAbsentInvocation) {
  HistoryBuilder builder;
  builder
      .broadcast(0, 7, 10)  // ok at 11 ms: known
      .read(1, {}, 40)      // invoked at 40 ms: last absent
      .read(2, {7}, 60);
  const Edn workload = check_set_full(builder.history());
  EXPECT_EQ(integer_at(workload, "stable-count"), 1);
  EXPECT_EQ(integer_at(workload, "stale-count"), 1);
  EXPECT_EQ(at(workload, "stale"), list_of({7}));
  // stable time = 40 ms + 1 ns; minus known (11 ms) = 29.000001 ms, truncated.
  EXPECT_EQ(at(workload, "stable-latencies"), parse_edn("{0 29, 0.5 29, 0.95 29, 0.99 29, 1 29}"));
  const Edn& worst = at(workload, "worst-stale");
  ASSERT_EQ(worst.items.size(), 1u);
  EXPECT_EQ(to_edn(worst.items[0]),
            "{:element 7, :outcome :stable, :stable-latency 29, :lost-latency nil, "
            ":known #jepsen.history.Op{:index 1, :time 11000000, :type :ok, :process 0, :f :add, "
            ":value 7}, :last-absent #jepsen.history.Op{:index 2, :time 40000000, :type :invoke, "
            ":process 1, :f :read, :value nil}}");
}

TEST(SetFull, LatencyIsTruncatedToWholeMilliseconds) {
  HistoryBuilder builder;
  builder.broadcast(0, 1, 0)
      .at_ns(0)
      .invoke_read(1, 0)
      .at_ns(2 * kNanosPerMilli - 2)  // stable time = 2 ms - 1 ns: 1.999999 ms
      .complete_read(1, {}, 3)
      .read(2, {1}, 4);
  EXPECT_EQ(at(check_set_full(builder.history()), "stable-latencies"),
            parse_edn("{0 1, 0.5 1, 0.95 1, 0.99 1, 1 1}"));
}

// Issue 9, D13: :time comes from the file; latencies near ±2^63 saturate instead of overflowing.
TEST(SetFull, LatenciesFromExtremeTimesSaturate) {
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
  HistoryBuilder stale;
  stale.broadcast(0, 7, 0).at_ns(kMin).invoke_read(1, 0).at_ns(kMax).complete_read(1, {}, 0);
  stale.read(2, {7}, 0);
  const std::string saturated = std::to_string(kMax / kNanosPerMilli);
  EXPECT_EQ(to_edn(at(check_set_full(stale.history()), "stable-latencies")),
            "{0 " + saturated + ", 0.5 " + saturated + ", 0.95 " + saturated + ", 0.99 " +
                saturated + ", 1 " + saturated + "}");
  HistoryBuilder lost;
  lost.broadcast(0, 3, 0).at_ns(kMin).invoke_read(1, 0).at_ns(kMax).complete_read(1, {3}, 0);
  lost.read(2, {}, 0);
  EXPECT_EQ(at(check_set_full(lost.history()), "lost-latencies"),
            parse_edn("{0 " + saturated + ", 0.5 " + saturated + ", 0.95 " + saturated + ", 0.99 " +
                      saturated + ", 1 " + saturated + "}"));
}

// A read kept as raw text (it holds non-integers) still yields its integers to the checker.
TEST(SetFull, ReadsKeptAsTextGiveTheirIntegers) {
  std::string raw = "[";
  for (int k = 0; k < 2000; ++k) raw += "nil [7] ";
  raw += "7]";
  HistoryBuilder builder;
  builder.broadcast(0, 7, 10).invoke_read(1, 20).complete_read(1, {}, 21);
  builder.read(2, {}, 30);
  History history = builder.history();
  history[3].value = RawEdn{raw};  // the first read saw 7, among non-integers
  const Edn workload = check_set_full(history);
  EXPECT_EQ(integer_at(workload, "lost-count"), 1);  // seen by the first read, absent later
}

TEST(SetFull, PresentThenAbsentInALaterReadIsLost) {
  HistoryBuilder builder;
  builder.broadcast(0, 3, 10).read(1, {3}, 100).read(2, {}, 2000);
  const Edn workload = check_set_full(builder.history());
  EXPECT_EQ(integer_at(workload, "lost-count"), 1);
  EXPECT_EQ(at(workload, "lost"), list_of({3}));
  EXPECT_EQ(integer_at(workload, "stable-count"), 0);
  // lost time = last present invocation (100 ms) + 1 ns, known at 11 ms.
  EXPECT_EQ(at(workload, "lost-latencies"), parse_edn("{0 89, 0.5 89, 0.95 89, 0.99 89, 1 89}"));
  EXPECT_EQ(workload.find("stable-latencies"), nullptr);
  EXPECT_EQ(at(workload, "valid?"), kFalse);  // lost beats "nothing stable"
}

TEST(SetFull, AbsentOnlyBeforeTheAckIsNeverReadButAbsentAfterItIsLost) {
  HistoryBuilder before;
  before.invoke_broadcast(0, 1, 0)
      .read(1, {}, 5)  // absent, but invoked before the ack (index 3)
      .complete_broadcast(OpType::ok, 0, 1, 9)
      .broadcast(2, 3, 20);  // acknowledged, no read afterwards
  const Edn never = check_set_full(before.history());
  EXPECT_EQ(at(never, "never-read"), list_of({1, 3}));
  EXPECT_EQ(integer_at(never, "lost-count"), 0);

  HistoryBuilder after;
  after.broadcast(0, 2, 20).read(1, {}, 30);
  EXPECT_EQ(at(check_set_full(after.history()), "lost"), list_of({2}));
}

TEST(SetFull, UnacknowledgedAndUnseenIsNeverRead) {
  HistoryBuilder builder;
  builder.invoke_broadcast(0, 4, 0)
      .complete_broadcast(OpType::info, 0, 4, 5000)
      .broadcast(2, 5, 10)  // acknowledged, then missing from a later read: lost
      .read(1, {}, 6000)
      .broadcast(3, 6, 7000)
      .read(1, {6}, 7100);
  const Edn workload = check_set_full(builder.history());
  EXPECT_EQ(integer_at(workload, "never-read-count"), 1);
  EXPECT_EQ(at(workload, "never-read"), list_of({4}));
  EXPECT_EQ(at(workload, "lost"), list_of({5}));
  EXPECT_EQ(integer_at(workload, "attempt-count"), 3);
}

TEST(SetFull, NothingStableIsUnknown) {
  HistoryBuilder builder;
  builder.invoke_broadcast(0, 4, 0).complete_broadcast(OpType::info, 0, 4, 5000).read(1, {}, 6000);
  const Edn workload = check_set_full(builder.history());
  EXPECT_EQ(integer_at(workload, "stable-count"), 0);
  EXPECT_EQ(at(workload, "valid?"), kUnknown);
  EXPECT_EQ(at(check_set_full(History{}), "valid?"), kUnknown);
}

TEST(SetFull, ComparesReadInvocationIndicesNotCompletionOrder) {
  // Read A (absent) is invoked before read B (present) but completes after it: by invocation
  // index, the last absence precedes the last presence, so the element is stable, not lost.
  HistoryBuilder builder;
  builder.broadcast(0, 9, 0)
      .invoke_read(1, 10)  // A, index 2
      .invoke_read(2, 20)  // B, index 3
      .complete_read(2, {9}, 30)
      .complete_read(1, {}, 40);
  const Edn workload = check_set_full(builder.history());
  EXPECT_EQ(integer_at(workload, "stable-count"), 1);
  EXPECT_EQ(integer_at(workload, "lost-count"), 0);
  EXPECT_EQ(at(workload, "stable-latencies"), parse_edn("{0 9, 0.5 9, 0.95 9, 0.99 9, 1 9}"));
}

TEST(SetFull, FailedAndInfoReadsAreIgnored) {
  HistoryBuilder builder;
  builder.broadcast(0, 1, 0)
      .read(1, {1}, 10)
      .invoke_read(2, 20)
      .op(OpType::fail, 2, "read", std::vector<std::int64_t>{}, 21);
  EXPECT_EQ(integer_at(check_set_full(builder.history()), "lost-count"), 0);
}

TEST(SetFull, WorstStaleIsLargestLatencyFirstTiesLargerElementFirstAtMostEight) {
  HistoryBuilder builder;
  // Elements 0..9 all acknowledged at 1 ms; latencies come from which absent read saw them last.
  for (std::int64_t element = 0; element < 10; ++element) builder.broadcast(0, element, 0);
  builder.read(1, {}, 51);                         // all absent at 51 ms
  builder.read(1, {0, 1, 2, 3, 4, 5}, 101);        // 6..9 still absent at 101 ms
  builder.read(1, {0, 1, 2, 3, 4, 5, 6, 7}, 151);  // 8, 9 still absent at 151 ms
  builder.read(1, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 200);
  const Edn workload = check_set_full(builder.history());
  std::vector<std::pair<std::int64_t, std::int64_t>> order;  // (element, latency)
  for (const Edn& entry : at(workload, "worst-stale").items) {
    order.emplace_back(integer_at(entry, "element"), integer_at(entry, "stable-latency"));
  }
  const std::vector<std::pair<std::int64_t, std::int64_t>> expected = {
      {9, 150}, {8, 150}, {7, 100}, {6, 100}, {5, 50}, {4, 50}, {3, 50}, {2, 50}};
  EXPECT_EQ(order, expected);
  EXPECT_EQ(integer_at(workload, "stale-count"), 10);
  EXPECT_EQ(at(workload, "stale"), list_of({0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
}

TEST(SetFull, ValuesOutsideTheBroadcastsAndNonIntegersAreIgnored) {
  HistoryBuilder builder;
  builder.broadcast(0, 1, 0).op(OpType::invoke, 1, "read", std::monostate{}, 5);
  builder.op(OpType::ok, 1, "read", RawEdn{"[1.0 \"1\" 99]"}, 6);  // 1.0 is not 1 in Clojure
  builder.read(1, {1, 42}, 10);
  const Edn workload = check_set_full(builder.history());
  EXPECT_EQ(integer_at(workload, "attempt-count"), 1);
  EXPECT_EQ(at(workload, "stable-latencies"), parse_edn("{0 4, 0.5 4, 0.95 4, 0.99 4, 1 4}"));
}

TEST(Quantiles, UseIndexMinOfLastAndFloorNTimesQ) {
  EXPECT_EQ(latency_quantiles({5}), parse_edn("{0 5, 0.5 5, 0.95 5, 0.99 5, 1 5}"));
  EXPECT_EQ(latency_quantiles({4, 1, 3, 2}), parse_edn("{0 1, 0.5 3, 0.95 4, 0.99 4, 1 4}"));
  std::vector<std::int64_t> hundred;
  for (std::int64_t i = 100; i >= 1; --i) hundred.push_back(i);
  EXPECT_EQ(latency_quantiles(hundred), parse_edn("{0 1, 0.5 51, 0.95 96, 0.99 100, 1 100}"));
  const Edn twenty =
      latency_quantiles({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20});
  EXPECT_EQ(twenty, parse_edn("{0 1, 0.5 11, 0.95 20, 0.99 20, 1 20}"));
  // Keys keep Clojure's types: 0 and 1 are integers, the others doubles.
  EXPECT_EQ(to_edn(twenty), "{0 1, 0.5 11, 0.95 20, 0.99 20, 1 20}");
}

TEST(Stats, CountsCompletionsPerFunctionAndFailsWithoutAnyOk) {
  HistoryBuilder builder;
  builder.broadcast(0, 1, 0)
      .invoke_read(1, 5)
      .op(OpType::fail, 1, "read", std::monostate{}, 5005)
      .invoke_read(1, 6000)
      .op(OpType::info, 1, "read", std::monostate{}, 6001);
  const Edn stats = check_stats(builder.history());
  EXPECT_EQ(to_edn(stats),
            "{:valid? false, :count 3, :ok-count 1, :fail-count 1, :info-count 1, "
            ":by-f {:broadcast {:valid? true, :count 1, :ok-count 1, :fail-count 0, "
            ":info-count 0}, :read {:valid? false, :count 2, :ok-count 0, :fail-count 1, "
            ":info-count 1}}}");
  const Edn results = check(builder.history(), std::nullopt);
  EXPECT_EQ(at(results, "valid?"), kFalse);
  EXPECT_EQ(validity_of(results), Validity::invalid);
}

TEST(Stats, NemesisOpsAndInvocationsAreNotCounted) {
  HistoryBuilder builder;
  builder.read(0, {}, 0);
  History history = builder.history();
  Op nemesis;
  nemesis.index = 2;
  nemesis.type = OpType::info;
  nemesis.f = "start-partition";
  history.push_back(nemesis);
  EXPECT_EQ(to_edn(check_stats(history)),
            "{:valid? true, :count 1, :ok-count 1, :fail-count 0, :info-count 0, :by-f {:read "
            "{:valid? true, :count 1, :ok-count 1, :fail-count 0, :info-count 0}}}");
  EXPECT_EQ(op_count(history), 1);
}

TEST(Availability, OkFractionAndThresholds) {
  HistoryBuilder builder;
  builder.broadcast(0, 1, 0).read(1, {1}, 5).invoke_read(2, 10);
  builder.op(OpType::fail, 2, "read", std::monostate{}, 5010);
  const History& history = builder.history();
  EXPECT_EQ(to_edn(check_availability(history, {})), "{:valid? true, :ok-fraction 0.6666667}");
  EXPECT_EQ(at(check_availability(history, {"total"}), "valid?"), kFalse);
  EXPECT_EQ(at(check_availability(history, {"0.6"}), "valid?"), kTrue);
  EXPECT_EQ(at(check_availability(history, {"0.7"}), "valid?"), kFalse);
  EXPECT_EQ(to_edn(check_availability(History{}, {"total"})), "{:valid? true, :ok-fraction 1}");
  EXPECT_THROW(check_availability(history, {"1.5"}), std::invalid_argument);
  EXPECT_THROW(check_availability(history, {"most"}), std::invalid_argument);
  // Through check(), a bad option is an :unknown checker, not a crash.
  const Edn results = check(history, std::nullopt, {"most"});
  EXPECT_EQ(at(at(results, "availability"), "valid?"), kUnknown);
  EXPECT_EQ(validity_of(results), Validity::unknown);
}

TEST(Net, MsgsPerOpDividesByClientInvocations) {
  HistoryBuilder builder;
  for (std::int64_t i = 0; i < 102; ++i) builder.broadcast(0, i, i * 10).read(1, {i}, i * 10 + 5);
  NetCounts net;
  net.all = {1365, 1115, 1365};
  net.clients = {428, 428, 428};
  net.servers = {937, 687, 937};
  const Edn result = check_net(builder.history(), net);
  EXPECT_EQ(to_edn(result),
            "{:all {:send-count 1365, :recv-count 1115, :msg-count 1365, :msgs-per-op 6.6911764}, "
            ":clients {:send-count 428, :recv-count 428, :msg-count 428}, "
            ":servers {:send-count 937, :recv-count 687, :msg-count 937, :msgs-per-op 4.5931373}, "
            ":valid? true}");
  net.servers_by_type = {{"gossip", 900}, {"gossip_ok", 37}};
  EXPECT_EQ(to_edn(at(at(check_net(builder.history(), net), "servers"), "by-type")),
            "{\"gossip\" 900, \"gossip_ok\" 37}");
  EXPECT_EQ(to_edn(check_net(builder.history(), std::nullopt)), "{:op-count 204, :valid? true}");
}

TEST(Net, NoClientOpsMeansNoMsgsPerOp) {
  NetCounts net;
  net.all = {4, 4, 4};
  net.clients = {4, 4, 4};
  EXPECT_EQ(to_edn(check_net(History{}, net)),
            "{:all {:send-count 4, :recv-count 4, :msg-count 4}, :clients {:send-count 4, "
            ":recv-count 4, :msg-count 4}, :servers {:send-count 0, :recv-count 0, :msg-count 0}, "
            ":valid? true}");
}

TEST(Exceptions, GroupedByClassMostFrequentFirst) {
  HistoryBuilder builder;
  builder.invoke_broadcast(0, 1, 0).complete_broadcast(OpType::info, 0, 1, 1);
  builder.invoke_read(5, 2).op(OpType::info, 5, "read", std::monostate{}, 3);
  builder.invoke_read(10, 4).op(OpType::info, 10, "read", std::monostate{}, 5);
  History history = builder.history();
  history[1].extra.emplace_back("exception", "{:via [{:type java.io.IOException}]}");
  history[3].extra.emplace_back("exception", "{:via [{:type clojure.lang.ExceptionInfo}]}");
  history[5].extra.emplace_back("exception", "{:via [{:type clojure.lang.ExceptionInfo}]}");
  const Edn exceptions = check_exceptions(history);
  const Edn& groups = at(exceptions, "exceptions");
  ASSERT_EQ(groups.items.size(), 2u);
  EXPECT_EQ(at(groups.items[0], "class"), Edn::of_symbol("clojure.lang.ExceptionInfo"));
  EXPECT_EQ(integer_at(groups.items[0], "count"), 2);
  EXPECT_EQ(integer_at(at(groups.items[0], "example"), "index"), 3);
  EXPECT_EQ(at(groups.items[1], "class"), Edn::of_symbol("java.io.IOException"));
  EXPECT_EQ(to_edn(check_exceptions(History{})), "{:valid? true}");
}

TEST(Check, ComposesEverySubCheckerInMaelstromOrder) {
  HistoryBuilder builder;
  builder.broadcast(0, 1, 0).read(1, {1}, 5);
  const Edn results = check(builder.history(), std::nullopt);
  std::vector<std::string> keys;
  for (const EdnEntry& entry : results.entries) keys.push_back(entry.key.text);
  const std::vector<std::string> expected = {"perf",         "timeline", "exceptions", "stats",
                                             "availability", "net",      "workload",   "valid?"};
  EXPECT_EQ(keys, expected);
  EXPECT_EQ(to_edn(at(results, "perf")),
            "{:latency-graph {:valid? true}, :rate-graph {:valid? true}, :valid? true}");
  EXPECT_EQ(validity_of(results), Validity::valid);
}

TEST(Check, ACheckerThatThrowsBecomesUnknown) {
  HistoryBuilder builder;
  builder.broadcast(0, 1, 0).complete_read(1, {1}, 5);  // a read completion with no invocation
  const Edn results = check(builder.history(), std::nullopt);
  EXPECT_EQ(at(at(results, "workload"), "valid?"), kUnknown);
  EXPECT_EQ(at(at(results, "workload"), "error").kind, Edn::Kind::string);
  EXPECT_EQ(validity_of(results), Validity::unknown);
}

TEST(Verdict, MergeAndExitCodes) {
  EXPECT_EQ(merge_valid({kTrue, kUnknown, kTrue}), kUnknown);
  EXPECT_EQ(merge_valid({kTrue, kUnknown, kFalse}), kFalse);
  EXPECT_EQ(merge_valid({}), kTrue);
  EXPECT_EQ(exit_code(Validity::valid), 0);
  EXPECT_EQ(exit_code(Validity::invalid), 1);
  EXPECT_EQ(exit_code(Validity::unknown), 2);
  EXPECT_EQ(validity_of(parse_edn("{:valid? :unknown}")), Validity::unknown);
  EXPECT_EQ(validity_of(parse_edn("{:valid? false}")), Validity::invalid);
  EXPECT_EQ(validity_of(parse_edn("{:valid? true}")), Validity::valid);
}

}  // namespace
}  // namespace rumor::replay::history
