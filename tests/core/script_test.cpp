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
