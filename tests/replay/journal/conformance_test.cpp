// Conformance: for every real Maelstrom run with a net journal, the :net map recomputed from the
// journal and history.edn must equal the one Maelstrom wrote to results.edn.
#include <gtest/gtest.h>

#include <cmath>
#include <iostream>
#include <optional>
#include <regex>
#include <string>

#include "replay/journal/history_scan.hpp"
#include "replay/journal/journal.hpp"
#include "replay/journal/net_stats.hpp"
#include "tests/replay/journal/traces.hpp"

namespace rumor::replay::history {

void PrintTo(const NetGroup& c, std::ostream* out) {
  *out << "{send " << c.send_count << ", recv " << c.recv_count << ", msg " << c.msg_count << "}";
}

}  // namespace rumor::replay::history

namespace rumor::replay::journal {
namespace {

// The text of the EDN map that follows `key` in `text` (brace-matched), or "" if absent.
std::string map_after(const std::string& text, const std::string& key) {
  const std::size_t at = text.find(key + " {");
  if (at == std::string::npos) return "";
  const std::size_t open = text.find('{', at);
  int depth = 0;
  for (std::size_t i = open; i < text.size(); ++i) {
    if (text[i] == '{') ++depth;
    if (text[i] == '}' && --depth == 0) return text.substr(open, i - open + 1);
  }
  return "";
}

std::optional<std::string> number_after(const std::string& map, const std::string& key) {
  const std::regex pattern(key + R"(\s+(-?[0-9.]+(?:[eE]-?[0-9]+)?))");
  std::smatch match;
  if (!std::regex_search(map, match, pattern)) return std::nullopt;
  return match[1].str();
}

struct Expected {
  history::NetGroup counts;
  std::optional<std::string> msgs_per_op;
};

// Old Maelstrom versions nest the groups one level deeper (:net {:stats {:all ...}}); looking the
// groups up anywhere inside :net covers both shapes.
std::optional<Expected> expected_group(const std::string& net, const std::string& group) {
  const std::string map = map_after(net, group);
  if (map.empty()) return std::nullopt;
  const auto send = number_after(map, ":send-count");
  const auto recv = number_after(map, ":recv-count");
  const auto msgs = number_after(map, ":msg-count");
  if (!send || !recv || !msgs) return std::nullopt;
  return Expected{{std::stoll(*send), std::stoll(*recv), std::stoll(*msgs)},
                  number_after(map, ":msgs-per-op")};
}

// Within half a unit of the printed value's last digit (Maelstrom prints a Java float).
bool close_to_printed(float actual, const std::string& printed) {
  const std::size_t dot = printed.find('.');
  const int decimals = dot == std::string::npos ? 0 : static_cast<int>(printed.size() - dot - 1);
  const double tolerance = 0.5 * std::pow(10.0, -decimals) + 1e-9;
  EXPECT_NEAR(actual, std::stod(printed), tolerance) << "printed " << printed;
  return std::fabs(actual - std::stod(printed)) <= tolerance;
}

TEST(JournalConformance, NetCountsEqualResultsEdnForEveryFullRun) {
  RUMOR_REQUIRE_FULL_RUNS(runs);
  ASSERT_GE(runs.size(), 11u) << "INDEX.tsv lists fewer full runs than the corpus had";
  int reproduced = 0;
  for (const auto& run : runs) {
    SCOPED_TRACE(run.string());
    const std::vector<Event> events = read_journal(run.string());
    const history::NetCounts stats = net_stats(events);
    const auto history = scan_history_file((run / "history.edn").string());
    ASSERT_TRUE(history.has_value());
    const std::string net = map_after(testing::slurp(run / "results.edn"), ":net");
    ASSERT_FALSE(net.empty()) << "results.edn has no :net";
    bool run_ok = true;
    for (const auto& [name, actual] :
         {std::pair{":all", stats.all}, std::pair{":clients", stats.clients},
          std::pair{":servers", stats.servers}}) {
      SCOPED_TRACE(name);
      const auto expected = expected_group(net, name);
      ASSERT_TRUE(expected.has_value()) << "no " << name << " counts in :net";
      EXPECT_EQ(actual, expected->counts);
      run_ok = run_ok && actual == expected->counts;
      const auto per_op = msgs_per_op(actual.msg_count, history->op_count);
      if (name == std::string(":clients")) {
        EXPECT_FALSE(expected->msgs_per_op.has_value());  // Maelstrom gives clients none
      } else if (expected->msgs_per_op) {
        ASSERT_TRUE(per_op.has_value());
        run_ok = run_ok && close_to_printed(*per_op, *expected->msgs_per_op);
      } else {
        EXPECT_FALSE(per_op.has_value()) << "op count " << history->op_count;
        run_ok = run_ok && !per_op;
      }
    }
    if (run_ok) ++reproduced;
  }
  std::cout << "reproduced :net exactly for " << reproduced << "/" << runs.size() << " runs\n";
  EXPECT_EQ(reproduced, static_cast<int>(runs.size()));
}

TEST(JournalConformance, ResultsEdnParserSeesBothShapes) {
  const std::string current =
      "{:net {:all {:send-count 4, :recv-count 3, :msg-count 4, :msgs-per-op 2.0},\n"
      " :clients {:send-count 2, :recv-count 2, :msg-count 2}, :valid? true}}";
  const std::string old = "{:net {:stats {:all {:send-count 4, :recv-count 3, :msg-count 4}}}}";
  for (const std::string& text : {current, old}) {
    const auto all = expected_group(map_after(text, ":net"), ":all");
    ASSERT_TRUE(all.has_value()) << text;
    EXPECT_EQ(all->counts, (history::NetGroup{4, 3, 4}));
  }
  EXPECT_EQ(*expected_group(map_after(current, ":net"), ":all")->msgs_per_op, "2.0");
}

}  // namespace
}  // namespace rumor::replay::journal
