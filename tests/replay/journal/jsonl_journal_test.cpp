// rumor's JSON-lines message journal: written line by line, read back as the same events
// Maelstrom's Fressian journal gives, found by read_journal in a run directory.
#include "replay/journal/jsonl_journal.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "replay/journal/explain.hpp"
#include "replay/journal/jsonl_diagram.hpp"
#include "replay/journal/net_stats.hpp"

namespace rumor::replay::journal {
namespace {

class JsonlJournalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("rumor_jsonl_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string path() const { return (dir_ / jsonl_journal_file).string(); }
  void write_lines(const std::string& text) const { std::ofstream(path()) << text; }

  std::filesystem::path dir_;
};

TEST_F(JsonlJournalTest, RoundTripsSendsAndDeliveriesAndLeavesDropsOut) {
  JsonlJournalWriter writer(path());
  writer.record(JournalKind::send, 5'000'000, 0,
                R"({"src":"c1","dest":"n0","body":{"type":"broadcast","message":7,"msg_id":1}})");
  writer.record(JournalKind::deliver, 5'000'000, 0,
                R"({"src":"c1","dest":"n0","body":{"type":"broadcast","message":7,"msg_id":1}})");
  writer.record(JournalKind::send, 6'000'000, 1,
                envelope_json("n0", "n1", R"({"type":"gossip","v":[7,8],"ok":true})"));
  writer.record(JournalKind::drop, 7'000'000, 1,
                envelope_json("n0", "n1", R"({"type":"gossip","v":[7,8],"ok":true})"));
  writer.close();

  const std::vector<Event> events = read_journal(dir_.string());
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].type, EventType::send);
  EXPECT_EQ(events[1].type, EventType::recv);
  EXPECT_EQ(events[0].time_ns, 5'000'000);
  EXPECT_EQ(events[2].time_ns, 6'000'000);
  EXPECT_EQ(events[2].message.id, 1);
  EXPECT_EQ(events[2].message.src, "n0");
  EXPECT_EQ(events[2].message.dest, "n1");
  EXPECT_EQ(to_edn(events[2].message.body), R"({:type "gossip", :v [7 8], :ok true})");
  EXPECT_EQ(body_type(events[0].message), "broadcast");

  const history::NetCounts stats = net_stats(events);
  EXPECT_EQ(stats.clients, (history::NetGroup{1, 1, 1}));
  EXPECT_EQ(stats.servers, (history::NetGroup{1, 0, 1}));  // sent, dropped: never received
  const Explanation x = explain(events, parse_explain_value("7"));
  ASSERT_EQ(x.server_messages.size(), 1u);
  EXPECT_FALSE(x.server_messages[0].received_ms);
}

// The store's diagram reads the lines directly: a delivered arrow, a dropped one, bodies as text.
TEST_F(JsonlJournalTest, DiagramArrowsComeStraightFromTheLines) {
  write_lines(
      R"({"t_ns":2000000,"kind":"send","id":4,"src":"n0","dest":"n1","body":{"type":"gossip","v":[1]}})"
      "\n"
      R"({"t_ns":3000000,"kind":"send","id":5,"src":"n1","dest":"n0","body":{"type":"ack"}})"
      "\n"
      R"({"t_ns":5000000,"kind":"deliver","id":4,"src":"n0","dest":"n1","body":{"type":"gossip","v":[1]}})"
      "\n"
      R"({"t_ns":6000000,"kind":"drop","id":5,"src":"n1","dest":"n0","body":{"type":"ack"}})"
      "\n");
  const JsonlDiagram diagram = diagram_messages_from_jsonl(path());
  EXPECT_EQ(diagram.origin_ns, 2'000'000);
  ASSERT_EQ(diagram.messages.size(), 2u);
  const DiagramMessage& gossip = diagram.messages[0];
  EXPECT_EQ(gossip.id, 4);
  EXPECT_EQ(gossip.type, "gossip");
  EXPECT_EQ(gossip.body_json, R"({"type":"gossip","v":[1]})");
  EXPECT_EQ(gossip.send_ms, 0.0);
  EXPECT_EQ(gossip.recv_ms, 3.0);
  EXPECT_EQ(gossip.recv_rank, 2u);
  EXPECT_EQ(diagram.messages[1].send_ms, 1.0);
  EXPECT_FALSE(diagram.messages[1].recv_ms);  // dropped
}

TEST_F(JsonlJournalTest, RunDirectoryWithJournalHasOne) {
  EXPECT_FALSE(has_journal(dir_.string()));
  write_lines(R"({"t_ns":1,"kind":"send","id":0,"src":"n0","dest":"n1","body":{"type":"x"}})"
              "\n");
  EXPECT_TRUE(has_journal(dir_.string()));
  EXPECT_EQ(read_journal(dir_.string()).size(), 1u);
}

TEST_F(JsonlJournalTest, MalformedLinesAreNamedByFileAndLine) {
  const auto error_of = [&](const std::string& text) {
    write_lines(text);
    try {
      read_jsonl_journal(path());
    } catch (const JournalError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  const std::string good =
      R"({"t_ns":1,"kind":"send","id":0,"src":"n0","dest":"n1","body":{"type":"x"}})"
      "\n";
  EXPECT_NE(error_of(good + "{not json\n").find(path() + ":2: not JSON"), std::string::npos);
  EXPECT_NE(error_of(good + R"({"t_ns":1,"kind":"lost","id":0,"src":"a","dest":"b","body":{}})")
                .find(":2: \"kind\""),
            std::string::npos);
  EXPECT_NE(error_of(R"({"t_ns":"1","kind":"send","id":0,"src":"a","dest":"b","body":{}})")
                .find(":1: \"t_ns\" should be an integer"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"t_ns":1,"kind":"send","id":0,"src":"a","dest":"b","body":3})")
                .find("\"body\" should be an object"),
            std::string::npos);
  EXPECT_NE(error_of("").find("no sends or deliveries"), std::string::npos);
}

}  // namespace
}  // namespace rumor::replay::journal
