// The bounded JSON parse every outside text goes through (issue 9: D1 deep nesting, D7 huge
// numbers, D8 lone surrogates, D10 bytes after a NUL). Inputs are generated, not stored.
#include "core/bounded_json.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>
#include <rapidjson/document.h>

#include <cstdint>
#include <optional>
#include <string>

namespace rumor::core::json {
namespace {

std::string nested_arrays(std::size_t depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

std::optional<std::string> parse(std::string_view text, Numbers numbers = Numbers::strict) {
  rapidjson::Document document;
  return parse_bounded(document, text, numbers);
}

std::optional<std::string> parse_in_place(std::string_view text) {
  rapidjson::Document document;
  std::string scratch;
  return parse_bounded_in_place(document, text, scratch);
}

TEST(BoundedJson, NestingUpToTheLimitParsesOneMoreIsRefused) {
  EXPECT_EQ(parse(nested_arrays(depth_max)), std::nullopt);
  const auto why = parse(nested_arrays(depth_max + 1));
  ASSERT_TRUE(why);
  EXPECT_NE(why->find("nesting deeper than 64"), std::string::npos) << *why;
}

TEST(BoundedJson, AHundredThousandOpenBracketsAreAnErrorNotAStackOverflow) {
  for (const std::string& text :
       {std::string(100000, '['), nested_arrays(100000), std::string(100000, '{'), [] {
          std::string objects;
          for (int i = 0; i < 100000; ++i) objects += R"({"a":)";
          return objects;
        }()}) {
    EXPECT_TRUE(parse(text));
    EXPECT_TRUE(parse_in_place(text));
  }
}

TEST(BoundedJson, BytesAfterTheValueAreRefusedEvenAfterANul) {
  using namespace std::string_literals;
  for (const std::string& text : {R"({"a":1})"s + '\0' + "garbage", R"({"a":1})"s + '\0',
                                  R"({"a":1} x)"s, R"({"a":1}{"b":2})"s}) {
    EXPECT_TRUE(parse(text)) << text;
    EXPECT_TRUE(parse_in_place(text)) << text;
  }
  EXPECT_EQ(parse(" {\"a\":1} \t\r\n"), std::nullopt);
  EXPECT_EQ(parse_in_place(" {\"a\":1} \t\r\n"), std::nullopt);
}

TEST(BoundedJson, TextEndingInAUtf8LeadByteInsideAStringIsRefusedWithoutOverRead) {
  // Found by codec_fuzz (ASan: heap-buffer-overflow in RapidJSON's UTF-8 validation in place).
  for (const char* lead : {"\xC3", "\xE0", "\xF0", "\xF0\x9F", "\xF0\x9F\x98"}) {
    for (const std::string& text :
         {"\"" + std::string(1187, '2') + lead, "[\"a" + std::string(lead)}) {
      EXPECT_TRUE(parse(text));
      EXPECT_TRUE(parse_in_place(text));
      std::string exact(text);  // no spare capacity after the bytes, as in the fuzzer's buffer
      exact.shrink_to_fit();
      EXPECT_TRUE(parse_in_place(exact));
    }
  }
}

TEST(BoundedJson, LoneSurrogateEscapesAreRefusedPairsAreKept) {
  for (const char* text : {R"(["\udc00"])", R"(["a\udfffb"])", R"({"\udc00":1})"}) {
    const auto why = parse(text);
    ASSERT_TRUE(why) << text;
    EXPECT_NE(why->find("lone surrogate"), std::string::npos) << *why;
    EXPECT_TRUE(parse_in_place(text)) << text;
  }
  rapidjson::Document document;
  ASSERT_EQ(parse_bounded(document, R"(["\ud83d\ude00"])"), std::nullopt);
  EXPECT_EQ(std::string(document[0].GetString()), "\xF0\x9F\x98\x80");
}

TEST(BoundedJson, LenientNumbersParseWhatNoDoubleHoldsAndKeepIntegerTypes) {
  const char* text = R"([1e999, -1e999, 3, -3, 9223372036854775807, 18446744073709551615,
                        99999999999999999999, 3.5, -0, 1e-999])";
  EXPECT_TRUE(parse(text));  // strict: RapidJSON's own "Number too big"
  rapidjson::Document document;
  ASSERT_EQ(parse_bounded(document, text, Numbers::lenient), std::nullopt);
  EXPECT_TRUE(document[0].IsDouble() && document[0].GetDouble() == 1e308);
  EXPECT_TRUE(document[1].IsDouble() && document[1].GetDouble() == -1e308);
  EXPECT_TRUE(document[2].IsInt() && document[2].GetInt() == 3);
  EXPECT_TRUE(document[3].IsInt() && document[3].GetInt() == -3);
  EXPECT_TRUE(document[4].IsInt64() && document[4].GetInt64() == INT64_MAX);
  EXPECT_TRUE(!document[5].IsInt64() && document[5].IsUint64());
  EXPECT_TRUE(document[6].IsDouble() && !document[6].IsInt64());
  EXPECT_TRUE(document[7].IsDouble());
  EXPECT_TRUE(document[8].IsInt() && document[8].GetInt() == 0);
  EXPECT_TRUE(document[9].IsDouble() && document[9].GetDouble() == 0.0);
}

TEST(BoundedJson, LenientNumbersLeaveStringsAndKeysAlone) {
  rapidjson::Document document;
  ASSERT_EQ(parse_bounded(document, R"({"1e999":"1e999 \" 1e999","n":[1E999]})", Numbers::lenient),
            std::nullopt);
  EXPECT_EQ(std::string(document["1e999"].GetString()), "1e999 \" 1e999");
  EXPECT_EQ(document["n"][0].GetDouble(), 1e308);
  std::string scratch;
  ASSERT_EQ(parse_bounded_in_place(document, R"({"a":"x","n":-1e999})", scratch, Numbers::lenient),
            std::nullopt);
  EXPECT_EQ(std::string(document["a"].GetString()), "x");
  EXPECT_EQ(document["n"].GetDouble(), -1e308);
}

TEST(BoundedJson, ParsesWhatRapidJsonParses) {
  const char* text = R"({"src":"c1","dest":"n0","body":{"type":"topology","topology":{"n0":["n1"]},
                         "msg_id":1,"x":[null,true,false,1.5,"\u00e9\n"]}})";
  rapidjson::Document plain;
  plain.Parse(text);
  rapidjson::Document bounded;
  ASSERT_EQ(parse_bounded(bounded, text), std::nullopt);
  EXPECT_TRUE(bounded == plain);
  rapidjson::Document in_place;
  std::string scratch;
  ASSERT_EQ(parse_bounded_in_place(in_place, text, scratch), std::nullopt);
  EXPECT_TRUE(in_place == plain);
}

RC_GTEST_PROP(BoundedJsonProperty, NestedArraysParseExactlyUpToTheLimit, ()) {
  const auto depth = *rc::gen::inRange<std::size_t>(0, 3 * depth_max);
  const auto why = parse(nested_arrays(depth));
  RC_ASSERT(why.has_value() == (depth == 0 || depth > depth_max));  // "" is not JSON either
}

RC_GTEST_PROP(BoundedJsonProperty, NeverThrowsOnArbitraryBytes, (const std::string& text)) {
  (void)parse(text, Numbers::lenient);
  (void)parse_in_place(text);
  RC_SUCCEED("parsed or refused without throwing");
}

}  // namespace
}  // namespace rumor::core::json
