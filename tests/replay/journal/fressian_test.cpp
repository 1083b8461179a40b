// The Fressian decoder on hand-built byte strings: each construct the journals use, plus the
// ones a Fressian writer may emit around them (chunks, footers, cache resets).
#include "replay/journal/fressian.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <limits>
#include <string>

#include "tests/replay/journal/fressian_writer.hpp"

namespace rumor::replay::journal {
namespace {

using testing::FressianWriter;

std::string bytes(std::initializer_list<int> codes) {
  std::string out;
  for (int c : codes) out += static_cast<char>(c);
  return out;
}

Edn decode_one(const std::string& data) {
  const std::vector<Edn> values = decode_fressian(data, "test");
  EXPECT_EQ(values.size(), 1u);
  return values.empty() ? Edn{} : values.front();
}

std::int64_t decode_int(const std::string& data) {
  const Edn v = decode_one(data);
  EXPECT_TRUE(v.kind == Edn::Kind::integer) << to_edn(v);
  return v.integer;
}

TEST(FressianInts, EveryPackedSize) {
  EXPECT_EQ(decode_int(bytes({0x00})), 0);
  EXPECT_EQ(decode_int(bytes({0x3F})), 63);
  EXPECT_EQ(decode_int(bytes({0xFF})), -1);
  EXPECT_EQ(decode_int(bytes({0x50, 0x40})), 64);            // 2 bytes
  EXPECT_EQ(decode_int(bytes({0x4F, 0xFE})), -2);            // 2 bytes, negative
  EXPECT_EQ(decode_int(bytes({0x68, 0x12, 0x34})), 0x1234);  // 3 bytes
  EXPECT_EQ(decode_int(bytes({0x67, 0x00, 0x00})), -65536);
  EXPECT_EQ(decode_int(bytes({0x72, 0x01, 0x02, 0x03})), 0x010203);                     // 4 bytes
  EXPECT_EQ(decode_int(bytes({0x76, 0x80, 0x00, 0x00, 0x00})), 0x80000000LL);           // 5 bytes
  EXPECT_EQ(decode_int(bytes({0x7B, 0x0B, 0x26, 0x86, 0x17, 0x59})), 0x10B26861759LL);  // 6
  // 7 bytes: a real System.nanoTime from a Maelstrom journal.
  EXPECT_EQ(decode_int(bytes({0x7E, 0x4F, 0xD0, 0xEB, 0x8B, 0xA6, 0xF3})), 87758723589875LL);
  EXPECT_EQ(decode_int(bytes({0xF8, 0x80, 0, 0, 0, 0, 0, 0, 0})),
            std::numeric_limits<std::int64_t>::min());  // full 8 bytes
}

RC_GTEST_PROP(FressianInts, RoundTripThroughSmallestEncoding, (std::int64_t i)) {
  FressianWriter w;
  w.integer(i);
  const std::vector<Edn> values = decode_fressian(w.bytes(), "prop");
  RC_ASSERT(values.size() == 1u);
  RC_ASSERT(values[0].integer == i);
}

RC_GTEST_PROP(FressianInts, RoundTripNearPackedBoundaries, (unsigned shift, bool negative)) {
  const std::int64_t base = std::int64_t{1} << (shift % 63);
  for (std::int64_t delta : {-1, 0, 1}) {
    const std::int64_t i = negative ? -base + delta : base + delta;
    FressianWriter w;
    w.integer(i);
    RC_ASSERT(decode_fressian(w.bytes(), "prop").at(0).integer == i);
  }
}

TEST(FressianStrings, PackedSizedChunkedAndUtf8) {
  EXPECT_EQ(decode_one(bytes({0xDC, 'n', '0'})).text, "n0");
  EXPECT_EQ(decode_one(bytes({0xDA})).text, "");
  EXPECT_EQ(decode_one(bytes({0xE3, 0x08, 'n', 'o', 'd', 'e', '_', 'i', 'd', 's'})).text,
            "node_ids");
  // Chunks: "ab" as a chunk, then the last piece "cd" packed.
  EXPECT_EQ(decode_one(bytes({0xE2, 0x02, 'a', 'b', 0xDC, 'c', 'd'})).text, "abcd");
  // U+00E9 as 2 bytes; U+1F600 as a surrogate pair written 3 bytes per unit (CESU-8 style).
  EXPECT_EQ(decode_one(bytes({0xDC, 0xC3, 0xA9})).text, "\xC3\xA9");
  EXPECT_EQ(decode_one(bytes({0xE0, 0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80})).text, "\xF0\x9F\x98\x80");
}

TEST(FressianScalars, NilBoolDoubleBytesInst) {
  EXPECT_TRUE(decode_one(bytes({0xF7})).kind == Edn::Kind::nil);
  EXPECT_TRUE(decode_one(bytes({0xF5})).boolean);
  EXPECT_FALSE(decode_one(bytes({0xF6})).boolean);
  EXPECT_EQ(decode_one(bytes({0xFB})).floating, 0.0);
  EXPECT_EQ(decode_one(bytes({0xFC})).floating, 1.0);
  EXPECT_EQ(decode_one(bytes({0xFA, 0x40, 0x09, 0x21, 0xFB, 0x54, 0x44, 0x2D, 0x18})).floating,
            3.141592653589793);
  EXPECT_EQ(decode_one(bytes({0xF9, 0x3F, 0xC0, 0x00, 0x00})).floating, 1.5);
  EXPECT_EQ(to_edn(decode_one(bytes({0xD2, 0x01, 0xAB}))), "#bytes \"01ab\"");
  const Edn inst = decode_one(bytes({0xC8, 0x50, 0x64}));
  EXPECT_EQ(inst, Edn::of_tagged("inst", Edn::of_int(100)));
  EXPECT_EQ(to_edn(inst), "#inst 100");
  // Bigints are two's-complement bytes, sign-extended when shorter than 8.
  EXPECT_EQ(decode_int(bytes({0xC6, 0xD2, 0x01, 0x00})), 256);
  EXPECT_EQ(decode_int(bytes({0xC6, 0xD2, 0xFF, 0x00})), -256);
  EXPECT_EQ(decode_int(bytes({0xC6, 0xD9, 0x08, 0x80, 0, 0, 0, 0, 0, 0, 0})),
            std::numeric_limits<std::int64_t>::min());
  EXPECT_THROW(decode_fressian(bytes({0xC6, 0xD9, 0x09, 1, 2, 3, 4, 5, 6, 7, 8, 9}), "t"),
               FressianError);
}

TEST(FressianCollections, ListsMapsSetsKeywordsSymbols) {
  const Edn list = decode_one(bytes({0xE6, 0x01, 0xDA + 1, 'x'}));
  ASSERT_TRUE(list.kind == Edn::Kind::vector);
  ASSERT_EQ(list.items.size(), 2u);
  EXPECT_EQ(list.items[1].text, "x");
  EXPECT_EQ(decode_one(bytes({0xEC, 0x09, 0, 1, 2, 3, 4, 5, 6, 7, 8})).items.size(), 9u);
  EXPECT_EQ(decode_one(bytes({0xED, 0x01, 0x02, 0xFD})).items.size(), 2u);
  EXPECT_EQ(decode_one(bytes({0xEE, 0x01, 0x02})).items.size(), 2u);  // open list to EOF

  const Edn key = decode_one(bytes({0xCA, 0xF7, 0xDE, 't', 'y', 'p', 'e'}));
  EXPECT_TRUE(key.kind == Edn::Kind::keyword);
  EXPECT_EQ(to_edn(key), ":type");
  EXPECT_EQ(to_edn(decode_one(bytes({0xC9, 0xDB, 'a', 0xDB, 'b'}))), "a/b");

  const Edn map = decode_one(bytes({0xC0, 0xE6, 0xCA, 0xF7, 0xDB, 'k', 0x05}));
  ASSERT_TRUE(map.kind == Edn::Kind::map);
  ASSERT_NE(map.find_named("k"), nullptr);
  EXPECT_EQ(map.find_named("k")->integer, 5);
  EXPECT_EQ(to_json(map), R"({"k":5})");

  const Edn set = decode_one(bytes({0xC1, 0xE5, 0x07}));
  EXPECT_EQ(to_edn(set), "#{7}");
}

TEST(FressianCaches, PutReservesItsSlotBeforeNestedPuts) {
  // cd(:send) nests cd("send"): the keyword is slot 0, its name slot 1; then get 0 and get 1.
  const std::vector<Edn> values = decode_fressian(
      bytes({0xCD, 0xCA, 0xF7, 0xCD, 0xDE, 's', 'e', 'n', 'd', 0x80, 0x81, 0xCC, 0x01}), "test");
  ASSERT_EQ(values.size(), 4u);
  EXPECT_EQ(to_edn(values[0]), ":send");
  EXPECT_EQ(to_edn(values[1]), ":send");
  EXPECT_EQ(to_edn(values[2]), "\"send\"");
  EXPECT_EQ(to_edn(values[3]), "\"send\"");
}

TEST(FressianCaches, StructTypeThenPackedStructCache) {
  FressianWriter w;
  w.struct_header("ev", 2).integer(1).keyword("send");
  w.struct_header("ev", 2).integer(2).keyword("send");
  const std::vector<Edn> values = decode_fressian(w.bytes(), "test");
  ASSERT_EQ(values.size(), 2u);
  EXPECT_EQ(to_edn(values[0]), "#ev [1 :send]");
  EXPECT_EQ(to_edn(values[1]), "#ev [2 :send]");
  // STRUCT with an explicit index refers to the same cache.
  EXPECT_EQ(to_edn(decode_fressian(w.bytes() + bytes({0xF0, 0x00, 0x03, 0x04}), "t").back()),
            "#ev [3 4]");
}

TEST(FressianCaches, ResetCachesForgetsEverything) {
  EXPECT_THROW(decode_fressian(bytes({0xCD, 0x05, 0xFE, 0x80}), "test"), FressianError);
  EXPECT_EQ(decode_fressian(bytes({0xCD, 0x05, 0x80}), "test").back().integer, 5);
}

TEST(FressianFooter, ValidFooterEndsASegmentAndResetsCaches) {
  // One value (0x05): length 1, Adler-32 of {0x05} = 0x00060006.
  const std::string footer =
      bytes({0x05, 0xCF, 0xCF, 0xCF, 0xCF, 0, 0, 0, 1, 0x00, 0x06, 0x00, 0x06});
  const std::vector<Edn> values = decode_fressian(footer, "test");
  ASSERT_EQ(values.size(), 1u);
  EXPECT_EQ(values[0].integer, 5);
  // A second segment after the footer is read with fresh caches.
  EXPECT_EQ(decode_fressian(footer + bytes({0x06}), "test").size(), 2u);
}

TEST(FressianFooter, BadLengthOrChecksumIsAnError) {
  EXPECT_THROW(decode_fressian(bytes({0x05, 0xCF, 0xCF, 0xCF, 0xCF, 0, 0, 0, 2, 0, 6, 0, 6}), "t"),
               FressianError);
  EXPECT_THROW(decode_fressian(bytes({0x05, 0xCF, 0xCF, 0xCF, 0xCF, 0, 0, 0, 1, 0, 6, 0, 7}), "t"),
               FressianError);
}

TEST(FressianErrors, NameTheSourceAndOffset) {
  try {
    decode_fressian(bytes({0x01, 0xE5, 0xC3}), "journal/7.fressian");  // 0xC3 (uuid) unsupported
    FAIL() << "expected a FressianError";
  } catch (const FressianError& error) {
    EXPECT_EQ(error.offset(), 2u);
    EXPECT_NE(std::string(error.what()).find("journal/7.fressian: offset 2"), std::string::npos);
    EXPECT_NE(std::string(error.what()).find("0xc3"), std::string::npos);
  }
  EXPECT_THROW(decode_fressian(bytes({0xE3, 0x05, 'a'}), "t"), FressianError);  // truncated
  EXPECT_THROW(decode_fressian(bytes({0x84}), "t"), FressianError);        // undefined cache slot
  EXPECT_THROW(decode_fressian(bytes({0xA3}), "t"), FressianError);        // undefined struct
  EXPECT_THROW(decode_fressian(bytes({0xED, 0x01}), "t"), FressianError);  // unclosed list
  EXPECT_THROW(read_fressian_file("/nonexistent/0.fressian"), std::runtime_error);
}

TEST(FressianErrors, DeepNestingIsRefusedNotACrash) {
  EXPECT_THROW(decode_fressian(std::string(100000, static_cast<char>(0xE5)), "t"), FressianError);
}

// Issue 9, D3: a run of RESET_CACHES inside a value used to recurse once per byte.
TEST(FressianErrors, LongRunOfResetCachesInsideAValueIsALoop) {
  const std::string data = bytes({0xE5}) + std::string(100000, static_cast<char>(0xFE)) + '\0';
  EXPECT_EQ(decode_one(data), Edn::of_vector({Edn::of_int(0)}));
}

// Found by tests/fuzz/fressian_fuzz.cpp: a RESET_CACHES inside a cached value emptied the cache
// and the put then wrote its slot past the vector's end.
TEST(FressianCaches, ResetInsideAPutLeavesTheSlotUndefined) {
  EXPECT_EQ(decode_one(bytes({0xCD, 0xE5, 0xFE, 0x01})), Edn::of_vector({Edn::of_int(1)}));
  EXPECT_THROW(decode_fressian(bytes({0xCD, 0xE5, 0xFE, 0x01, 0x80}), "t"), FressianError);
  // A put inside the reset value takes slot 0 afresh and stays defined.
  const std::vector<Edn> values =
      decode_fressian(bytes({0xCD, 0xE6, 0xFE, 0xCD, 0x05, 0x06, 0x80}), "t");
  ASSERT_EQ(values.size(), 2u);
  EXPECT_EQ(values[1], Edn::of_int(5));
}

// Issue 9, D2: each level puts a list of 7 references to the previous level's cached list, so
// ~9 bytes a level stand for 7^levels nodes; decoding must stop at the size budget, not copy.
TEST(FressianErrors, NestedPriorityCacheReferencesStopAtTheDecodedSizeBudget) {
  FressianWriter w;
  w.raw({0xCD, 0xEB, 0, 1, 2, 3, 4, 5, 6});  // slot 0: a list of 7 ints
  const int levels = 30;
  for (int slot = 1; slot < levels; ++slot) {
    w.raw({0xCD, 0xEB});
    for (int k = 0; k < 7; ++k) w.raw({0x80 + slot - 1});
  }
  ASSERT_LT(w.bytes().size(), 320u);
  try {
    decode_fressian(w.bytes(), "t");
    FAIL() << "decoded a 7^30-node value";
  } catch (const FressianError& error) {
    EXPECT_NE(std::string(error.what()).find("decoded size"), std::string::npos) << error.what();
  }
}

// The same references may nest deeper than the depth limit: the cached value's height counts.
TEST(FressianErrors, DepthThroughTheCacheCountsTheCachedValuesHeight) {
  FressianWriter w;
  w.raw({0xCD});
  for (int k = 0; k < 900; ++k) w.raw({0xE5});
  w.raw({0x00});
  std::string shallow = w.bytes();
  for (int k = 0; k < 50; ++k) shallow += static_cast<char>(0xE5);
  shallow += static_cast<char>(0x80);
  EXPECT_EQ(decode_fressian(shallow, "t").size(), 2u);  // 50 + 901 levels: within the limit
  std::string deep = w.bytes();
  for (int k = 0; k < 500; ++k) deep += static_cast<char>(0xE5);
  deep += static_cast<char>(0x80);
  EXPECT_THROW(decode_fressian(deep, "t"), FressianError);
}

}  // namespace
}  // namespace rumor::replay::journal
