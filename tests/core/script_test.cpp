// Runs every tests/core/testdata/*.txt script (script.hpp) and fails with a diff where the core's
// outputs differ from the ones written in the script. `--rewrite` (or RUMOR_REWRITE=1) writes
// the actual outputs into the scripts instead: review the change with `git diff`.
#include "script.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace rumor::core::testing {
namespace {

bool rewrite = false;
std::string rewrite_command;

std::filesystem::path testdata_dir() {
  const char* dir = std::getenv("RUMOR_CORE_TESTDATA");
  return dir != nullptr ? std::filesystem::path(dir) : std::filesystem::path(RUMOR_CORE_TESTDATA);
}

std::vector<std::string> script_names() {
  std::vector<std::string> names;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(testdata_dir(), error)) {
    if (entry.path().extension() == ".txt") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class Script : public ::testing::TestWithParam<std::string> {};

TEST_P(Script, OutputsMatch) {
  const auto path = testdata_dir() / (GetParam() + ".txt");
  const auto expected = read_text(path);
  std::string actual;
  try {
    actual = run_script(expected);
  } catch (const ScriptError& error) {
    FAIL() << path.string() << ": " << error.what;
  }
  if (actual == expected) return;
  if (rewrite) {
    std::ofstream(path, std::ios::binary) << actual;
    std::cout << "rewrote " << path.string() << "\n";
    return;
  }
  FAIL() << path.string() << " differs (- script, + core):\n"
         << line_diff(expected, actual) << "to accept the core's outputs: " << rewrite_command
         << " --gtest_filter=*/" << GetParam() << " (then review git diff)";
}

// The runner itself: stale outputs are replaced, never trusted; bad scripts are errors.
TEST(ScriptRunner, ReplacesStaleOutputsWithTheCoresOwn) {
  const std::string script =
      "# a lone node answers init\n#node default 1\n"
      R"(#in 0 {"src":"c0","dest":"n0","body":{"type":"init","msg_id":1,"node_id":"n0","node_ids":["n0"]}})"
      "\n#out stale\n#log stale\n";
  const std::string actual = run_script(script);
  EXPECT_EQ(actual.find("stale"), std::string::npos) << actual;
  EXPECT_NE(
      actual.find(R"(#out {"src":"n0","dest":"c0","body":{"type":"init_ok","in_reply_to":1}})"),
      std::string::npos)
      << actual;
  EXPECT_EQ(run_script(actual), actual);  // a rewritten script passes
  EXPECT_NE(line_diff(script, actual).find("-#out stale\n"), std::string::npos);
  EXPECT_EQ(line_diff(actual, actual), "");
}

TEST(ScriptRunner, BadScriptsAreErrorsWithTheirLine) {
  EXPECT_THROW(run_script("#tick 5\n"), ScriptError);  // no #node yet
  EXPECT_THROW(run_script("#node nosuchprofile 1\n"), ScriptError);
  EXPECT_THROW(run_script("#node default 1\n#tock 5\n"), ScriptError);
  EXPECT_THROW(run_script("#node default 1\n#ticks 0 10 0\n"), ScriptError);
  try {
    run_script("#node default 1\n\n#tick soon\n");
    ADD_FAILURE() << "no error";
  } catch (const ScriptError& error) {
    EXPECT_EQ(error.what, "line 3: not an integer: 'soon'");
  }
}

TEST(Script, TheTestdataFolderHoldsScripts) {
  EXPECT_FALSE(script_names().empty()) << "no *.txt in " << testdata_dir().string();
}

INSTANTIATE_TEST_SUITE_P(Testdata, Script, ::testing::ValuesIn(script_names()),
                         [](const auto& info) {
                           std::string name = info.param;
                           std::replace_if(
                               name.begin(), name.end(),
                               [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); },
                               '_');
                           return name;
                         });

}  // namespace
}  // namespace rumor::core::testing

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  using rumor::core::testing::rewrite;
  const char* env = std::getenv("RUMOR_REWRITE");
  rewrite = env != nullptr && std::string(env) == "1";
  for (int i = 1; i < argc; ++i) rewrite = rewrite || std::string(argv[i]) == "--rewrite";
  rumor::core::testing::rewrite_command = std::string(argv[0]) + " --rewrite";
  return RUN_ALL_TESTS();
}
