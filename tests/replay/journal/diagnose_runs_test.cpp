// The diagnosis of the six failing real runs of one Go node (README "rumor replay" says in a
// sentence what went wrong in each, checked by hand against the node logs): counts per cause for
// the values and for the lacking nodes, from the net journal and from the history alone.
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <sstream>
#include <string>

#include "replay/journal/diagnose_run.hpp"
#include "replay/replay_command.hpp"
#include "tests/replay/journal/traces.hpp"

namespace rumor::replay::journal {
namespace {

struct PinnedRun {
  const char* run;
  std::int64_t lost;
  std::map<std::string, std::int64_t> causes;        // per value
  std::map<std::string, std::int64_t> node_lacks;    // per (value, lacking node)
  std::map<std::string, std::int64_t> history_only;  // per value, from history.edn alone
};

const PinnedRun kRuns[] = {
    // 3a, one node: every read_ok lists the values as JSON strings ("0", "1", ...).
    {"20250603T121221.136-0400",
     91,
     {{"returned-as-other-type", 91}},
     {{"returned-as-other-type", 91}},
     {{"returned-as-other-type", 91}}},
    // 3c under partitions: each value is sent once to each neighbour, never retried.
    {"20250603T195059.875-0400",
     21,
     {{"dropped-not-resent", 21}},
     {{"dropped-not-resent", 35}, {"never-sent-towards", 49}},
     {{"needs-journal", 21}}},
    {"20250627T005337.784-0400",
     13,
     {{"dropped-not-resent", 13}},
     {{"dropped-not-resent", 26}, {"never-sent-towards", 13}},
     {{"needs-journal", 13}}},
    {"20250627T173156.525-0400",
     16,
     {{"dropped-not-resent", 16}},
     {{"dropped-not-resent", 16}, {"never-sent-towards", 48}},
     {{"needs-journal", 16}}},
    {"20250627T204412.137-0400",
     5,
     {{"dropped-not-resent", 5}},
     {{"dropped-not-resent", 5}, {"never-sent-towards", 15}},
     {{"needs-journal", 5}}},
    // 3c: the nodes do not gossip client values at all; each stays on the node that took it.
    {"20250629T182831.105-0400",
     82,
     {{"never-sent-towards", 82}},
     {{"never-sent-towards", 328}},
     {{"needs-journal", 82}}},
};

std::map<std::string, std::int64_t> value_causes(const Diagnosis& d) {
  std::map<std::string, std::int64_t> counts;
  for (const auto& [cause, count] : d.counts) counts[cause_name(cause)] = count;
  return counts;
}

std::map<std::string, std::int64_t> lack_causes(const Diagnosis& d) {
  std::map<std::string, std::int64_t> counts;
  for (const ValueDiagnosis& v : d.values) {
    for (const Lack& l : v.lacking) ++counts[cause_name(l.cause)];
  }
  return counts;
}

TEST(DiagnoseRealRuns, SixFailingRunsOfOneGoNode) {
  RUMOR_REQUIRE_FULL_RUNS(runs);
  const std::filesystem::path folder = *rumor_traces / "anand-trehan--flyio_challenges";
  for (const PinnedRun& pinned : kRuns) {
    SCOPED_TRACE(pinned.run);
    const std::string dir = (folder / pinned.run).string();
    if (!std::filesystem::exists(dir)) {
      if (testing::in_ci()) FAIL() << dir << " missing under CI";
      GTEST_SKIP() << dir << " missing";
    }
    const auto run = diagnose_run(dir, read_journal(dir), ModelSource::net_journal);
    ASSERT_TRUE(run);
    EXPECT_FALSE(run->verdict.recomputed);
    EXPECT_EQ(std::ssize(run->verdict.lost), pinned.lost);
    EXPECT_EQ(std::ssize(run->diagnosis.values), pinned.lost);
    EXPECT_EQ(value_causes(run->diagnosis), pinned.causes);
    EXPECT_EQ(lack_causes(run->diagnosis), pinned.node_lacks);
    for (const ValueDiagnosis& v : run->diagnosis.values) {
      ASSERT_TRUE(v.entry) << v.value;  // every lost value has its client broadcast
      EXPECT_TRUE(v.entry->acked_ms) << v.value;
    }
  }
}

// With history.edn alone (copied to a temporary folder) the verdict is recomputed, equal to
// results.edn's, and the network causes are reported as needing a journal.
TEST(DiagnoseRealRuns, FromTheHistoryAlone) {
  RUMOR_REQUIRE_FULL_RUNS(runs);
  const std::filesystem::path folder = *rumor_traces / "anand-trehan--flyio_challenges";
  const std::filesystem::path tmp = std::filesystem::temp_directory_path() /
                                    ("rumor_diagnose_history_" + std::to_string(::getpid()));
  for (const PinnedRun& pinned : kRuns) {
    SCOPED_TRACE(pinned.run);
    if (!std::filesystem::exists(folder / pinned.run)) {
      if (testing::in_ci()) FAIL() << pinned.run << " missing under CI";
      GTEST_SKIP() << pinned.run << " missing";
    }
    std::filesystem::remove_all(tmp);
    std::filesystem::create_directories(tmp);
    std::filesystem::copy_file(folder / pinned.run / "history.edn", tmp / "history.edn");
    const auto run = diagnose_run(tmp.string(), {}, ModelSource::history);
    ASSERT_TRUE(run);
    EXPECT_TRUE(run->verdict.recomputed);
    EXPECT_EQ(std::ssize(run->verdict.lost), pinned.lost);
    EXPECT_EQ(value_causes(run->diagnosis), pinned.history_only);

    // The same through the command line: `rumor replay DIR --json` on a history-only run.
    std::ostringstream captured;
    std::streambuf* const saved = std::cout.rdbuf(captured.rdbuf());
    const int status = replay_command({tmp.string(), "--json"});
    std::cout.rdbuf(saved);
    EXPECT_EQ(status, 0);
    rapidjson::Document json;
    json.Parse(captured.str().c_str());
    ASSERT_FALSE(json.HasParseError()) << captured.str().substr(0, 400);
    EXPECT_STREQ(json["source"].GetString(), "history");
    EXPECT_EQ(json["lost-count"].GetInt64(), pinned.lost);
  }
  std::filesystem::remove_all(tmp);
}

}  // namespace
}  // namespace rumor::replay::journal
