#include "runtime/options.hpp"

#include <gtest/gtest.h>

namespace rumor::runtime {
namespace {

Options parsed(const std::vector<std::string>& args) {
  auto result = parse_options(args);
  if (auto* exit_early = std::get_if<ExitEarly>(&result)) {
    ADD_FAILURE() << exit_early->text;
    return {};
  }
  return std::get<Options>(result);
}

int exit_code_of(const std::vector<std::string>& args) {
  auto result = parse_options(args);
  if (auto* exit_early = std::get_if<ExitEarly>(&result)) return exit_early->exit_code;
  return -1;
}

TEST(Options, DefaultsToTheDefaultProfile) {
  const Options options = parsed({});
  EXPECT_EQ(options.profile.name, "default");
  EXPECT_EQ(options.tick_ms, 10);
}

TEST(Options, EveryNamedProfileIsAccepted) {
  for (const std::string& name : core::profile_names())
    EXPECT_EQ(parsed({name}).profile.name, name);
}

TEST(Options, TickAndSeedFlags) {
  const Options options = parsed({"--tick-ms", "5", "--seed", "42"});
  EXPECT_EQ(options.tick_ms, 5);
  EXPECT_EQ(options.seed, 42u);
}

TEST(Options, UsageErrorsExitWithTwoAndHelpWithZero) {
  EXPECT_EQ(exit_code_of({"--help"}), 0);
  EXPECT_EQ(exit_code_of({"nope"}), 2);
  EXPECT_EQ(exit_code_of({"--tick-ms"}), 2);
  EXPECT_EQ(exit_code_of({"--tick-ms", "0"}), 2);
  EXPECT_EQ(exit_code_of({"--tick-ms", "5ms"}), 2);
  EXPECT_EQ(exit_code_of({"--seed", "-1"}), 2);
  EXPECT_EQ(exit_code_of({"--verbose"}), 2);
  EXPECT_EQ(exit_code_of({"default", "fast"}), 2);
}

}  // namespace
}  // namespace rumor::runtime
