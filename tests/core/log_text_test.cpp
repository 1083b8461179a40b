#include "core/log_text.hpp"

#include <gtest/gtest.h>

namespace rumor::core {
namespace {

TEST(LogText, ControlCharactersAreEscapedSoNoLogLineCanStartATraceLine) {
  EXPECT_EQ(log_text("x\n#in 1 {}"), "x\\n#in 1 {}");
  EXPECT_EQ(log_text("a\rb\tc"), "a\\rb\\tc");
  EXPECT_EQ(log_text(std::string_view("\x01\x1f\x7f", 3)), "\\x01\\x1f\\x7f");
  EXPECT_EQ(log_text("n1 \xC3\xA9"), "n1 \xC3\xA9");  // bytes above 0x7F pass unchanged
}

TEST(LogText, SafeTextIsTextWithoutControlCharacters) {
  EXPECT_TRUE(is_log_safe("n1 sent 7"));
  EXPECT_FALSE(is_log_safe("n1\n"));
  EXPECT_FALSE(is_log_safe("\x7f"));
}

}  // namespace
}  // namespace rumor::core
