// The journal reader, stats, explanation, history scan and the `replay` command on small
// journals built here, so every expected number is known by construction.
#include "replay/journal/journal.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "replay/journal/explain.hpp"
#include "replay/journal/history_scan.hpp"
#include "replay/journal/net_stats.hpp"
#include "replay/replay_command.hpp"
#include "tests/replay/journal/fressian_writer.hpp"

namespace rumor::replay::journal {
namespace {

using testing::FressianWriter;

// Writes one journal event the way Maelstrom's writer does: #ev{id time type #msg{...}}.
// `body` pairs a field name with an int, or with a list of ints when `list` is non-empty.
struct Field {
  std::string name;
  std::string text;                // a string value, when non-empty
  std::vector<std::int64_t> list;  // a list of ints, when is_list
  std::int64_t number = 0;
  bool is_list = false;
};

void write_event(FressianWriter& w, std::int64_t event_id, std::int64_t time_ns, bool send,
                 std::int64_t message_id, const std::string& src, const std::string& dest,
                 const std::string& type, const std::vector<Field>& fields) {
  w.struct_header("ev", 4).integer(event_id).integer(time_ns).keyword(send ? "send" : "recv");
  w.struct_header("msg", 4).integer(message_id).cached_string(src).cached_string(dest);
  w.begin_map().keyword("type").cached_string(type);
  for (const Field& f : fields) {
    w.keyword(f.name);
    if (f.is_list) {
      w.list_header(f.list.size());
      for (std::int64_t v : f.list) w.integer(v);
    } else if (!f.text.empty()) {
      w.string(f.text);
    } else {
      w.integer(f.number);
    }
  }
  w.end();
}

Field number(const std::string& name, std::int64_t v) { return {name, "", {}, v, false}; }
Field list(const std::string& name, std::vector<std::int64_t> v) { return {name, "", v, 0, true}; }

// Two writer threads, as Maelstrom has: a broadcast of 7 by c1 to n0, which forwards it to n1
// (delivered) and n2 (dropped), then a read on n1 showing it. Times in ms from 1000 ms.
class SmallRun : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("rumor_journal_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_ / "net-journal");
    const std::int64_t ms = 1'000'000, t0 = 1000 * ms;
    FressianWriter a, b;
    write_event(a, 0, t0, true, 0, "c0", "n0", "init", {});
    write_event(b, 1, t0 + 1 * ms, false, 0, "c0", "n0", "init", {});
    write_event(a, 2, t0 + 10 * ms, true, 1, "c1", "n0", "broadcast",
                {number("message", 7), number("msg_id", 1)});
    write_event(b, 3, t0 + 10 * ms, false, 1, "c1", "n0", "broadcast",
                {number("message", 7), number("msg_id", 1)});
    write_event(a, 4, t0 + 11 * ms, true, 2, "n0", "n1", "gossip", {list("values", {3, 7})});
    write_event(a, 5, t0 + 11 * ms, true, 3, "n0", "n2", "gossip", {list("values", {7})});
    write_event(b, 6, t0 + 15 * ms, false, 2, "n0", "n1", "gossip", {list("values", {3, 7})});
    // A read_ok whose in_reply_to is 7 must not count as carrying 7.
    write_event(a, 7, t0 + 20 * ms, true, 4, "n2", "c2", "read_ok",
                {list("messages", {}), number("in_reply_to", 7)});
    write_event(a, 8, t0 + 30 * ms, true, 5, "n1", "c3", "read_ok",
                {list("messages", {3, 7}), number("in_reply_to", 2)});
    std::ofstream(dir_ / "net-journal" / "0.fressian", std::ios::binary) << a.bytes();
    std::ofstream(dir_ / "net-journal" / "1.fressian", std::ios::binary) << b.bytes();
    std::ofstream(dir_ / "history.edn")
        << "{:index 0, :time 5, :type :invoke, :process 0, :f :broadcast, :value 7}\n"
           "{:index 1, :time 9, :type :ok, :process 0, :f :broadcast, :value 7}\n"
           "{:index 2, :time 12, :type :info, :process :nemesis, :f :start-partition, "
           ":value :one}\n"
           "{:index 3, :time 19, :type :invoke, :process 1, :f :read, :value nil}\n";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path dir_;
};

TEST_F(SmallRun, ReadsAndOrdersEventsFromAllStreams) {
  const std::vector<Event> events = read_journal(dir_.string());
  ASSERT_EQ(events.size(), 9u);
  for (std::size_t i = 1; i < events.size(); ++i) {
    EXPECT_LE(events[i - 1].time_ns, events[i].time_ns);
  }
  EXPECT_EQ(events[2].type, EventType::send);  // same time: the send before its delivery
  EXPECT_EQ(events[3].type, EventType::recv);
  EXPECT_EQ(events[4].message.src, "n0");
  EXPECT_EQ(body_type(events[4].message), "gossip");
  EXPECT_EQ(to_json(events[4].message.body), R"({"type":"gossip","values":[3,7]})");
}

TEST_F(SmallRun, CountsSplitClientsFromServers) {
  const history::NetCounts stats = net_stats(read_journal(dir_.string()));
  EXPECT_EQ(stats.all, (history::NetGroup{6, 3, 6}));
  EXPECT_EQ(stats.clients, (history::NetGroup{4, 2, 4}));
  EXPECT_EQ(stats.servers, (history::NetGroup{2, 1, 2}));
  EXPECT_FLOAT_EQ(*msgs_per_op(6, 4), 1.5f);
  EXPECT_FALSE(msgs_per_op(6, 0).has_value());
  EXPECT_EQ(format_java_float(1.5f), "1.5");
  EXPECT_EQ(format_java_float(16.0f), "16.0");
  EXPECT_EQ(format_java_float(388.0f / 192.0f), "2.0208333");

  const Traffic t = traffic(read_journal(dir_.string()));
  EXPECT_EQ(t.by_type.at("gossip").send_count, 2);
  EXPECT_EQ(t.by_type.at("gossip").recv_count, 1);
  EXPECT_EQ(t.by_node.at("n0").send_count, 2);
  EXPECT_EQ(t.by_node.at("n0").recv_count, 2);
  EXPECT_EQ(t.by_pair.at({"n0", "n2"}).recv_count, 0);
  EXPECT_EQ(t.by_node.begin()->first, "n0");  // nodes before clients
}

TEST_F(SmallRun, ExplainFollowsTheValue) {
  const Explanation x = explain(read_journal(dir_.string()), parse_explain_value("7"));
  ASSERT_EQ(x.client_requests.size(), 1u);
  EXPECT_EQ(x.client_requests[0].src, "c1");
  ASSERT_EQ(x.server_messages.size(), 2u);
  EXPECT_DOUBLE_EQ(*x.server_messages[0].received_ms, 15.0);
  EXPECT_FALSE(x.server_messages[1].received_ms.has_value());
  EXPECT_EQ(x.first_arrival.at("n1").src, "n0");
  EXPECT_EQ(x.never_received, std::vector<std::string>{"n2"});
  EXPECT_EQ(x.not_forwarded, std::vector<std::string>{"n1"});
  ASSERT_EQ(x.first_read.size(), 1u);  // n2's read_ok only mentions 7 in in_reply_to
  EXPECT_EQ(x.first_read.at("n1").client, "c3");

  std::ostringstream text;
  print_explanation(text, x);
  EXPECT_NE(text.str().find("n0 -> n2 gossip (msg 3) sent 11.000 ms, NEVER DELIVERED"),
            std::string::npos)
      << text.str();
  const Explanation nothing = explain(read_journal(dir_.string()), parse_explain_value("99"));
  EXPECT_TRUE(nothing.client_requests.empty() && nothing.server_messages.empty());
}

TEST(History, ScanCountsClientInvokesAndPartitionWindows) {
  std::istringstream in(
      "{:index 0, :time 100, :type :info, :process :nemesis, :f :start-partition, :value :one}\n"
      "{:index 1, :time 150, :type :invoke, :process 0, :f :read, :value nil}\n"
      "{:index 2, :time 160, :type :info, :process :nemesis, :f :start-partition, "
      ":value [:isolated {\"n1\" #{\"n0\"}}]}\n"
      "{:index 3, :time 170, :type :ok, :process 0, :f :read, :value [1]}\n"
      "{:index 4, :time 900, :type :info, :process :nemesis, :f :stop-partition, :value nil}\n"
      "{:index 5, :time 950, :type :info, :process :nemesis, :f :stop-partition, "
      ":value :network-healed}\n"
      "{:index 6, :time 990, :type :invoke, :process 3, :f :read, :value nil, :final? true}\n");
  const HistorySummary h = scan_history(in);
  EXPECT_EQ(h.op_count, 2);
  EXPECT_EQ(*h.first_invoke_ns, 150);
  ASSERT_EQ(h.partitions.size(), 1u);
  EXPECT_EQ(h.partitions[0].from_ns, 100);
  EXPECT_EQ(h.partitions[0].to_ns, 950);
}

TEST_F(SmallRun, CommandPrintsNetAndExplains) {
  ::testing::internal::CaptureStdout();
  const int status = replay_command({dir_.string(), "--explain", "7"});
  const std::string out = ::testing::internal::GetCapturedStdout();
  EXPECT_EQ(status, 0);
  EXPECT_NE(out.find("{:all {:send-count 6, :recv-count 3, :msg-count 6, :msgs-per-op 3.0}"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("never received by: n2"), std::string::npos) << out;

  ::testing::internal::CaptureStdout();
  EXPECT_EQ(replay_command({dir_.string(), "--json"}), 0);
  const std::string json = ::testing::internal::GetCapturedStdout();
  EXPECT_NE(json.find("\"msgs-per-op\": 1.0"), std::string::npos) << json;  // servers: 2/2
  EXPECT_NE(json.find("\"by-type\""), std::string::npos);
}

TEST_F(SmallRun, BadFlagsAre254AndBrokenJournalsAre255) {
  ::testing::internal::CaptureStderr();
  EXPECT_EQ(replay_command({}), 254);
  EXPECT_EQ(replay_command({dir_.string(), "--bogus"}), 254);
  EXPECT_EQ(replay_command({dir_.string(), "--explain"}), 254);
  EXPECT_EQ(replay_command({dir_.string(), "--max-arrows", "x"}), 254);
  // Issue 9, D11: a huge count used to abort (exit 134) in std::stoull.
  EXPECT_EQ(replay_command({dir_.string(), "--max-arrows", "99999999999999999999"}), 254);
  EXPECT_EQ(replay_command({dir_.string(), "--max-arrows", "-1"}), 254);
  EXPECT_EQ(replay_command({dir_.string(), "--until", "-1", "--node", "n1", "--state"}), 254);
  EXPECT_EQ(replay_command({(dir_ / "missing").string()}), 255);
  std::ofstream(dir_ / "net-journal" / "2.fressian", std::ios::binary) << "\x01\xC3";
  EXPECT_EQ(replay_command({dir_.string()}), 255);
  const std::string err = ::testing::internal::GetCapturedStderr();
  EXPECT_NE(err.find("rumor replay: --max-arrows: '99999999999999999999' is not an integer"),
            std::string::npos)
      << err;
  EXPECT_EQ(err.find("usage: rumor replay"), std::string::npos);  // one line, no usage dump
  ::testing::internal::CaptureStdout();
  EXPECT_EQ(replay_command({"--help"}), 0);
  EXPECT_NE(::testing::internal::GetCapturedStdout().find("usage: rumor replay"),
            std::string::npos);
  EXPECT_NE(err.find("2.fressian: offset 1"), std::string::npos) << err;
}

// Issue 9: a partial copy of a run (chunk files missing) must say so, not pass as complete.
TEST_F(SmallRun, GapsInTheChunkFilesAreNamedAndTheCountsCalledPartial) {
  EXPECT_TRUE(missing_journal_chunks(dir_.string()).empty());
  std::filesystem::rename(dir_ / "net-journal" / "1.fressian", dir_ / "net-journal" / "4.fressian");
  EXPECT_EQ(missing_journal_chunks(dir_.string()), (std::vector<std::int64_t>{1, 2, 3}));
  ::testing::internal::CaptureStdout();
  ::testing::internal::CaptureStderr();
  EXPECT_EQ(replay_command({dir_.string()}), 0);
  const std::string out = ::testing::internal::GetCapturedStdout();
  const std::string err = ::testing::internal::GetCapturedStderr();
  const std::string note =
      "net journal incomplete: chunks 1.fressian, 2.fressian, 3.fressian missing; the counts are "
      "partial";
  EXPECT_NE(out.find(note), std::string::npos) << out;
  EXPECT_NE(err.find(note), std::string::npos) << err;
  ::testing::internal::CaptureStdout();
  EXPECT_EQ(replay_command({dir_.string(), "--json"}), 0);
  const std::string json = ::testing::internal::GetCapturedStdout();
  EXPECT_NE(json.find("\"missing-journal-chunks\": [1,2,3]"), std::string::npos) << json;
}

}  // namespace
}  // namespace rumor::replay::journal
