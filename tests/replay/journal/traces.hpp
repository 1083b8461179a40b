// Where the real Maelstrom runs are (read in place, never copied): $RUMOR_TRACES_DIR, else
// $RUMOR_SOURCE_ROOT/../shared/traces/maelstrom. Without them a test skips, unless $CI is set.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace rumor::replay::journal::testing {

inline std::optional<std::filesystem::path> traces_dir() {
  if (const char* dir = std::getenv("RUMOR_TRACES_DIR")) return std::filesystem::path(dir);
  if (const char* root = std::getenv("RUMOR_SOURCE_ROOT")) {
    return std::filesystem::path(root) / ".." / "shared" / "traces" / "maelstrom";
  }
  return std::nullopt;
}

inline bool in_ci() { return std::getenv("CI") != nullptr; }

// Run directories whose INDEX.tsv row says "full" (they have a net journal).
inline std::vector<std::filesystem::path> full_runs(const std::filesystem::path& traces) {
  std::vector<std::filesystem::path> runs;
  std::ifstream index(traces / "INDEX.tsv");
  std::string line;
  std::getline(index, line);  // header
  while (std::getline(index, line)) {
    std::vector<std::string> columns;
    std::stringstream fields(line);
    for (std::string column; std::getline(fields, column, '\t');) columns.push_back(column);
    if (!columns.empty() && columns.back() == "full") runs.push_back(traces / columns.front());
  }
  return runs;
}

inline std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace rumor::replay::journal::testing

// Skips (or fails under CI) when the traces are not there; otherwise binds `runs`.
#define RUMOR_REQUIRE_FULL_RUNS(runs)                                                           \
  const auto rumor_traces = ::rumor::replay::journal::testing::traces_dir();                    \
  if (!rumor_traces || !std::filesystem::exists(*rumor_traces / "INDEX.tsv")) {                 \
    if (::rumor::replay::journal::testing::in_ci()) FAIL() << "traces folder missing under CI"; \
    GTEST_SKIP() << "no traces folder (set RUMOR_TRACES_DIR or RUMOR_SOURCE_ROOT)";             \
  }                                                                                             \
  const std::vector<std::filesystem::path> runs =                                               \
      ::rumor::replay::journal::testing::full_runs(*rumor_traces)
