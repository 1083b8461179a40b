// One JSON member per call (replay/json_members.hpp): the value's type picks its JSON form.
#include "replay/json_members.hpp"

#include <gtest/gtest.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <limits>
#include <string>

namespace rumor::replay::json {
namespace {

template <typename T>
std::string object_with(const T& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  member(w, "k", value);
  w.EndObject();
  return buffer.GetString();
}

TEST(JsonMembers, TheValuesTypePicksItsForm) {
  EXPECT_EQ(object_with(true), R"({"k":true})");
  EXPECT_EQ(object_with(-3), R"({"k":-3})");
  EXPECT_EQ(object_with(std::numeric_limits<std::int64_t>::min()), R"({"k":-9223372036854775808})");
  EXPECT_EQ(object_with(std::numeric_limits<std::uint64_t>::max()),
            R"({"k":18446744073709551615})");
  EXPECT_EQ(object_with(2.5), R"({"k":2.5})");
  EXPECT_EQ(object_with(2.0), R"({"k":2.0})");  // a double stays a double
}

TEST(JsonMembers, TextIsEscapedAndMayHoldNul) {
  EXPECT_EQ(object_with("a\"b"), R"({"k":"a\"b"})");
  EXPECT_EQ(object_with(std::string("x\0y", 3)), R"({"k":"x\u0000y"})");
  const char* text = "plain";
  EXPECT_EQ(object_with(text), R"({"k":"plain"})");
}

}  // namespace
}  // namespace rumor::replay::json
