#include "runtime/line_buffer.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace rumor::runtime {
namespace {

std::vector<std::string> complete_lines(LineBuffer& buffer) {
  std::vector<std::string> lines;
  buffer.for_each_line([&](std::string_view line) { lines.emplace_back(line); });
  return lines;
}

TEST(LineBuffer, SplitsChunksIntoLinesAcrossBoundaries) {
  LineBuffer buffer;
  buffer.append("ab");
  EXPECT_TRUE(complete_lines(buffer).empty());
  buffer.append("c\nde\r\n\nf");
  EXPECT_EQ(complete_lines(buffer), (std::vector<std::string>{"abc", "de", ""}));
  buffer.append("g\n");
  EXPECT_EQ(complete_lines(buffer), (std::vector<std::string>{"fg"}));
  EXPECT_EQ(buffer.take_rest(), "");
}

TEST(LineBuffer, TakeRestReturnsTheUnterminatedTail) {
  LineBuffer buffer;
  buffer.append("one\ntwo");
  EXPECT_EQ(complete_lines(buffer), (std::vector<std::string>{"one"}));
  EXPECT_EQ(buffer.take_rest(), "two");
  EXPECT_EQ(buffer.take_rest(), "");
}

TEST(LineBuffer, AnOverlongLineIsDroppedAndTheNextLineSurvives) {
  LineBuffer buffer;
  const std::string piece(1024 * 1024, 'x');
  for (std::size_t i = 0; i <= LineBuffer::line_bytes_max / piece.size(); ++i) {
    buffer.append(piece);
    EXPECT_TRUE(complete_lines(buffer).empty());
  }
  EXPECT_TRUE(buffer.take_overflow());
  EXPECT_FALSE(buffer.take_overflow());
  buffer.append("tail\nnext\n");
  EXPECT_EQ(complete_lines(buffer), (std::vector<std::string>{"next"}));
}

}  // namespace
}  // namespace rumor::runtime
