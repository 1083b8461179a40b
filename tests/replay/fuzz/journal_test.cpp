// `rumor fuzz --replay`'s message journal: the fuzzer's sends, deliveries and drops, paired by
// PairingJournal, read back by the same reader as Maelstrom's journal and serving --explain and
// the diagram.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "core/node_names.hpp"
#include "replay/fuzz/generate.hpp"
#include "replay/fuzz/simulation.hpp"
#include "replay/journal/diagram.hpp"
#include "replay/journal/explain.hpp"
#include "replay/journal/jsonl_journal.hpp"

namespace rumor::replay::fuzz {
namespace {

struct JournaledRun {
  Schedule schedule;
  Verdict verdict;
  std::filesystem::path dir;
};

JournaledRun journaled_run(std::uint64_t seed) {
  JournaledRun run;
  SwarmLimits limits;
  limits.nodes_min = 3;
  limits.nodes_max = 6;
  run.schedule = generate_schedule(seed, limits);
  run.dir = std::filesystem::temp_directory_path() / ("rumor_fuzz_journal_" + std::to_string(seed));
  std::filesystem::create_directories(run.dir);
  journal::JsonlJournalWriter writer((run.dir / journal::jsonl_journal_file).string());
  journal::PairingJournal pairing(writer);
  run.verdict = simulate(run.schedule, nullptr, &pairing);
  writer.close();
  return run;
}

TEST(FuzzJournal, JournalingLeavesTheVerdictAlone) {
  const JournaledRun run = journaled_run(11);
  const Verdict plain = simulate(run.schedule);
  EXPECT_EQ(run.verdict.fingerprint, plain.fingerprint);
  EXPECT_EQ(run.verdict.outcome, plain.outcome);
  std::filesystem::remove_all(run.dir);
}

// Every delivery or drop has an earlier send of the same id and envelope; a duplicated send may
// arrive twice, nothing more often than it was sent.
TEST(FuzzJournal, DeliveriesAndDropsPairWithTheirSends) {
  for (std::uint64_t seed : {1, 2, 3, 4, 5}) {
    const JournaledRun run = journaled_run(seed);
    std::ifstream in(run.dir / journal::jsonl_journal_file);
    std::map<std::int64_t, std::string> sent;
    std::map<std::int64_t, int> arrivals;
    int lines = 0;
    for (std::string line; std::getline(in, line); ++lines) {
      rapidjson::Document json;
      json.Parse(line.c_str());
      ASSERT_FALSE(json.HasParseError()) << line;
      const std::string kind = json["kind"].GetString();
      const std::int64_t id = json["id"].GetInt64();
      const std::string envelope = line.substr(line.find(",\"src\":"));
      if (kind == "send") {
        EXPECT_TRUE(sent.emplace(id, envelope).second) << line;
      } else {
        ASSERT_TRUE(sent.count(id)) << "seed " << seed << ": no send before " << line;
        EXPECT_EQ(sent[id], envelope);
        EXPECT_LE(++arrivals[id], 2) << line;
      }
    }
    EXPECT_GT(lines, 0) << "seed " << seed;
    std::filesystem::remove_all(run.dir);
  }
}

TEST(FuzzJournal, ExplainAndDiagramReadIt) {
  const JournaledRun run = journaled_run(11);
  const ClientBroadcast* broadcast = nullptr;
  for (const auto& event : run.schedule.events) {
    if (const auto* b = std::get_if<ClientBroadcast>(&event.body)) broadcast = b;
  }
  ASSERT_NE(broadcast, nullptr);
  const std::vector<journal::Event> events = journal::read_journal(run.dir.string());
  const journal::Explanation x =
      journal::explain(events, journal::parse_explain_value(std::to_string(broadcast->value)));
  ASSERT_FALSE(x.client_requests.empty());
  EXPECT_EQ(x.client_requests.front().dest, core::node_name(broadcast->node));
  std::ostringstream page;
  journal::DiagramOptions options;
  options.title = "fuzz";
  journal::write_diagram_html(page, events, options);
  EXPECT_NE(page.str().find("\"broadcast\""), std::string::npos);
  std::filesystem::remove_all(run.dir);
}

}  // namespace
}  // namespace rumor::replay::fuzz
