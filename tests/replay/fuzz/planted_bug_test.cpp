// Built once per planted bug (see meson.build), against a core compiled with that bug: the
// fuzzer must find it within 500 seeds, shrink it to a handful of events, and write a trace that
// replays to the same failure. A fuzzer that never fails proves nothing.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>

#include "replay/fuzz/fuzz_command.hpp"
#include "replay/fuzz/schedule_file.hpp"
#include "replay/fuzz/simulation.hpp"

namespace rumor::replay::fuzz {
namespace {

// Forgetting the set after a pause is seen the moment the set shrinks; the other bugs lose
// values, which only the end of the liveness phase can tell.
int expected_exit() {
  return std::string(RUMOR_PLANTED_BUG_NAME) == "forget_after_pause" ? exit_safety : exit_liveness;
}

TEST(PlantedBug, FoundWithin500SeedsAndShrunk) {
  const auto directory = std::filesystem::temp_directory_path() /
                         ("rumor-fuzz-planted-" + std::string(RUMOR_PLANTED_BUG_NAME) + "-" +
                          std::to_string(getpid()));
  const int exit = fuzz_command({"--seeds", "500", "--schedule-dir", directory.string()});
  EXPECT_EQ(exit, expected_exit()) << RUMOR_PLANTED_BUG_NAME;

  std::vector<std::filesystem::path> traces;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    traces.push_back(entry.path());
  }
  ASSERT_EQ(traces.size(), 1u) << "one shrunk trace for the first failing seed";
  const Schedule schedule = read_schedule_file(traces[0].string());
  EXPECT_LE(schedule.events.size(), 10u) << "shrunk to a handful of events";
  EXPECT_LE(schedule.config.nodes, 8);

  // The trace replays to the same failure, and so does its text once more.
  const Verdict verdict = simulate(schedule);
  EXPECT_EQ(exit_code(verdict.outcome), expected_exit()) << verdict.reason;
  std::stringstream text;
  write_schedule(text, schedule);
  EXPECT_EQ(simulate(read_schedule(text)).fingerprint, verdict.fingerprint);
  EXPECT_EQ(fuzz_command({"--replay", traces[0].string()}), expected_exit());
  std::filesystem::remove_all(directory);
}

}  // namespace
}  // namespace rumor::replay::fuzz
