// Schedule files: every generated schedule survives a write/read round trip, and malformed files
// are rejected with the line that is wrong.
#include "replay/fuzz/schedule_file.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "replay/fuzz/generate.hpp"

namespace rumor::replay::fuzz {
namespace {

Schedule round_trip(const Schedule& schedule) {
  std::stringstream text;
  write_schedule(text, schedule, "a comment\nover two lines");
  return read_schedule(text);
}

TEST(ScheduleFile, GeneratedSchedulesRoundTrip) {
  for (std::uint64_t seed = 0; seed < 200; ++seed) {
    const Schedule schedule = generate_schedule(seed, SwarmLimits{});
    ASSERT_EQ(round_trip(schedule), schedule) << "seed " << seed;
  }
}

TEST(ScheduleFile, WritesTheScheduleHeaderAfterTheComment) {
  std::stringstream text;
  write_schedule(text, generate_schedule(3, SwarmLimits{}), "one comment");
  std::string first;
  std::string second;
  std::getline(text, first);
  std::getline(text, second);
  EXPECT_EQ(first, "# one comment");
  EXPECT_EQ(second, "rumor-fuzz-schedule 1");
}

// Files written before schedules were told apart from node traces begin `rumor-fuzz-trace 1`.
TEST(ScheduleFile, ReadsAHandWrittenOldHeaderedFile) {
  std::istringstream text(
      "# a comment\n"
      "rumor-fuzz-trace 1\n"
      "seed 7\nnodes 3\nprofile frugal\ntopology line\nlatency uniform 50 99\n"
      "fault_phase_ms 2000\nliveness_ms 9000\n"
      "clock n1 12 3 400   # trailing comment\n"
      "\n"
      "broadcast 1 10 n2 5\n"
      "read 2 20 n0\n"
      "loss 3 0 100 n0,n1 n2 500\n"
      "delay 4 5 200 n2 n0,n1 1000 250\n"
      "duplicate 5 0 2000 n0 n1 1000\n"
      "partition 6 100 900 n0 n1,n2 oneway\n"
      "pause 7 300 1500 n1\n");
  const Schedule schedule = read_schedule(text);
  EXPECT_EQ(schedule.config.seed, 7u);
  EXPECT_EQ(schedule.config.nodes, 3);
  EXPECT_EQ(schedule.config.profile, "frugal");
  EXPECT_EQ(schedule.config.latency, (Latency{LatencyKind::uniform, 50, 99}));
  EXPECT_EQ(schedule.config.clocks[1], (NodeClock{12, 3, 400}));
  EXPECT_EQ(schedule.config.clocks[0], NodeClock{});
  ASSERT_EQ(schedule.events.size(), 7u);
  EXPECT_EQ(schedule.events[0], (Event{1, ClientBroadcast{10, 2, 5}}));
  const auto& delay = std::get<LinkFault>(schedule.events[3].body);
  EXPECT_EQ(delay.kind, LinkFaultKind::delay);
  EXPECT_EQ(delay.from, only(2));
  EXPECT_EQ(delay.to, only(0) | only(1));
  EXPECT_EQ(delay.extra_delay_ms_max, 250);
  EXPECT_FALSE(std::get<Partition>(schedule.events[5].body).symmetric);
  EXPECT_EQ(std::get<Pause>(schedule.events[6].body).node, 1);
}

void expect_rejected(const std::string& body, const std::string& fragment) {
  std::istringstream text("rumor-fuzz-schedule 1\nnodes 2\n" + body);
  try {
    read_schedule(text);
    FAIL() << "accepted: " << body;
  } catch (const ScheduleFileError& error) {
    EXPECT_NE(std::string(error.what()).find(fragment), std::string::npos) << error.what();
  }
}

TEST(ScheduleFile, RejectsMalformedLines) {
  expect_rejected("frobnicate 1 2\n", "line 3: unknown keyword frobnicate");
  expect_rejected("broadcast 1 10 n1\n", "line 3: expected 4 fields");
  expect_rejected("broadcast 1 ten n1 5\n", "not an integer: ten");
  expect_rejected("read 1 10 x1\n", "not a node id: x1");
  expect_rejected("read 1 10 n01\n", "not a node id: n01");
  expect_rejected("read 1 10 n5\n", "names a node past n1");
  expect_rejected("loss 1 0 10 n0 n1 1001\n", "per_mille must be 0..1000");
  expect_rejected("partition 1 0 10 n0 n1 sideways\n", "symmetric or oneway");
  expect_rejected("profile nope\n", "unknown profile nope");
  expect_rejected("topology ring\n", "unknown topology ring");
  expect_rejected("latency normal 1 2\n", "unknown latency kind normal");
  // Issue 9, D13: times the simulation adds are bounded, so none can overflow (or end a replay
  // vacuously after 0 events).
  expect_rejected("fault_phase_ms 9223372036854775807\n", "fault_phase_ms 9223372036854775807");
  expect_rejected("liveness_ms 1000000001\n", "outside 0..1000000000 ms");
  expect_rejected("clock n1 10 0 -9223372036854775807\n", "clock skew");
  expect_rejected("broadcast 1 9223372036854775807 n1 5\n", "event 1 time");
  expect_rejected("delay 4 5 200 n1 n0 1000 9223372036854775807\n", "event 4 extra delay");
  std::istringstream no_header("nodes 2\n");
  EXPECT_THROW(read_schedule(no_header), ScheduleFileError);
}

}  // namespace
}  // namespace rumor::replay::fuzz
