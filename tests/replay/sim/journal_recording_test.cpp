// A simulated run's message journal (network.hpp records, jsonl_journal.hpp writes and reads):
// it round-trips through the reader into the same counts the network kept, carries every message
// a node sent, and serves --explain and the diagram.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "core/node_names.hpp"
#include "core/profile.hpp"
#include "replay/journal/diagram.hpp"
#include "replay/journal/explain.hpp"
#include "replay/journal/jsonl_journal.hpp"
#include "replay/journal/net_stats.hpp"
#include "replay/sim/options.hpp"
#include "replay/sim/simulation.hpp"

namespace rumor::replay::sim {
namespace {

struct RecordedRun {
  SimResult result;
  std::string journal_path;
};

RecordedRun recorded_run(const std::filesystem::path& dir, bool partition) {
  std::filesystem::create_directories(dir);
  RecordedRun run;
  run.journal_path = (dir / journal::jsonl_journal_file).string();
  journal::JsonlJournalWriter writer(run.journal_path);
  SimConfig config;
  config.nodes = core::node_names(5);
  config.time_limit_s = 10;
  config.rate = 20;
  config.seed = 7;
  config.latency.mean_ms = 20;
  config.nemesis_partition = partition;
  config.nemesis_interval_s = 2;
  config.profile = core::default_profile();
  config.journal = &writer;
  run.result = run_simulation(config);
  writer.close();
  return run;
}

std::filesystem::path temp_dir(const char* name) {
  return std::filesystem::temp_directory_path() / ("rumor_journal_recording_" + std::string(name));
}

TEST(JournalRecording, ReaderReproducesTheNetworksCounts) {
  const auto dir = temp_dir("counts");
  const RecordedRun run = recorded_run(dir, true);
  const history::NetCounts stats = journal::net_stats(journal::read_journal(dir.string()));
  EXPECT_EQ(stats.all, run.result.net.all);
  EXPECT_EQ(stats.clients, run.result.net.clients);
  EXPECT_EQ(stats.servers, run.result.net.servers);
  EXPECT_GT(stats.servers.send_count, stats.servers.recv_count);  // the partitions dropped some
  std::filesystem::remove_all(dir);
}

// Every delivery and drop follows a send of the same id with the very same envelope, and every
// drop is of a message never delivered.
TEST(JournalRecording, DeliveriesAndDropsMatchTheirSends) {
  const auto dir = temp_dir("pairs");
  const RecordedRun run = recorded_run(dir, true);
  std::ifstream in(run.journal_path);
  std::map<std::int64_t, std::string> sent;  // id -> envelope text
  std::set<std::int64_t> ended;
  std::map<std::string, int> kinds;
  std::int64_t last_t_ns = 0;
  for (std::string line; std::getline(in, line);) {
    rapidjson::Document json;
    json.Parse(line.c_str());
    ASSERT_FALSE(json.HasParseError()) << line;
    const std::string kind = json["kind"].GetString();
    const std::int64_t id = json["id"].GetInt64();
    ++kinds[kind];
    EXPECT_GE(json["t_ns"].GetInt64(), last_t_ns) << line;  // written as things happen
    last_t_ns = json["t_ns"].GetInt64();
    const std::string envelope = line.substr(line.find(",\"src\":"));
    if (kind == "send") {
      EXPECT_TRUE(sent.emplace(id, envelope).second) << "id sent twice: " << line;
    } else {
      ASSERT_TRUE(sent.count(id)) << "no send before: " << line;
      EXPECT_EQ(sent[id], envelope);
      EXPECT_TRUE(ended.insert(id).second) << "delivered or dropped twice: " << line;
    }
  }
  EXPECT_EQ(kinds["send"], run.result.net.all.send_count);
  EXPECT_EQ(kinds["deliver"], run.result.net.all.recv_count);
  EXPECT_GT(kinds["drop"], 0);
  std::filesystem::remove_all(dir);
}

TEST(JournalRecording, ExplainAndDiagramWorkOnASimulatedRun) {
  const auto dir = temp_dir("explain");
  recorded_run(dir, false);
  const std::vector<journal::Event> events = journal::read_journal(dir.string());
  const journal::Explanation x = journal::explain(events, journal::parse_explain_value("3"));
  ASSERT_EQ(x.client_requests.size(), 1u);
  EXPECT_FALSE(x.server_messages.empty());
  EXPECT_EQ(x.first_arrival.size(), 5u);  // every node, the client's first
  EXPECT_TRUE(x.never_received.empty());
  std::ostringstream page;
  journal::DiagramOptions options;
  options.title = "sim";
  journal::write_diagram_html(page, events, options);
  EXPECT_NE(page.str().find("\"gossip\""), std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace rumor::replay::sim
