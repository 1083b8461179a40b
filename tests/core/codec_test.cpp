// The codec against the wire rules of Maelstrom's doc/protocol.md and its errors, doc/workloads.md,
// broadcast: every message type both ways, every way a line can be rejected, closed reply schemas,
// and encode∘decode as the identity.
#include "core/codec.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>
#include <rapidjson/document.h>

#include <cstdint>
#include <limits>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace rumor::core {
namespace {

// Joins pieces by appending (g++ 12 warns falsely on `"literal" + std::string` temporaries).
template <typename... Parts>
std::string concat(const Parts&... parts) {
  std::string joined;
  (joined.append(std::string_view(parts)), ...);
  return joined;
}

Message decoded(std::string_view line) {
  auto result = decode(line);
  if (auto* error = std::get_if<DecodeError>(&result)) {
    ADD_FAILURE() << "decode error " << error->reason << " for " << line;
    return {};
  }
  return std::get<Message>(std::move(result));
}

std::string decode_error_reason(std::string_view line) {
  auto result = decode(line);
  if (auto* error = std::get_if<DecodeError>(&result)) return error->reason;
  ADD_FAILURE() << "expected a decode error for " << line;
  return {};
}

std::string envelope(std::string_view body) {
  return concat(R"({"id":7,"src":"c1","dest":"n0","body":)", body, "}");
}

Malformed malformed_body(std::string_view body) {
  Message message = decoded(envelope(body));
  if (auto* malformed = std::get_if<Malformed>(&message.body)) return *malformed;
  ADD_FAILURE() << "expected Malformed for " << body << ", got " << type_name(message.body);
  return {};
}

std::set<std::string> keys_of(const rapidjson::Value& object) {
  std::set<std::string> keys;
  for (const auto& entry : object.GetObject()) keys.insert(entry.name.GetString());
  return keys;
}

// Parses an encoded line with a plain RapidJSON document, independently of decode().
rapidjson::Document parsed(const std::string& line) {
  rapidjson::Document document;
  document.Parse(line.c_str());
  EXPECT_FALSE(document.HasParseError()) << line;
  EXPECT_TRUE(document.IsObject()) << line;
  return document;
}

Message reply(Body body, std::optional<std::int64_t> msg_id = std::nullopt) {
  return Message{"n0", "c3", msg_id, 5, std::move(body)};
}

// --- decoding every type --------------------------------------------------------------------

TEST(CodecDecode, InitAsMaelstromDeliversIt) {
  Message message = decoded(
      R"({"id":0,"src":"c0","dest":"n0","body":{"type":"init","node_id":"n0","node_ids":["n0","n1","n2"],"msg_id":1}})");
  EXPECT_EQ(message.src, "c0");
  EXPECT_EQ(message.dest, "n0");
  EXPECT_EQ(message.msg_id, 1);
  EXPECT_EQ(message.in_reply_to, std::nullopt);
  EXPECT_EQ(message.body, Body(Init{"n0", {"n0", "n1", "n2"}}));
}

TEST(CodecDecode, Topology) {
  Message message = decoded(envelope(
      R"({"type":"topology","topology":{"n0":["n1"],"n1":["n0","n2"],"n2":[]},"msg_id":1})"));
  Topology expected;
  expected.neighbours = {{"n0", {"n1"}}, {"n1", {"n0", "n2"}}, {"n2", {}}};
  EXPECT_EQ(message.body, Body(expected));
  EXPECT_EQ(message.msg_id, 1);
}

TEST(CodecDecode, EmptyTopologyOfASingleNodeLine) {
  EXPECT_EQ(decoded(envelope(R"({"type":"topology","topology":{},"msg_id":1})")).body,
            Body(Topology{}));
}

TEST(CodecDecode, BroadcastAndRead) {
  EXPECT_EQ(decoded(envelope(R"({"type":"broadcast","message":17,"msg_id":4})")).body,
            Body(Broadcast{17}));
  Message read = decoded(envelope(R"({"type":"read","msg_id":5})"));
  EXPECT_EQ(read.body, Body(Read{}));
  EXPECT_EQ(read.msg_id, 5);
}

TEST(CodecDecode, BroadcastAtTheEdgesOfInt64) {
  EXPECT_EQ(decoded(envelope(R"({"type":"broadcast","message":9223372036854775807})")).body,
            Body(Broadcast{std::numeric_limits<std::int64_t>::max()}));
  EXPECT_EQ(decoded(envelope(R"({"type":"broadcast","message":-9223372036854775808})")).body,
            Body(Broadcast{std::numeric_limits<std::int64_t>::min()}));
}

TEST(CodecDecode, Replies) {
  Message init_ok = decoded(envelope(R"({"type":"init_ok","in_reply_to":1})"));
  EXPECT_EQ(init_ok.body, Body(InitOk{}));
  EXPECT_EQ(init_ok.in_reply_to, 1);
  EXPECT_EQ(decoded(envelope(R"({"type":"topology_ok","in_reply_to":1})")).body,
            Body(TopologyOk{}));
  EXPECT_EQ(decoded(envelope(R"({"type":"broadcast_ok","in_reply_to":2,"msg_id":9})")).body,
            Body(BroadcastOk{}));
  EXPECT_EQ(decoded(envelope(R"({"type":"read_ok","messages":[0,3,17],"in_reply_to":5})")).body,
            Body(ReadOk{{0, 3, 17}}));
  EXPECT_EQ(decoded(envelope(R"({"type":"read_ok","messages":null,"in_reply_to":5})")).body,
            Body(ReadOk{}));
  EXPECT_EQ(
      decoded(envelope(R"({"type":"error","in_reply_to":5,"code":11,"text":"not ready"})")).body,
      Body(Error{11, "not ready"}));
  EXPECT_EQ(decoded(envelope(R"({"type":"error","in_reply_to":5,"code":13})")).body,
            Body(Error{13, ""}));
}

TEST(CodecDecode, GossipWithEveryKey) {
  Message message =
      decoded(R"({"src":"n1","dest":"n0","body":{"type":"gossip","o":4,"v":[5,-6],"a":9}})");
  EXPECT_EQ(message.body, Body(Gossip{4, {5, -6}, 9}));
  EXPECT_EQ(message.msg_id, std::nullopt);
}

TEST(CodecDecode, AckIsAGossipWithoutValues) {
  EXPECT_EQ(decoded(R"({"src":"n1","dest":"n0","body":{"type":"ack","a":12}})").body,
            Body(Gossip{0, {}, 12}));
  EXPECT_EQ(type_name(Gossip{0, {}, 12}), "ack");
  EXPECT_EQ(type_name(Gossip{0, {1}, 12}), "gossip");
}

TEST(CodecDecode, GossipKeysDefaultToZeroAndEmpty) {
  EXPECT_EQ(decoded(R"({"src":"n1","dest":"n0","body":{"type":"gossip"}})").body,
            Body(Gossip{0, {}, 0}));
  EXPECT_EQ(decoded(R"({"src":"n1","dest":"n0","body":{"type":"gossip","a":3}})").body,
            Body(Gossip{0, {}, 3}));
}

TEST(CodecDecode, TopLevelIdIsIgnoredWhateverItHolds) {
  const std::string body = R"({"type":"broadcast","message":1,"msg_id":2})";
  const Message expected = decoded(concat(R"({"src":"c1","dest":"n0","body":)", body, "}"));
  EXPECT_EQ(decoded(concat(R"({"id":123,"src":"c1","dest":"n0","body":)", body, "}")), expected);
  EXPECT_EQ(decoded(concat(R"({"src":"c1","dest":"n0","body":)", body, R"(,"id":"x"})")), expected);
}

TEST(CodecDecode, KeyOrderAndExtraBodyKeysDoNotMatter) {
  EXPECT_EQ(decoded(R"({"body":{"msg_id":2,"extra":{"a":[1]},"message":3,"type":"broadcast"},)"
                    R"("dest":"n0","src":"c1"})"),
            (Message{"c1", "n0", 2, std::nullopt, Broadcast{3}}));
}

TEST(CodecDecode, WhitespaceAroundTheObjectIsFine) {
  EXPECT_EQ(
      decoded(" \t{ \"src\" : \"c1\", \"dest\":\"n0\", \"body\":{\"type\":\"read\"} }\r\n").body,
      Body(Read{}));
}

TEST(CodecDecode, UnknownTypeIsUnsupportedAndKeepsItsMsgId) {
  Message message = decoded(envelope(R"({"type":"cas","key":1,"msg_id":8})"));
  EXPECT_EQ(message.body, Body(Unsupported{"cas"}));
  EXPECT_EQ(message.msg_id, 8);
}

TEST(CodecDecode, TypeNamesAreCaseSensitive) {
  EXPECT_EQ(decoded(envelope(R"({"type":"Broadcast","message":1})")).body,
            Body(Unsupported{"Broadcast"}));
}

TEST(CodecDecode, DecodingTheSameBufferTwiceGivesIndependentMessages) {
  // The codec reuses its parse buffers; earlier results must not alias them.
  Message first = decoded(envelope(R"({"type":"init","node_id":"n0","node_ids":["n0","n1"]})"));
  Message second = decoded(envelope(R"({"type":"init","node_id":"zz","node_ids":["zz"]})"));
  EXPECT_EQ(first.body, Body(Init{"n0", {"n0", "n1"}}));
  EXPECT_EQ(second.body, Body(Init{"zz", {"zz"}}));
}

TEST(CodecDecode, LongLinesBeyondTheScratchChunkDecode) {
  std::string values;
  std::vector<Value> expected;
  for (int i = 0; i < 20000; ++i) {
    if (i > 0) values += ',';
    values += std::to_string(i * 1000);
    expected.push_back(i * 1000);
  }
  Message message = decoded(envelope(concat(R"({"type":"read_ok","messages":[)", values, "]}")));
  EXPECT_EQ(message.body, Body(ReadOk{expected}));
}

// --- lines that are not Maelstrom envelopes -------------------------------------------------

TEST(CodecDecodeError, NotJson) {
  EXPECT_NE(decode_error_reason("hello").find("not JSON"), std::string::npos);
  EXPECT_NE(decode_error_reason("").find("not JSON"), std::string::npos);
  EXPECT_NE(decode_error_reason(R"({"src":"c1")").find("not JSON"), std::string::npos);
  EXPECT_NE(
      decode_error_reason(R"({"src":"c1","dest":"n0","body":{"type":"read"}} x)").find("not JSON"),
      std::string::npos);
  EXPECT_NE(decode_error_reason(R"({"src":"c1","dest":"n0","body":{"type":"read","v":NaN}})")
                .find("not JSON"),
            std::string::npos);
}

TEST(CodecDecodeError, InvalidUtf8IsRejected) {
  EXPECT_NE(decode_error_reason("{\"src\":\"c\xff\",\"dest\":\"n0\",\"body\":{\"type\":\"read\"}}")
                .find("not JSON"),
            std::string::npos);
}

TEST(CodecDecodeError, NotAnObject) {
  EXPECT_EQ(decode_error_reason("[1,2]"), "not a JSON object");
  EXPECT_EQ(decode_error_reason("\"read\""), "not a JSON object");
  EXPECT_EQ(decode_error_reason("42"), "not a JSON object");
  EXPECT_EQ(decode_error_reason("null"), "not a JSON object");
}

TEST(CodecDecodeError, EnvelopeFieldsMissingOrIllTyped) {
  EXPECT_EQ(decode_error_reason(R"({"dest":"n0","body":{"type":"read"}})"),
            "missing or non-string src");
  EXPECT_EQ(decode_error_reason(R"({"src":1,"dest":"n0","body":{"type":"read"}})"),
            "missing or non-string src");
  EXPECT_EQ(decode_error_reason(R"({"src":"c1","body":{"type":"read"}})"),
            "missing or non-string dest");
  EXPECT_EQ(decode_error_reason(R"({"src":"c1","dest":null,"body":{"type":"read"}})"),
            "missing or non-string dest");
  EXPECT_EQ(decode_error_reason(R"({"src":"c1","dest":"n0"})"), "missing or non-object body");
  EXPECT_EQ(decode_error_reason(R"({"src":"c1","dest":"n0","body":[]})"),
            "missing or non-object body");
  EXPECT_EQ(decode_error_reason(R"({"src":"c1","dest":"n0","body":{}})"),
            "missing or non-string body.type");
  EXPECT_EQ(decode_error_reason(R"({"src":"c1","dest":"n0","body":{"type":5}})"),
            "missing or non-string body.type");
}

// --- known types with bad fields ------------------------------------------------------------

TEST(CodecMalformed, BroadcastMessageMustBeAnInt64) {
  for (const char* message :
       {"3.0", "\"3\"", "1.5", "1e3", "9223372036854775808", "-9223372036854775809",
        "18446744073709551616", "null", "[3]", "true"}) {
    Malformed malformed =
        malformed_body(concat(R"({"type":"broadcast","msg_id":1,"message":)", message, "}"));
    EXPECT_EQ(malformed.type, "broadcast") << message;
    EXPECT_EQ(malformed.reason, "message must be an integer") << message;
  }
  EXPECT_EQ(malformed_body(R"({"type":"broadcast","msg_id":1})").reason, "missing message");
}

TEST(CodecMalformed, MsgIdAndInReplyToMustBeIntegers) {
  // An ill-typed msg_id is flagged, so the request is answered (without in_reply_to).
  EXPECT_EQ(malformed_body(R"({"type":"read","msg_id":1.0})"),
            (Malformed{"read", "msg_id must be an integer", true}));
  EXPECT_EQ(malformed_body(R"({"type":"read","msg_id":"1"})"),
            (Malformed{"read", "msg_id must be an integer", true}));
  EXPECT_EQ(malformed_body(R"({"type":"broadcast_ok","in_reply_to":1.0})"),
            (Malformed{"broadcast_ok", "in_reply_to must be an integer"}));
  EXPECT_EQ(malformed_body(R"({"type":"cas","msg_id":null})"),
            (Malformed{"cas", "msg_id must be an integer", true}));
}

TEST(CodecMalformed, Init) {
  EXPECT_EQ(malformed_body(R"({"type":"init","node_ids":["n0"],"msg_id":1})").reason,
            "missing node_id");
  EXPECT_EQ(malformed_body(R"({"type":"init","node_id":0,"node_ids":["n0"],"msg_id":1})").reason,
            "node_id must be a string");
  EXPECT_EQ(malformed_body(R"({"type":"init","node_id":"n0","msg_id":1})").reason,
            "missing node_ids");
  EXPECT_EQ(malformed_body(R"({"type":"init","node_id":"n0","node_ids":"n0","msg_id":1})").reason,
            "node_ids must be an array of strings");
  EXPECT_EQ(
      malformed_body(R"({"type":"init","node_id":"n0","node_ids":["n0",1],"msg_id":1})").reason,
      "node_ids must be an array of strings");
}

TEST(CodecMalformed, Topology) {
  EXPECT_EQ(malformed_body(R"({"type":"topology","msg_id":1})").reason, "missing topology");
  EXPECT_EQ(malformed_body(R"({"type":"topology","topology":[],"msg_id":1})").type, "topology");
  EXPECT_EQ(malformed_body(R"({"type":"topology","topology":{"n0":"n1"},"msg_id":1})").type,
            "topology");
  EXPECT_EQ(malformed_body(R"({"type":"topology","topology":{"n0":["n1",2]},"msg_id":1})").type,
            "topology");
}

TEST(CodecMalformed, Gossip) {
  EXPECT_EQ(malformed_body(R"({"type":"gossip","o":-1})").reason,
            "o must be a non-negative integer");
  EXPECT_EQ(malformed_body(R"({"type":"gossip","a":1.5})").reason,
            "a must be a non-negative integer");
  EXPECT_EQ(malformed_body(R"({"type":"gossip","v":[1,"2"]})").reason,
            "v must be an array of integers");
  EXPECT_EQ(malformed_body(R"({"type":"gossip","v":3})").reason, "v must be an array of integers");
}

TEST(CodecMalformed, RepliesWithBadFields) {
  EXPECT_EQ(malformed_body(R"({"type":"read_ok","in_reply_to":1})").reason, "missing messages");
  EXPECT_EQ(malformed_body(R"({"type":"read_ok","messages":[1.0],"in_reply_to":1})").reason,
            "messages must be an array of integers");
  EXPECT_EQ(malformed_body(R"({"type":"error","in_reply_to":1})").reason, "missing code");
  EXPECT_EQ(malformed_body(R"({"type":"error","code":"11","in_reply_to":1})").reason,
            "code must be an integer");
  EXPECT_EQ(malformed_body(R"({"type":"error","code":11,"text":3,"in_reply_to":1})").reason,
            "text must be a string");
}

// --- encoding -------------------------------------------------------------------------------

TEST(CodecEncode, RepliesHaveExactlyTheSchemaKeys) {
  EXPECT_EQ(encode(reply(InitOk{})),
            R"({"src":"n0","dest":"c3","body":{"type":"init_ok","in_reply_to":5}})");
  EXPECT_EQ(encode(reply(TopologyOk{})),
            R"({"src":"n0","dest":"c3","body":{"type":"topology_ok","in_reply_to":5}})");
  EXPECT_EQ(
      encode(reply(BroadcastOk{}, 2)),
      R"({"src":"n0","dest":"c3","body":{"type":"broadcast_ok","msg_id":2,"in_reply_to":5}})");
  EXPECT_EQ(
      encode(reply(ReadOk{{0, 3, 17}})),
      R"({"src":"n0","dest":"c3","body":{"type":"read_ok","messages":[0,3,17],"in_reply_to":5}})");
  EXPECT_EQ(encode(reply(ReadOk{})),
            R"({"src":"n0","dest":"c3","body":{"type":"read_ok","messages":[],"in_reply_to":5}})");
  EXPECT_EQ(
      encode(reply(Error{10, "not supported: cas"})),
      R"({"src":"n0","dest":"c3","body":{"type":"error","code":10,"text":"not supported: cas","in_reply_to":5}})");
}

TEST(CodecEncode, ReplyKeySetsAreClosed) {
  const std::set<std::string> envelope_keys{"src", "dest", "body"};
  struct Case {
    Body body;
    std::set<std::string> body_keys;
  };
  const std::vector<Case> cases{
      {InitOk{}, {"type", "in_reply_to", "msg_id"}},
      {TopologyOk{}, {"type", "in_reply_to", "msg_id"}},
      {BroadcastOk{}, {"type", "in_reply_to", "msg_id"}},
      {ReadOk{{1, 2}}, {"type", "in_reply_to", "msg_id", "messages"}},
      {Error{12, "bad"}, {"type", "in_reply_to", "msg_id", "code", "text"}},
  };
  for (const Case& c : cases) {
    rapidjson::Document document = parsed(encode(reply(c.body, 77)));
    ASSERT_TRUE(document.IsObject() && document.HasMember("body"));
    EXPECT_EQ(keys_of(document), envelope_keys);
    EXPECT_EQ(keys_of(document["body"]), c.body_keys) << type_name(c.body);
    ASSERT_TRUE(document["body"]["in_reply_to"].IsInt64());
    EXPECT_EQ(document["body"]["in_reply_to"].GetInt64(), 5);
    EXPECT_EQ(std::string(document["body"]["type"].GetString()), type_name(c.body));
  }
}

TEST(CodecEncode, IdComesFirstOnlyWhenGiven) {
  const Message message{"c1", "n0", 3, std::nullopt, Broadcast{9}};
  EXPECT_EQ(
      encode(message, 42),
      R"({"id":42,"src":"c1","dest":"n0","body":{"type":"broadcast","message":9,"msg_id":3}})");
  EXPECT_EQ(encode(message),
            R"({"src":"c1","dest":"n0","body":{"type":"broadcast","message":9,"msg_id":3}})");
}

TEST(CodecEncode, Requests) {
  EXPECT_EQ(
      encode(Message{"c0", "n0", 1, std::nullopt, Init{"n0", {"n0", "n1"}}}),
      R"({"src":"c0","dest":"n0","body":{"type":"init","node_id":"n0","node_ids":["n0","n1"],"msg_id":1}})");
  Topology topology;
  topology.neighbours = {{"n0", {"n1"}}, {"n1", {}}};
  EXPECT_EQ(
      encode(Message{"c2", "n0", 1, std::nullopt, topology}),
      R"({"src":"c2","dest":"n0","body":{"type":"topology","topology":{"n0":["n1"],"n1":[]},"msg_id":1}})");
  EXPECT_EQ(encode(Message{"c4", "n0", 6, std::nullopt, Read{}}),
            R"({"src":"c4","dest":"n0","body":{"type":"read","msg_id":6}})");
}

TEST(CodecEncode, GossipOmitsDefaultKeys) {
  EXPECT_EQ(encode(Message{"n0", "n1", {}, {}, Gossip{4, {1, 2}, 7}}),
            R"({"src":"n0","dest":"n1","body":{"type":"gossip","o":4,"v":[1,2],"a":7}})");
  EXPECT_EQ(encode(Message{"n0", "n1", {}, {}, Gossip{0, {}, 7}}),
            R"({"src":"n0","dest":"n1","body":{"type":"ack","a":7}})");
  EXPECT_EQ(encode(Message{"n0", "n1", {}, {}, Gossip{}}),
            R"({"src":"n0","dest":"n1","body":{"type":"ack"}})");
}

TEST(CodecEncode, AppendAddsToTheBuffer) {
  std::string out = "x";
  encode_append(reply(InitOk{}), out);
  encode_append(reply(TopologyOk{}), out);
  EXPECT_EQ(out, concat("x", encode(reply(InitOk{})), encode(reply(TopologyOk{}))));
}

TEST(CodecEncode, StringsAreEscapedIntoValidJson) {
  const std::string text = std::string("a\"b\\c\nd\te\x01 \xC3\xA9 \xE2\x82\xAC ") + '\0';
  const std::string line = encode(reply(Error{13, text}));
  rapidjson::Document document = parsed(line);
  ASSERT_TRUE(document.IsObject() && document.HasMember("body"));
  EXPECT_EQ(
      std::string(document["body"]["text"].GetString(), document["body"]["text"].GetStringLength()),
      text);
  EXPECT_EQ(decoded(line).body, Body(Error{13, text}));
}

TEST(CodecEncode, InvalidUtf8InTextBecomesReplacementCharacters) {
  const std::string line = encode(reply(Error{13, "x\xff\xC3y\xED\xA0\x80"}));
  EXPECT_EQ(decoded(line).body,
            Body(Error{13, "x\xEF\xBF\xBD\xEF\xBF\xBDy\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"}));
}

TEST(CodecEncode, ExtremeIntegersAreIntegers) {
  const Value low = std::numeric_limits<Value>::min();
  const Value high = std::numeric_limits<Value>::max();
  const Message message{"n0", "c1", low, high, ReadOk{{low, high, 0, -1}}};
  const std::string line = encode(message);
  EXPECT_NE(line.find("[-9223372036854775808,9223372036854775807,0,-1]"), std::string::npos);
  EXPECT_EQ(decoded(line), message);
}

// --- properties -----------------------------------------------------------------------------

// Strings made of pieces that exercise escaping and multi-byte UTF-8 but stay valid UTF-8.
rc::Gen<std::string> wire_string() {
  static const std::vector<std::string> pieces{"n",
                                               "c",
                                               "0",
                                               "17",
                                               "\"",
                                               "\\",
                                               "\n",
                                               "\t",
                                               std::string(1, '\x1f'),
                                               std::string(1, '\0'),
                                               "\xC3\xA9",
                                               "\xE2\x82\xAC",
                                               "\xF0\x9F\x98\x80",
                                               " "};
  return rc::gen::map(rc::gen::container<std::vector<std::string>>(rc::gen::elementOf(pieces)),
                      [](const std::vector<std::string>& parts) {
                        std::string joined;
                        for (const auto& part : parts) joined += part;
                        return joined;
                      });
}

rc::Gen<std::vector<std::string>> wire_strings() {
  return rc::gen::container<std::vector<std::string>>(wire_string());
}

rc::Gen<Body> any_body() {
  using rc::gen::construct;
  using rc::gen::just;
  return rc::gen::oneOf(
      rc::gen::map(rc::gen::tuple(wire_string(), wire_strings()),
                   [](auto pair) {
                     return Body(Init{std::get<0>(pair), std::get<1>(pair)});
                   }),
      rc::gen::map(rc::gen::container<std::map<std::string, std::vector<std::string>>>(
                       wire_string(), wire_strings()),
                   [](auto map) { return Body(Topology{std::move(map)}); }),
      rc::gen::map(rc::gen::arbitrary<Value>(), [](Value v) { return Body(Broadcast{v}); }),
      rc::gen::map(rc::gen::arbitrary<std::vector<Value>>(),
                   [](auto values) { return Body(ReadOk{std::move(values)}); }),
      rc::gen::map(rc::gen::tuple(rc::gen::arbitrary<int>(), wire_string()),
                   [](auto pair) {
                     return Body(Error{std::get<0>(pair), std::get<1>(pair)});
                   }),
      rc::gen::map(rc::gen::tuple(rc::gen::arbitrary<std::uint64_t>(),
                                  rc::gen::arbitrary<std::vector<Value>>(),
                                  rc::gen::arbitrary<std::uint64_t>()),
                   [](auto t) {
                     return Body(Gossip{std::get<0>(t), std::get<1>(t), std::get<2>(t)});
                   }),
      rc::gen::map(wire_string(), [](std::string s) { return Body(Unsupported{concat("x-", s)}); }),
      just(Body(InitOk{})), just(Body(TopologyOk{})), just(Body(BroadcastOk{})),
      just(Body(Read{})));
}

rc::Gen<Message> any_message() {
  return rc::gen::map(
      rc::gen::tuple(wire_string(), wire_string(),
                     rc::gen::maybe(rc::gen::arbitrary<std::int64_t>()),
                     rc::gen::maybe(rc::gen::arbitrary<std::int64_t>()), any_body()),
      [](auto t) {
        auto to_optional = [](const rc::Maybe<std::int64_t>& maybe) {
          return maybe ? std::optional<std::int64_t>(*maybe) : std::nullopt;
        };
        return Message{std::get<0>(t), std::get<1>(t), to_optional(std::get<2>(t)),
                       to_optional(std::get<3>(t)), std::get<4>(t)};
      });
}

RC_GTEST_PROP(CodecProperty, DecodeOfEncodeIsTheIdentity, ()) {
  const Message message = *any_message();
  const auto id = *rc::gen::maybe(rc::gen::arbitrary<std::int64_t>());
  const std::string line = id ? encode(message, *id) : encode(message);
  auto result = decode(line);
  RC_ASSERT(std::holds_alternative<Message>(result));
  RC_ASSERT(std::get<Message>(result) == message);
  RC_ASSERT(line.find('\n') == std::string::npos);
}

RC_GTEST_PROP(CodecProperty, DecodeNeverThrowsOnArbitraryBytes, (const std::string& line)) {
  (void)decode(line);
  RC_SUCCEED("decoded without throwing");
}

RC_GTEST_PROP(CodecProperty, ArbitraryTextAlwaysEncodesToDecodableJson, (const std::string& text)) {
  const std::string line = encode(reply(Error{13, text}));
  auto result = decode(line);
  RC_ASSERT(std::holds_alternative<Message>(result));
  RC_ASSERT(line.find('\n') == std::string::npos);
}

}  // namespace
}  // namespace rumor::core
