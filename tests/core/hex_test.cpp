#include "core/hex.hpp"

#include <gtest/gtest.h>

namespace rumor::core {
namespace {

TEST(Hex, BytesAreTwoLowerCaseDigitsEach) {
  EXPECT_EQ(hex_bytes(std::string_view("\x00\x0f\xa0\xff", 4)), "000fa0ff");
  EXPECT_EQ(hex_bytes(""), "");
  std::string out = "\\x";
  append_hex_byte(out, 0x7f);
  EXPECT_EQ(out, "\\x7f");
}

TEST(Hex, SixtyFourBitsKeepTheirLeadingZeros) {
  EXPECT_EQ(hex64(0), "0000000000000000");
  EXPECT_EQ(hex64(0x0123456789abcdefULL), "0123456789abcdef");
  EXPECT_EQ(hex64(~std::uint64_t{0}), "ffffffffffffffff");
}

}  // namespace
}  // namespace rumor::core
