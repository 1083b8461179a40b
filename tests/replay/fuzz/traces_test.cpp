// Regression tests from real bugs: every trace committed under traces/ exposed a bug once and
// must pass (exit 0) now that it is fixed.
#include <gtest/gtest.h>

#include <filesystem>

#include "replay/fuzz/schedule_file.hpp"
#include "replay/fuzz/simulation.hpp"

namespace rumor::replay::fuzz {
namespace {

TEST(Traces, EveryCommittedTracePasses) {
  const std::filesystem::path directory = RUMOR_TRACES_DIR;
  ASSERT_TRUE(std::filesystem::is_directory(directory)) << directory;
  int replayed = 0;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    // Fuzz schedules: .schedule, or .trace as they were named before.
    if (entry.path().extension() != ".schedule" && entry.path().extension() != ".trace") continue;
    const Schedule schedule = read_schedule_file(entry.path().string());
    const Verdict verdict = simulate(schedule);
    EXPECT_EQ(verdict.outcome, Outcome::pass)
        << entry.path() << ": " << verdict.reason << "\n  replay: rumor fuzz --replay "
        << entry.path().string();
    ++replayed;
  }
  // No real bug has been found yet: with nothing to replay this test proves nothing, so it says
  // so as a skip instead of counting as a pass.
  if (replayed == 0) GTEST_SKIP() << "no regression traces under " << directory;
  std::cout << "replayed " << replayed << " traces from " << directory << "\n";
}

}  // namespace
}  // namespace rumor::replay::fuzz
