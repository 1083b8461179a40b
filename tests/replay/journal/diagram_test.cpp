// The HTML diagram of a real partitioned run, loaded in headless Chromium: the page's script must
// run without errors and draw exactly the arrows the default filters select.
#include "replay/journal/diagram.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "replay/journal/history_scan.hpp"
#include "replay/journal/journal.hpp"
#include "tests/replay/journal/chromium.hpp"
#include "tests/replay/journal/traces.hpp"

namespace rumor::replay::journal {
namespace {

// The 3c run with a partition that drops messages: arrows, lost stubs and shading all appear.
constexpr const char* kPartitionRun = "anugoen4--maelstrom-anurag/20240126T112405.071+0530";

std::size_t count_of(const std::string& text, const std::string& needle) {
  std::size_t count = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos;
       at = text.find(needle, at + needle.size())) {
    ++count;
  }
  return count;
}

TEST(Diagram, PartitionRunRendersInChromiumWithoutErrors) {
  RUMOR_REQUIRE_FULL_RUNS(runs);
  const auto chromium = testing::chromium_path();
  if (!chromium) {
    if (testing::in_ci()) FAIL() << "chromium is not installed (setup must apt-get it)";
    GTEST_SKIP() << "chromium is not installed";
  }
  const std::filesystem::path run = *rumor_traces / kPartitionRun;
  const std::vector<Event> events = read_journal(run.string());
  DiagramOptions options;
  options.title = kPartitionRun;
  options.partitions = partition_spans_ms(events, *scan_history_file(run / "history.edn"));
  ASSERT_EQ(options.partitions.size(), 1u);
  // The run's first partition starts with the test: aligned, it opens near the first request.
  EXPECT_GT(options.partitions[0].to_ms, options.partitions[0].from_ms + 5000);

  const std::filesystem::path page = std::filesystem::temp_directory_path() /
                                     ("rumor_diagram_" + std::to_string(::getpid()) + ".html");
  {
    std::ofstream out(page);
    write_diagram_html(out, events, options);
  }
  const std::string html = testing::slurp(page);
  EXPECT_EQ(html.find("http://"), html.find("http://www.w3.org/2000/svg"));  // no external loads
  EXPECT_EQ(html.find("https://"), std::string::npos);

  const std::string dom = testing::dump_dom(*chromium, page);
  std::filesystem::remove(page);
  std::smatch status;
  ASSERT_TRUE(std::regex_search(dom, status, std::regex(R"(<div id="status"[^>]*>([^<]*)</div>)")))
      << dom.substr(0, 2000);
  const std::size_t expected = default_arrow_count(events, options.max_arrows);
  EXPECT_EQ(status[1].str(), "ok " + std::to_string(expected) + " arrows");
  EXPECT_EQ(count_of(dom, "class=\"msg\""), expected);
  EXPECT_GT(count_of(dom, "class=\"lost\""), 0u);  // the partition dropped messages
  EXPECT_EQ(count_of(dom, "class=\"partition\""), 1u);
  EXPECT_GT(expected, 500u);
  EXPECT_LE(expected, options.max_arrows);
}

TEST(Diagram, DefaultArrowCountSkipsInitAndUndelivered) {
  auto event = [](std::int64_t id, std::int64_t t, EventType type, std::int64_t message,
                  const std::string& body_type_name) {
    Event e;
    e.id = id;
    e.time_ns = t;
    e.type = type;
    e.message.id = message;
    e.message.src = "n0";
    e.message.dest = "n1";
    e.message.body = Edn::of_map({{Edn::of_keyword("type"), Edn::of_string(body_type_name)}});
    return e;
  };
  const std::vector<Event> events = {
      event(0, 0, EventType::send, 0, "init"),   event(1, 1, EventType::recv, 0, "init"),
      event(2, 2, EventType::send, 1, "gossip"), event(3, 3, EventType::recv, 1, "gossip"),
      event(4, 4, EventType::send, 2, "gossip"),  // never delivered
      event(5, 5, EventType::send, 3, "gossip"), event(6, 6, EventType::recv, 3, "gossip")};
  EXPECT_EQ(default_arrow_count(events, 0), 2u);
  EXPECT_EQ(default_arrow_count(events, 2), 1u);
  std::ostringstream html;
  write_diagram_html(html, events, DiagramOptions{"t</script>", {}, 10});
  EXPECT_EQ(count_of(html.str(), "</script>"), 2u);  // only the two script elements close
}

}  // namespace
}  // namespace rumor::replay::journal
