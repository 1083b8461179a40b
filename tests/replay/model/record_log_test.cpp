// The record log hands back every record in the order pushed, across spills to its file, as
// often as asked, with records pushed between reads.
#include "replay/model/record_log.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace rumor::replay::model {
namespace {

struct Pair {
  std::uint32_t a = 0;
  std::uint32_t b = 0;
};

std::vector<std::uint32_t> firsts(const RecordLog<Pair>& log) {
  std::vector<std::uint32_t> out;
  log.for_each([&](const Pair& pair) {
    EXPECT_EQ(pair.b, pair.a * 3 + 1);
    out.push_back(pair.a);
  });
  return out;
}

TEST(ModelRecordLog, ReadsBackInOrderAcrossSpillsAndAppends) {
  RecordLog<Pair> log(4);  // a tiny buffer: most records go through the file
  std::vector<std::uint32_t> expected;
  for (std::uint32_t i = 0; i < 10; ++i) {
    log.push({i, i * 3 + 1});
    expected.push_back(i);
  }
  EXPECT_EQ(firsts(log), expected);
  EXPECT_EQ(firsts(log), expected);  // a second pass reads the same
  for (std::uint32_t i = 10; i < 23; ++i) {
    log.push({i, i * 3 + 1});
    expected.push_back(i);
  }
  EXPECT_EQ(log.size(), 23u);
  EXPECT_EQ(log.disk_bytes(), 20 * sizeof(Pair));
  EXPECT_EQ(firsts(log), expected);
}

TEST(ModelRecordLog, AnEmptyLogVisitsNothing) {
  const RecordLog<Pair> log;
  EXPECT_TRUE(firsts(log).empty());
}

}  // namespace
}  // namespace rumor::replay::model
