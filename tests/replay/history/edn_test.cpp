#include "replay/history/edn.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>
#include <rapidjson/document.h>

#include <cmath>
#include <limits>
#include <string>

namespace rumor::replay::history {
namespace {

TEST(EdnParse, Scalars) {
  EXPECT_TRUE(parse_edn("nil").is_nil());
  EXPECT_EQ(parse_edn("true"), Edn::of_bool(true));
  EXPECT_EQ(parse_edn("false"), Edn::of_bool(false));
  EXPECT_EQ(parse_edn("-42"), Edn::of_int(-42));
  EXPECT_EQ(parse_edn("+7"), Edn::of_int(7));
  EXPECT_EQ(parse_edn("12N"), Edn::of_int(12));
  EXPECT_EQ(parse_edn("2.5"), Edn::of_double(2.5));
  EXPECT_EQ(parse_edn("1.5M"), Edn::of_double(1.5));
  EXPECT_EQ(parse_edn("1e3"), Edn::of_double(1000.0));
  EXPECT_EQ(parse_edn("1.0E-4"), Edn::of_double(1e-4));
  EXPECT_EQ(parse_edn("1/4"), Edn::of_double(0.25));
  EXPECT_EQ(parse_edn("9223372036854775807"),
            Edn::of_int(std::numeric_limits<std::int64_t>::max()));
  EXPECT_EQ(parse_edn(":final?"), Edn::of_keyword("final?"));
  EXPECT_EQ(parse_edn("slingshot.support$stack_trace"),
            Edn::of_symbol("slingshot.support$stack_trace"));
  EXPECT_EQ(parse_edn("-"), Edn::of_symbol("-"));
  EXPECT_TRUE(std::isinf(parse_edn("##Inf").floating));
  EXPECT_TRUE(std::isnan(parse_edn("##NaN").floating));
}

TEST(EdnParse, StringsAndCharacters) {
  EXPECT_EQ(parse_edn(R"("a\"b\\c\nd\te\u00e9")"), Edn::of_string("a\"b\\c\nd\te\xC3\xA9"));
  EXPECT_EQ(parse_edn("\"multi\nline\""), Edn::of_string("multi\nline"));
  EXPECT_EQ(parse_edn(R"(\a)"), Edn::of_char("a"));
  EXPECT_EQ(parse_edn(R"(\newline)"), Edn::of_char("\n"));
  EXPECT_EQ(parse_edn(R"(\space)"), Edn::of_char(" "));
  EXPECT_EQ(parse_edn(R"(\u0041)"), Edn::of_char("A"));
  EXPECT_EQ(parse_edn(R"([\( \)])"), Edn::of_vector({Edn::of_char("("), Edn::of_char(")")}));
}

TEST(EdnParse, CollectionsCommentsAndDiscard) {
  const Edn value = parse_edn(
      "; a comment\n"
      "{:a [1, 2 3], :b (x y) ; trailing\n"
      " :c #{\"n1\" \"n2\"}, #_ :ignored :d {}}");
  ASSERT_EQ(value.kind, Edn::Kind::map);
  ASSERT_EQ(value.entries.size(), 4u);
  EXPECT_EQ(*value.find("a"), Edn::of_vector({Edn::of_int(1), Edn::of_int(2), Edn::of_int(3)}));
  EXPECT_EQ(*value.find("b"), Edn::of_list({Edn::of_symbol("x"), Edn::of_symbol("y")}));
  EXPECT_EQ(*value.find("c"), Edn::of_set({Edn::of_string("n1"), Edn::of_string("n2")}));
  EXPECT_EQ(*value.find("d"), Edn::of_map());
  EXPECT_EQ(value.find("ignored"), nullptr);
}

TEST(EdnParse, TaggedRecord) {
  const Edn value = parse_edn("#jepsen.history.Op{:index 3, :f :add}");
  ASSERT_EQ(value.kind, Edn::Kind::tagged);
  EXPECT_EQ(value.text, "jepsen.history.Op");
  EXPECT_EQ(*value.find("index"), Edn::of_int(3));  // find looks through the tag
  EXPECT_EQ(parse_edn("#inst \"2024-01-01\"").items.front(), Edn::of_string("2024-01-01"));
}

TEST(EdnParse, NumbersTakeClojureSuffixesAndRatios) {
  EXPECT_EQ(parse_edn("1/4"), Edn::of_double(0.25));
  EXPECT_EQ(parse_edn("7N"), Edn::of_int(7));
  EXPECT_EQ(parse_edn("2M"), Edn::of_double(2.0));
  EXPECT_EQ(parse_edn("-1.5e2"), Edn::of_double(-150.0));
  EXPECT_THROW(parse_edn("1/0"), EdnParseError);
  EXPECT_THROW(parse_edn("1/x"), EdnParseError);
}

TEST(EdnParse, ParseAllReadsEveryTopLevelValue) {
  const std::vector<Edn> values = parse_edn_all("{:a 1}\n{:a 2}\n");
  ASSERT_EQ(values.size(), 2u);
  EXPECT_EQ(*values[1].find("a"), Edn::of_int(2));
}

struct BadInput {
  const char* text;
  std::size_t line;
  std::size_t column;
  const char* reason;
};

TEST(EdnParse, ErrorsNameLineAndColumn) {
  const BadInput cases[] = {
      {"{:a 1\n :b [1 2}", 2, 9, "unexpected '}'"},
      {"[1 2", 1, 5, "missing ']'"},
      {"{:a}", 1, 5, "odd number"},
      {"\"abc", 1, 5, "unterminated string"},
      {"12abc", 1, 1, "malformed number"},
      {"99999999999999999999", 1, 1, "out of 64-bit range"},
      {"\\bogus", 1, 2, "unknown character name"},
      {"1 2", 1, 3, "unexpected text after the value"},
      {"\"\\q\"", 1, 3, "unsupported escape"},
      {"", 1, 1, "unexpected end of input"},
      {"\"h\xC3\xA9\" )", 1, 6, "unexpected"},  // columns count characters, not bytes
  };
  for (const BadInput& bad : cases) {
    SCOPED_TRACE(bad.text);
    try {
      parse_edn(bad.text);
      ADD_FAILURE() << "no error";
    } catch (const EdnParseError& error) {
      EXPECT_EQ(error.line(), bad.line);
      EXPECT_EQ(error.column(), bad.column);
      EXPECT_NE(error.reason().find(bad.reason), std::string::npos) << error.reason();
      EXPECT_NE(std::string(error.what()).find("line " + std::to_string(bad.line)),
                std::string::npos);
    }
  }
}

TEST(EdnWrite, OneLineLikeClojure) {
  const char* canonical[] = {
      "{:index 12, :time 1843512345, :type :ok, :process 2, :f :broadcast, :value 5}",
      "[:isolated {\"n1\" #{\"n3\" \"n4\"}, \"n2\" #{}}]",
      "#jepsen.history.Op{:index 1, :value nil, :final? true}",
      "{0 0, 0.5 88, 0.95 306, 0.99 368, 1 368}",
      "(1 2 3)",
      "\"line\\nbreak \\\"quoted\\\" back\\\\slash\"",
      "[\\a \\newline \\space]",
      "#inst \"2024-01-01\"",
      "[##Inf ##-Inf ##NaN]",
      "[0.0 -2.5 1.0E7 1.0E-4 123456.789]",
  };
  for (const char* text : canonical) EXPECT_EQ(to_edn(parse_edn(text)), text);
}

TEST(EdnWrite, FloatsPrintLikeJava) {
  EXPECT_EQ(to_edn(Edn::of_float(937.0f / 204.0f)), "4.5931373");
  EXPECT_EQ(to_edn(Edn::of_float(2.0f / 3.0f)), "0.6666667");
  EXPECT_EQ(to_edn(Edn::of_float(16.0f)), "16.0");
  EXPECT_EQ(to_edn(Edn::of_double(2.0 / 3.0)), "0.6666666666666666");
  EXPECT_EQ(to_edn(Edn::of_double(1.0)), "1.0");
  EXPECT_EQ(to_edn(Edn::of_double(0.001)), "0.001");
  EXPECT_EQ(to_edn(Edn::of_double(0.0001)), "1.0E-4");
  EXPECT_EQ(to_edn(Edn::of_double(-12345678.5)), "-1.23456785E7");
}

TEST(EdnWrite, PrettyBreaksLongCollectionsAndAlignsThem) {
  const Edn value = parse_edn(
      "{:perf {:latency-graph {:valid? true}, :rate-graph {:valid? true}, :valid? true}, "
      ":lost (1 2), :valid? false}");
  EXPECT_EQ(to_edn_pretty(value),
            "{:perf {:latency-graph {:valid? true},\n"
            "        :rate-graph {:valid? true},\n"
            "        :valid? true},\n"
            " :lost (1 2),\n"
            " :valid? false}");
  EXPECT_EQ(to_edn_pretty(parse_edn("[1 2 3]"), 4), "[1\n 2\n 3]");
  EXPECT_EQ(parse_edn(to_edn_pretty(value, 10)), value);
}

TEST(EdnWrite, JsonTurnsKeysIntoStrings) {
  const Edn value = parse_edn(
      "{:stable-latencies {0 0, 0.5 88, 1 368}, :lost (1 2), :s #{:a}, :n nil, "
      ":op #jepsen.history.Op{:f :add}, :text \"tab\\there \\\"q\\\"\", :c \\x, "
      ":x [##NaN 1.5], [1 2] true}");
  EXPECT_EQ(to_json(value),
            "{\"stable-latencies\":{\"0\":0,\"0.5\":88,\"1\":368},\"lost\":[1,2],\"s\":[\"a\"],"
            "\"n\":null,\"op\":{\"f\":\"add\"},\"text\":\"tab\\there \\\"q\\\"\",\"c\":\"x\","
            "\"x\":[null,1.5],\"[1 2]\":true}");
  rapidjson::Document document;
  document.Parse(to_json(value).c_str());
  EXPECT_FALSE(document.HasParseError());
  EXPECT_EQ(to_json(Edn::of_string(std::string("\x01", 1))), "\"\\u0001\"");
}

TEST(EdnValue, EqualityIgnoresPrintPrecisionButNotKindOrOrder) {
  EXPECT_EQ(Edn::of_float(0.5f), Edn::of_double(0.5));
  EXPECT_NE(Edn::of_int(1), Edn::of_double(1.0));
  EXPECT_NE(parse_edn("{:a 1, :b 2}"), parse_edn("{:b 2, :a 1}"));
  EXPECT_NE(Edn::of_keyword("a"), Edn::of_symbol("a"));
  EXPECT_NE(parse_edn("[1 2]"), parse_edn("(1 2)"));
}

// Random EDN trees for the round-trip property: names avoid nil/true/false and digits first.
rc::Gen<std::string> gen_name() {
  return rc::gen::map(
      rc::gen::pair(
          rc::gen::elementOf(std::string("abcxyz")),
          rc::gen::container<std::string>(rc::gen::elementOf(std::string("az09-?!._$*")))),
      [](const std::pair<char, std::string>& parts) { return parts.first + parts.second; });
}

rc::Gen<Edn> gen_scalar() {
  return rc::gen::exec([]() -> Edn {
    switch (*rc::gen::inRange(0, 9)) {
      case 0:
        return Edn::nil_value();
      case 1:
        return Edn::of_bool(*rc::gen::arbitrary<bool>());
      case 2:
        return Edn::of_int(*rc::gen::arbitrary<std::int64_t>());
      case 3: {
        const double value = *rc::gen::arbitrary<double>();
        RC_PRE(std::isfinite(value));
        return Edn::of_double(value);
      }
      case 4:
        return Edn::of_string(*rc::gen::arbitrary<std::string>());
      case 5:
        return Edn::of_keyword(*gen_name());
      case 6: {
        const std::string name = *gen_name();
        RC_PRE(name != "nil" && name != "true" && name != "false");
        return Edn::of_symbol(name);
      }
      case 7:
        return Edn::of_char(*rc::gen::elementOf(
            std::vector<std::string>{"a", "(", "\n", " ", "\t", "\xC3\xA9", "\\", "\""}));
      default:
        return Edn::of_double(*rc::gen::elementOf(std::vector<double>{0.5, 0.95, -0.0, 1e300}));
    }
  });
}

// Nine in fourteen choices are scalars; at depth 0, all are.
rc::Gen<Edn> gen_edn(int depth) {
  return rc::gen::exec([depth]() -> Edn {
    switch (*rc::gen::inRange(0, depth > 0 ? 14 : 9)) {
      case 9:
        return Edn::of_vector(*rc::gen::container<std::vector<Edn>>(gen_edn(depth - 1)));
      case 10:
        return Edn::of_list(*rc::gen::container<std::vector<Edn>>(gen_edn(depth - 1)));
      case 11:
        return Edn::of_set(*rc::gen::container<std::vector<Edn>>(gen_edn(depth - 1)));
      case 12: {
        Edn map = Edn::of_map();
        const auto keys = *rc::gen::container<std::vector<Edn>>(gen_edn(depth - 1));
        for (const Edn& key : keys) map.entries.push_back({key, *gen_edn(depth - 1)});
        return map;
      }
      case 13:
        return Edn::of_tagged(*gen_name(), *gen_edn(depth - 1));
      default:
        return *gen_scalar();
    }
  });
}

RC_GTEST_PROP(EdnProperty, WriteThenParseGivesBackTheValue, ()) {
  const Edn value = *gen_edn(3);
  RC_ASSERT(parse_edn(to_edn(value)) == value);
  RC_ASSERT(parse_edn(to_edn_pretty(value, 20)) == value);
}

RC_GTEST_PROP(EdnProperty, JsonIsAlwaysWellFormed, ()) {
  const Edn value = *gen_edn(3);
  const std::string json = to_json(value);
  rapidjson::Document document;
  document.Parse(json.c_str(), json.size());
  RC_ASSERT(!document.HasParseError());
}

// Issue 9, D4: a chain of `#_` discards used to recurse once per discard.
TEST(EdnParse, LongDiscardChainsAreALoop) {
  std::string text;
  for (int k = 0; k < 50000; ++k) text += "#_0 ";
  EXPECT_EQ(parse_edn(text + "{:a 1}"), parse_edn("{:a 1}"));
  EXPECT_EQ(parse_edn("[1 #_2 #_ #_ 3 4]"), parse_edn("[1]"));
  EXPECT_EQ(parse_edn_all("1 #_2"), std::vector<Edn>{Edn::of_int(1)});
}

// Found by tests/fuzz/edn_fuzz.cpp: a discarded collection inside a map must not change the
// map's count of forms (it did, and an odd map was then read past its end).
TEST(EdnParse, DiscardedCollectionsDoNotCountAsMapForms) {
  EXPECT_EQ(parse_edn("{:a #_[1 2 3] 1}"), parse_edn("{:a 1}"));
  EXPECT_EQ(parse_edn("{:a #_{:x [1]} 1 #_#{2} :b #_(3) 2}"), parse_edn("{:a 1, :b 2}"));
  EXPECT_THROW(parse_edn("{:a 1 #_[x y] :b}"), EdnParseError);
  EXPECT_THROW(parse_edn("{:a #_[x y z w] 1 :b}"), EdnParseError);
}

TEST(EdnParse, NestedDiscardsCountDepth) {
  std::string text;
  for (int k = 0; k < 50000; ++k) text += "#_";
  try {
    parse_edn(text + "1");
    FAIL() << "parsed 50000 nested discards";
  } catch (const EdnParseError& error) {
    EXPECT_EQ(error.reason(), "nesting too deep");
  }
}

}  // namespace
}  // namespace rumor::replay::history
