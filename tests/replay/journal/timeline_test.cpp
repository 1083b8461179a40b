// The report page of a failing real run, as `rumor replay RUN --report FILE` writes it, loaded in
// headless Chromium: the ticks the browser lays out match the checker's counts, the page loads
// nothing from the network, and a lost value's link opens the diagram filtered on that value.
#include "replay/journal/timeline.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <regex>
#include <string>

#include "replay/history/edn.hpp"
#include "replay/journal/diagram.hpp"
#include "replay/journal/explain.hpp"
#include "replay/replay_command.hpp"
#include "tests/replay/journal/chromium.hpp"
#include "tests/replay/journal/traces.hpp"

namespace rumor::replay::journal {
namespace {

// 3c with one long partition: 16 lost values among 96.
constexpr const char* kRun = "anand-trehan--flyio_challenges/20250627T173156.525-0400";

std::int64_t results_count(const std::filesystem::path& run, const char* key) {
  const history::Edn results = history::parse_edn(testing::slurp(run / "results.edn"));
  return results.find("workload")->find(key)->integer;
}

// Messages the diagram's default filters show for a value filter (init hidden).
std::size_t carriers_shown(const std::vector<Event>& events, std::int64_t value) {
  std::size_t count = 0;
  for (const Event& e : events) {
    count += e.type == EventType::send && shown_by_default(e.message) &&
             body_carries(e.message.body, Edn::of_int(value));
  }
  return count;
}

TEST(Timeline, ReportOfAFailingRunRendersTheCheckersCounts) {
  RUMOR_REQUIRE_FULL_RUNS(runs);
  const auto chromium = testing::chromium_path();
  if (!chromium) {
    if (testing::in_ci()) FAIL() << "chromium is not installed (setup must apt-get it)";
    GTEST_SKIP() << "chromium is not installed";
  }
  const std::filesystem::path run = *rumor_traces / kRun;
  if (!std::filesystem::exists(run)) {
    if (testing::in_ci()) FAIL() << run << " missing under CI";
    GTEST_SKIP() << run << " missing";
  }
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("rumor_timeline_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::filesystem::path page = dir / "report.html";
  ASSERT_EQ(replay_command({run.string(), "--report", page.string()}), 0);
  ASSERT_TRUE(std::filesystem::exists(dir / "diagram.html"));  // written beside the report

  const std::string html = testing::slurp(page);
  EXPECT_EQ(html.find("http://"), std::string::npos);  // self-contained
  EXPECT_EQ(html.find("https://"), std::string::npos);
  const std::int64_t lost = results_count(run, "lost-count");
  const std::int64_t ok = results_count(run, "attempt-count") - lost;
  EXPECT_NE(html.find("href=\"diagram.html#value=1\""), std::string::npos);  // 1 is lost

  const std::string dom = testing::dump_dom(*chromium, page);
  std::smatch rendered;
  ASSERT_TRUE(std::regex_search(dom, rendered, std::regex(R"(rendered ticks: ([^<]*)<)")))
      << dom.substr(0, 2000);
  EXPECT_EQ(rendered[1].str(),
            "ok " + std::to_string(ok) + ", lost " + std::to_string(lost) + ", never-read 0");
  EXPECT_NE(dom.find("<span id=\"count-lost\">" + std::to_string(lost) + "</span>"),
            std::string::npos);
  EXPECT_NE(dom.find("<td id=\"cause-dropped-not-resent\">16</td>"), std::string::npos);

  // The link target: the diagram reads #value=1 and draws only the messages carrying 1.
  const std::string diagram = testing::dump_dom(*chromium, dir / "diagram.html", "#value=1");
  std::smatch summary;
  ASSERT_TRUE(std::regex_search(diagram, summary, std::regex(R"((\d+) match the filters)")))
      << diagram.substr(0, 2000);
  const std::size_t expected = carriers_shown(read_journal(run.string()), 1);
  EXPECT_EQ(summary[1].str(), std::to_string(expected));
  EXPECT_GT(expected, 1u);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace rumor::replay::journal
