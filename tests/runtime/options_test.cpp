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

// Issue 9, D11: huge numbers are a usage error naming the flag, on one line.
TEST(Options, HugeNumbersAreOneLineUsageErrors) {
  for (const auto& args :
       std::vector<std::vector<std::string>>{{"--tick-ms", "9223372036854775807"},
                                             {"--tick-ms", "99999999999999999999"},
                                             {"--seed", "18446744073709551616"},
                                             {"--capture", "most"}}) {
    auto result = parse_options(args);
    auto* exit_early = std::get_if<ExitEarly>(&result);
    ASSERT_NE(exit_early, nullptr) << args[1];
    EXPECT_EQ(exit_early->exit_code, 2);
    EXPECT_NE(exit_early->text.find(args[0]), std::string::npos) << exit_early->text;
    EXPECT_EQ(exit_early->text.find('\n'), exit_early->text.size() - 1) << exit_early->text;
  }
  EXPECT_EQ(parsed({"fast", "--seed", "18446744073709551615", "--no-capture"}).seed,
            18446744073709551615u);
  EXPECT_EQ(parsed({"--capture", "full"}).capture, trace::Capture::full);
}

}  // namespace
}  // namespace rumor::runtime
