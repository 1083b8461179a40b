// The diagnosis on small runs built here, one per cause, so each expected cause is known by
// construction; the models built from journal events, node traces and a history; and the JSON.
#include "replay/journal/diagnose.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>
#include <rapidjson/document.h>

#include <sstream>

#include "core/node_names.hpp"
#include "replay/history/history_io.hpp"
#include "replay/journal/diagnose_model.hpp"
#include "replay/journal/diagnose_report.hpp"
#include "replay/journal/trace_events.hpp"

namespace rumor::replay::journal {
namespace {

// Three nodes, a partition from 100 to 200 ms, every node's final read at 900 ms.
RunModel three_nodes() {
  RunModel model;
  model.nodes = {"n0", "n1", "n2"};
  model.partitions = {{100, 200}};
  model.end_ms = 1000;
  for (const std::string& node : model.nodes) model.reads[node];
  return model;
}

void read(RunModel& model, const std::string& node, double at_ms, std::vector<std::int64_t> values,
          std::vector<std::string> other = {}) {
  model.reads[node].push_back(ReadReply{at_ms, "c9", std::move(values), std::move(other)});
}

void finals(RunModel& model, std::vector<std::int64_t> n0, std::vector<std::int64_t> n1,
            std::vector<std::int64_t> n2) {
  read(model, "n0", 900, std::move(n0));
  read(model, "n1", 900, std::move(n1));
  read(model, "n2", 900, std::move(n2));
}

void broadcast(RunModel& model, std::int64_t value, const std::string& node, double sent_ms,
               std::optional<double> acked_ms) {
  model.broadcasts.push_back(ClientBroadcast{value, "c1", node, sent_ms, acked_ms});
}

void message(RunModel& model, std::int64_t id, const std::string& src, const std::string& dest,
             double sent_ms, std::optional<double> received_ms, std::vector<std::int64_t> values) {
  model.messages.push_back(PeerMessage{id, src, dest, sent_ms, received_ms, std::move(values)});
}

const Lack& lack_of(const ValueDiagnosis& d, const std::string& node) {
  for (const Lack& l : d.lacking) {
    if (l.node == node) return l;
  }
  throw std::runtime_error(node + " does not lack the value");
}

TEST(Diagnose, AcknowledgingNodeThatNeverReturnsTheValue) {
  RunModel model = three_nodes();
  broadcast(model, 5, "n0", 10, 11);
  read(model, "n0", 50, {});
  finals(model, {}, {}, {});
  const ValueDiagnosis d = diagnose_value(model, 5, Outcome::lost);
  EXPECT_EQ(d.cause, Cause::acknowledger_never_returned);
  EXPECT_EQ(d.lacking.size(), 3u);
  ASSERT_TRUE(d.entry);
  EXPECT_EQ(d.entry->node, "n0");
  EXPECT_NE(d.why.find("served 2 reads"), std::string::npos) << d.why;
}

TEST(Diagnose, NodeThatReceivedTheValueAndLaterLacksIt) {
  RunModel model = three_nodes();
  broadcast(model, 5, "n0", 10, 11);
  message(model, 1, "n0", "n1", 12, 20, {5});
  message(model, 2, "n0", "n2", 12, 20, {5});
  read(model, "n0", 50, {5});
  finals(model, {5}, {}, {5});
  const ValueDiagnosis d = diagnose_value(model, 5, Outcome::lost);
  EXPECT_EQ(d.cause, Cause::forgotten);
  ASSERT_EQ(d.lacking.size(), 1u);
  EXPECT_EQ(d.lacking[0].node, "n1");
  ASSERT_EQ(d.receipts.size(), 3u);
  EXPECT_EQ(d.receipts[1].from, "n0");
  EXPECT_EQ(d.receipts[1].at_ms, 20);
}

TEST(Diagnose, DroppedInThePartitionAndNeverResent) {
  RunModel model = three_nodes();
  broadcast(model, 5, "n0", 150, 151);
  message(model, 1, "n0", "n1", 152, std::nullopt, {5});
  finals(model, {5}, {}, {});
  const ValueDiagnosis d = diagnose_value(model, 5, Outcome::lost);
  EXPECT_EQ(d.cause, Cause::dropped_not_resent);
  EXPECT_EQ(lack_of(d, "n1").cause, Cause::dropped_not_resent);
  // n2 sits behind n1: nobody sent it there.
  EXPECT_EQ(lack_of(d, "n2").cause, Cause::never_sent_towards);
  EXPECT_NE(d.why.find("heal at 200.0 ms"), std::string::npos) << d.why;
}

TEST(Diagnose, ResentAfterTheHealButLate) {
  RunModel model = three_nodes();
  broadcast(model, 5, "n0", 150, 151);
  message(model, 1, "n0", "n1", 152, std::nullopt, {5});
  message(model, 2, "n0", "n1", 880, 950, {5});           // arrives after n1's final read
  message(model, 3, "n0", "n2", 890, std::nullopt, {5});  // still in flight at the end
  finals(model, {5}, {}, {});
  const ValueDiagnosis d = diagnose_value(model, 5, Outcome::lost);
  EXPECT_EQ(d.cause, Cause::arrived_after_final_reads);
  EXPECT_EQ(lack_of(d, "n1").cause, Cause::arrived_after_final_reads);
  EXPECT_EQ(lack_of(d, "n2").cause, Cause::arrived_after_final_reads);
}

TEST(Diagnose, HeldButNeverSent) {
  RunModel model = three_nodes();
  broadcast(model, 5, "n0", 10, 11);
  finals(model, {5}, {}, {});
  const ValueDiagnosis d = diagnose_value(model, 5, Outcome::lost);
  EXPECT_EQ(d.cause, Cause::never_sent_towards);
  EXPECT_EQ(d.lacking.size(), 2u);
  EXPECT_NE(d.why.find("n0 held it and sent it to no node"), std::string::npos) << d.why;
}

TEST(Diagnose, ReturnedAsAString) {
  RunModel model = three_nodes();
  broadcast(model, 5, "n0", 10, 11);
  read(model, "n0", 900, {}, {"\"5\""});
  read(model, "n1", 900, {}, {"\"5\""});
  read(model, "n2", 900, {}, {"\"5\""});
  const ValueDiagnosis d = diagnose_value(model, 5, Outcome::lost);
  EXPECT_EQ(d.cause, Cause::returned_as_other_type);
  EXPECT_EQ(lack_of(d, "n1").cause, Cause::returned_as_other_type);
}

TEST(Diagnose, NeverReadBecauseNoReadCameAfterTheAck) {
  RunModel model = three_nodes();
  broadcast(model, 5, "n0", 950, 951);
  finals(model, {}, {}, {});
  EXPECT_EQ(diagnose_value(model, 5, Outcome::never_read).cause, Cause::no_read_after_ack);
  // The same value counted lost would be a node's fault, not the reads' timing.
  EXPECT_NE(diagnose_value(model, 5, Outcome::lost).cause, Cause::no_read_after_ack);
}

TEST(Diagnose, GroupsCausesWithCounts) {
  RunModel model = three_nodes();
  broadcast(model, 5, "n0", 150, 151);
  broadcast(model, 6, "n0", 10, 11);
  broadcast(model, 7, "n0", 12, 13);
  message(model, 1, "n0", "n1", 152, std::nullopt, {5});
  finals(model, {5, 6, 7}, {}, {});
  const Diagnosis d = diagnose(model, {7, 5, 6}, {});
  ASSERT_EQ(d.values.size(), 3u);
  EXPECT_EQ(d.values[0].value, 5);  // value order
  EXPECT_EQ(d.counts.at(Cause::dropped_not_resent), 1);
  EXPECT_EQ(d.counts.at(Cause::never_sent_towards), 2);
}

// diagnose() indexes all values in one pass; it must agree with diagnosing each value alone.
RC_GTEST_PROP(DiagnoseProperty, OnePassAgreesWithOneValueAtATime, ()) {
  RunModel model = three_nodes();
  const auto values = *rc::gen::inRange<std::int64_t>(1, 12);
  for (std::int64_t v = 0; v < values; ++v) {
    const auto node = core::node_name(*rc::gen::inRange(0, 3));
    broadcast(model, v, node, *rc::gen::inRange(0, 1000), *rc::gen::inRange(0, 1000));
  }
  const auto message_count = *rc::gen::inRange(0, 20);
  for (int i = 0; i < message_count; ++i) {
    const int src = *rc::gen::inRange(0, 3), dest = (src + *rc::gen::inRange(1, 3)) % 3;
    const double sent = *rc::gen::inRange(0, 1000);
    const bool delivered = *rc::gen::arbitrary<bool>();
    message(model, i, core::node_name(src), core::node_name(dest), sent,
            delivered ? std::optional<double>(sent + 5) : std::nullopt,
            {*rc::gen::inRange<std::int64_t>(0, values)});
  }
  for (const std::string& node : model.nodes) {
    std::vector<std::int64_t> held;
    for (std::int64_t v = 0; v < values; ++v) {
      if (*rc::gen::arbitrary<bool>()) held.push_back(v);
    }
    read(model, node, 900, held);
  }
  std::vector<std::int64_t> lost;
  for (std::int64_t v = 0; v < values; ++v) lost.push_back(v);
  const Diagnosis all = diagnose(model, lost, {});
  for (std::int64_t v = 0; v < values; ++v) {
    const ValueDiagnosis one = diagnose_value(model, v, Outcome::lost);
    RC_ASSERT(all.values[static_cast<std::size_t>(v)].cause == one.cause);
    RC_ASSERT(all.values[static_cast<std::size_t>(v)].why == one.why);
    RC_ASSERT(all.values[static_cast<std::size_t>(v)].lacking.size() == one.lacking.size());
  }
}

Event event(std::int64_t id, double ms, EventType type, std::int64_t message_id, std::string src,
            std::string dest, std::vector<EdnEntry> body) {
  return Event{id, static_cast<std::int64_t>(ms * 1e6), type,
               Message{message_id, std::move(src), std::move(dest), Edn::of_map(std::move(body))}};
}

EdnEntry field(const char* name, Edn value) { return {Edn::of_keyword(name), std::move(value)}; }

Edn ints(std::vector<std::int64_t> values) {
  std::vector<Edn> items;
  for (std::int64_t v : values) items.push_back(Edn::of_int(v));
  return Edn::of_vector(std::move(items));
}

TEST(DiagnoseModel, FromJournalEvents) {
  using E = EventType;
  const std::vector<Event> events = {
      event(0, 0, E::send, 1, "c0", "n0",
            {field("type", Edn::of_string("init")),
             field("node_ids", Edn::of_vector({Edn::of_string("n0"), Edn::of_string("n1")}))}),
      event(1, 10, E::send, 2, "c1", "n0",
            {field("type", Edn::of_string("broadcast")), field("message", Edn::of_int(7)),
             field("msg_id", Edn::of_int(3))}),
      event(2, 11, E::send, 3, "n0", "c1",
            {field("type", Edn::of_string("broadcast_ok")), field("in_reply_to", Edn::of_int(3))}),
      event(3, 12, E::send, 4, "n0", "n1",
            {field("type", Edn::of_string("gossip")), field("msg_id", Edn::of_int(8)),
             field("v", ints({7, 2}))}),
      event(4, 15, E::recv, 4, "n0", "n1", {field("type", Edn::of_string("gossip"))}),
      event(5, 20, E::send, 5, "n1", "c2",
            {field("type", Edn::of_string("read_ok")), field("messages", ints({7}))}),
      event(6, 30, E::send, 6, "n0", "c1",
            {field("type", Edn::of_string("read_ok")),
             field("messages", Edn::of_vector({Edn::of_string("7")}))}),
  };
  HistorySummary history;
  history.first_invoke_ns = 0;
  history.partitions = {{1'000'000, 2'000'000}};  // 1-2 ms after the first request, at 10 ms
  const RunModel model = model_from_events(events, &history);
  EXPECT_EQ(model.nodes, (std::vector<std::string>{"n0", "n1"}));
  ASSERT_EQ(model.broadcasts.size(), 1u);
  EXPECT_EQ(model.broadcasts[0].acked_ms, std::optional<double>(11));
  ASSERT_EQ(model.messages.size(), 1u);
  EXPECT_EQ(model.messages[0].values, (std::vector<std::int64_t>{2, 7}));  // msg_id 8 is plumbing
  EXPECT_EQ(model.messages[0].received_ms, std::optional<double>(15));
  ASSERT_EQ(model.reads.at("n0").size(), 1u);
  EXPECT_EQ(model.reads.at("n0")[0].other, (std::vector<std::string>{"\"7\""}));
  ASSERT_EQ(model.partitions.size(), 1u);
  EXPECT_DOUBLE_EQ(model.partitions[0].from_ms, 11);
  EXPECT_EQ(model.end_ms, 30);
}

TEST(DiagnoseModel, FromNodeTraces) {
  // n0 takes 4 from a client and gossips it to n1 (delivered at 20) and n2 (never delivered).
  const auto n0 = trace::parse_node_trace(
      "#rumor-trace v1 rumor-test 0.1.0 profile=default seed=1 args=[\"default\"]\n"
      "#in 10 {\"src\":\"c1\",\"dest\":\"n0\",\"body\":{\"type\":\"broadcast\",\"message\":4,"
      "\"msg_id\":1}}\n"
      "#out "
      "{\"src\":\"n0\",\"dest\":\"c1\",\"body\":{\"type\":\"broadcast_ok\",\"in_reply_to\":1}}\n"
      "#tick 15\n"
      "#out {\"src\":\"n0\",\"dest\":\"n1\",\"body\":{\"type\":\"gossip\",\"o\":3,\"v\":[4]}}\n"
      "#out {\"src\":\"n0\",\"dest\":\"n2\",\"body\":{\"type\":\"gossip\",\"o\":3,\"v\":[4]}}\n",
      "n0");
  const auto n1 = trace::parse_node_trace(
      "#rumor-trace v1 rumor-test 0.1.0 profile=default seed=2 args=[\"default\"]\n"
      "#in 20 {\"src\":\"n0\",\"dest\":\"n1\",\"body\":{\"type\":\"gossip\",\"o\":3,\"v\":[4]}}\n",
      "n1");
  ASSERT_TRUE(n0 && n1);
  const std::vector<Event> events = events_from_traces({*n0, *n1});
  const RunModel model = model_from_events(events, nullptr, ModelSource::traces);
  ASSERT_EQ(model.broadcasts.size(), 1u);
  EXPECT_EQ(model.broadcasts[0].acked_ms, std::optional<double>(0));  // ms since the first event
  ASSERT_EQ(model.messages.size(), 2u);
  EXPECT_EQ(model.messages[0].values, (std::vector<std::int64_t>{4}));  // not the offset 3
  EXPECT_EQ(model.messages[0].dest, "n1");
  EXPECT_EQ(model.messages[0].received_ms, std::optional<double>(10));
  EXPECT_FALSE(model.messages[1].received_ms);
}

TEST(DiagnoseModel, FromHistoryAlone) {
  std::istringstream edn(
      "{:index 0, :time 0, :type :invoke, :process 0, :f :broadcast, :value 5}\n"
      "{:index 1, :time 1000000, :type :ok, :process 0, :f :broadcast, :value 5}\n"
      "{:index 2, :time 2000000, :type :invoke, :process 1, :f :read, :value nil}\n"
      "{:index 3, :time 3000000, :type :ok, :process 1, :f :read, :value [5]}\n"
      "{:index 4, :time 4000000, :type :invoke, :process 0, :f :read, :value nil, :final? true}\n"
      "{:index 5, :time 5000000, :type :ok, :process 0, :f :read, :value [5]}\n"
      "{:index 6, :time 6000000, :type :invoke, :process 1, :f :read, :value nil, :final? true}\n"
      "{:index 7, :time 7000000, :type :ok, :process 1, :f :read, :value []}\n");
  const RunModel model = model_from_history(history::read_history_edn(edn, "h"));
  EXPECT_EQ(model.source, ModelSource::history);
  EXPECT_EQ(model.nodes, (std::vector<std::string>{"p0", "p1"}));
  const Diagnosis d = diagnose(model, {5}, {});
  ASSERT_EQ(d.values.size(), 1u);
  EXPECT_EQ(d.values[0].cause, Cause::forgotten);  // p1 returned it, then lacked it
  EXPECT_EQ(d.values[0].lacking.at(0).node, "p1");
}

TEST(DiagnoseReport, JsonCarriesTheCountsAndEveryValue) {
  RunModel model = three_nodes();
  broadcast(model, 5, "n0", 150, 151);
  broadcast(model, 6, "n0", 10, 11);
  message(model, 1, "n0", "n1", 152, std::nullopt, {5});
  finals(model, {5, 6}, {}, {});
  const Diagnosis d = diagnose(model, {5, 6}, {});
  rapidjson::Document json;
  json.Parse(diagnosis_json(d).c_str());
  ASSERT_FALSE(json.HasParseError());
  EXPECT_EQ(json["lost-count"].GetInt(), 2);
  EXPECT_EQ(json["causes"]["dropped-not-resent"].GetInt(), 1);
  EXPECT_EQ(json["causes"]["never-sent-towards"].GetInt(), 1);
  ASSERT_EQ(json["values"].Size(), 2u);
  EXPECT_EQ(json["values"][0]["lacking"].Size(), 2u);
  std::ostringstream text;
  print_diagnosis(text, d, {"run", false}, false);
  EXPECT_NE(text.str().find("      1  dropped-not-resent"), std::string::npos) << text.str();
  EXPECT_NE(text.str().find("value 6 (lost): never-sent-towards"), std::string::npos);
}

}  // namespace
}  // namespace rumor::replay::journal
