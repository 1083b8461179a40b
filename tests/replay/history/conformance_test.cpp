// Conformance with real Maelstrom: for every stored run under the traces folder, check() on its
// history.edn must reproduce what Maelstrom wrote to its results.edn.
//
// Traces: $RUMOR_TRACES_DIR, else $RUMOR_SOURCE_ROOT/../shared/traces/maelstrom. When absent the
// tests skip, unless $CI is set, in which case they fail.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "replay/history/check.hpp"
#include "replay/history/edn.hpp"
#include "replay/history/history_io.hpp"

namespace rumor::replay::history {
namespace {

namespace fs = std::filesystem;

std::optional<fs::path> traces_dir() {
  if (const char* override_dir = std::getenv("RUMOR_TRACES_DIR")) return fs::path(override_dir);
  if (const char* root = std::getenv("RUMOR_SOURCE_ROOT")) {
    return fs::path(root) / ".." / "shared" / "traces" / "maelstrom";
  }
  return std::nullopt;
}

// Every directory holding both history.edn and results.edn, relative to the traces dir, sorted.
std::vector<std::string> find_runs() {
  std::vector<std::string> runs;
  const std::optional<fs::path> root = traces_dir();
  std::error_code error;
  if (!root || !fs::is_directory(*root, error)) return runs;
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(*root, error)) {
    if (entry.is_directory() && fs::exists(entry.path() / "history.edn") &&
        fs::exists(entry.path() / "results.edn")) {
      runs.push_back(fs::relative(entry.path(), *root).string());
    }
  }
  std::sort(runs.begin(), runs.end());
  return runs;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

const Edn& at(const Edn& map, std::string_view key) {
  const Edn* value = map.find(key);
  if (value == nullptr) {
    throw std::runtime_error("missing :" + std::string(key) + " in " + to_edn(map).substr(0, 200));
  }
  return *value;
}

// Maps compared as maps (key order free), everything else exactly.
bool same(const Edn& a, const Edn& b) {
  if (a.kind == Edn::Kind::map && b.kind == Edn::Kind::map) {
    if (a.entries.size() != b.entries.size()) return false;
    for (const EdnEntry& entry : a.entries) {
      const Edn* other = b.find(entry.key);
      if (other == nullptr || !same(entry.value, *other)) return false;
    }
    return true;
  }
  return a == b;
}

// Compares one key of two maps; an absent key must be absent on both sides.
void expect_same_key(const Edn& mine, const Edn& theirs, std::string_view key) {
  const Edn* mine_value = mine.find(key);
  const Edn* their_value = theirs.find(key);
  if (their_value == nullptr) {
    EXPECT_EQ(mine_value, nullptr) << ":" << key << " should be absent, is " << to_edn(*mine_value);
    return;
  }
  ASSERT_NE(mine_value, nullptr) << ":" << key << " missing, Maelstrom has "
                                 << to_edn(*their_value);
  EXPECT_TRUE(same(*mine_value, *their_value))
      << ":" << key << "\n  mine:      " << to_edn(*mine_value)
      << "\n  maelstrom: " << to_edn(*their_value);
}

// The op count Maelstrom divided by: msg-count / msgs-per-op, from the servers group when it has
// messages, else from all. Old versions nest the groups under an extra :stats level.
std::optional<double> maelstrom_op_count(const Edn& results) {
  const Edn* net = results.find("net");
  if (net == nullptr) return std::nullopt;
  if (const Edn* stats = net->find("stats")) net = stats;
  for (const char* group_name : {"servers", "all"}) {
    const Edn* group = net->find(group_name);
    if (group == nullptr) continue;
    const Edn* messages = group->find("msg-count");
    const Edn* per_op = group->find("msgs-per-op");
    if (messages == nullptr || per_op == nullptr || per_op->as_number() == 0) continue;
    return messages->as_number() / per_op->as_number();
  }
  return std::nullopt;
}

class Conformance : public ::testing::TestWithParam<std::string> {};

TEST_P(Conformance, CheckReproducesMaelstromResults) {
  const fs::path run = *traces_dir() / GetParam();
  const History history = read_history_edn((run / "history.edn").string());
  const Edn theirs = parse_edn(read_file(run / "results.edn"));
  const Edn mine = check(history, std::nullopt);

  const Edn& my_workload = at(mine, "workload");
  const Edn& their_workload = at(theirs, "workload");
  for (const char* key :
       {"attempt-count", "stable-count", "lost-count", "lost", "never-read-count", "never-read",
        "stale-count", "stale", "stable-latencies", "lost-latencies", "worst-stale",
        "duplicated-count", "duplicated", "valid?"}) {
    expect_same_key(my_workload, their_workload, key);
  }

  EXPECT_TRUE(same(at(mine, "stats"), at(theirs, "stats")))
      << "\n  mine:      " << to_edn(at(mine, "stats"))
      << "\n  maelstrom: " << to_edn(at(theirs, "stats"));

  const Edn& my_availability = at(mine, "availability");
  const Edn& their_availability = at(theirs, "availability");
  EXPECT_NEAR(at(my_availability, "ok-fraction").as_number(),
              at(their_availability, "ok-fraction").as_number(), 1e-6);
  expect_same_key(my_availability, their_availability, "valid?");

  const Edn& my_exceptions = at(mine, "exceptions");
  const Edn& their_exceptions = at(theirs, "exceptions");
  const Edn* their_groups = their_exceptions.find("exceptions");
  const Edn* my_groups = my_exceptions.find("exceptions");
  ASSERT_EQ(my_groups == nullptr, their_groups == nullptr);
  if (their_groups != nullptr) {
    ASSERT_EQ(my_groups->items.size(), their_groups->items.size());
    for (std::size_t i = 0; i < their_groups->items.size(); ++i) {
      EXPECT_TRUE(same(my_groups->items[i], their_groups->items[i]))
          << "exception group " << i << "\n  mine:      " << to_edn(my_groups->items[i])
          << "\n  maelstrom: " << to_edn(their_groups->items[i]);
    }
  }

  const std::optional<double> their_op_count = maelstrom_op_count(theirs);
  const std::int64_t my_op_count = op_count(history);
  EXPECT_EQ(at(at(mine, "net"), "op-count"), Edn::of_int(my_op_count));
  if (their_op_count) {
    // msgs-per-op is a 32-bit float: about 7 significant digits.
    EXPECT_NEAR(static_cast<double>(my_op_count), *their_op_count, *their_op_count * 1e-6 + 1e-6);
  }

  EXPECT_EQ(at(mine, "valid?"), at(theirs, "valid?"))
      << "mine " << to_edn(at(mine, "valid?")) << ", maelstrom " << to_edn(at(theirs, "valid?"));
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name;
  for (const char c : info.param) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(MaelstromRuns, Conformance, ::testing::ValuesIn(find_runs()), test_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(Conformance);

// Guards the parameterised test above against silently running on nothing.
TEST(ConformanceTraces, EveryIndexedRunIsFound) {
  const std::optional<fs::path> root = traces_dir();
  if (!root || !fs::is_directory(*root)) {
    const std::string where = root ? root->string() : "(RUMOR_SOURCE_ROOT unset)";
    if (std::getenv("CI") != nullptr) FAIL() << "traces folder missing: " << where;
    GTEST_SKIP() << "traces folder missing: " << where;
  }
  const std::vector<std::string> runs = find_runs();
  EXPECT_FALSE(runs.empty());
  const fs::path index = *root / "INDEX.tsv";
  if (!fs::exists(index)) return;
  std::istringstream lines(read_file(index));
  std::vector<std::string> indexed;
  std::string line;
  std::getline(lines, line);  // header
  while (std::getline(lines, line)) {
    if (!line.empty()) indexed.push_back(line.substr(0, line.find('\t')));
  }
  std::sort(indexed.begin(), indexed.end());
  EXPECT_EQ(runs, indexed);
}

}  // namespace
}  // namespace rumor::replay::history
