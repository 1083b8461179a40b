// decode() on the lines of issue 9's attacks (D1, D6, D7, D8, D10), each generated here: every
// one decodes to a clear error or to a message the core can answer with error 12.
#include <gtest/gtest.h>

#include <string>
#include <variant>

#include "core/codec.hpp"
#include "core/limits.hpp"

namespace rumor::core {
namespace {

std::string envelope(const std::string& body, const std::string& src = "c1") {
  return R"({"src":")" + src + R"(","dest":"n0","body":)" + body + "}";
}

std::string reason_of_error(const std::string& line) {
  auto result = decode(line);
  if (auto* error = std::get_if<DecodeError>(&result)) return error->reason;
  ADD_FAILURE() << "expected a decode error for " << line.substr(0, 200);
  return {};
}

Message message_of(const std::string& line) {
  auto result = decode(line);
  if (auto* message = std::get_if<Message>(&result)) return *message;
  ADD_FAILURE() << "decode error " << std::get<DecodeError>(result).reason << " for " << line;
  return {};
}

TEST(CodecHostileInput, DeeplyNestedLinesAreNotJson) {  // D1
  EXPECT_NE(reason_of_error(std::string(100000, '[')).find("nesting deeper than 64"),
            std::string::npos);
  const std::string deep_field = std::string(100000, '[') + "1" + std::string(100000, ']');
  const std::string line =
      envelope(R"({"type":"broadcast","msg_id":1,"message":)" + deep_field + "}");
  EXPECT_NE(reason_of_error(line).find("not JSON"), std::string::npos);
}

TEST(CodecHostileInput, GarbageAfterANulIsNotJson) {  // D10
  std::string line = envelope(R"({"type":"read","msg_id":1})");
  line += '\0';
  line += "garbage";
  EXPECT_NE(reason_of_error(line).find("not JSON"), std::string::npos);
}

TEST(CodecHostileInput, HugeNumbersAreIllTypedFieldsNotBadJson) {  // D7
  Message broadcast = message_of(envelope(R"({"type":"broadcast","msg_id":5,"message":1e999})"));
  EXPECT_EQ(broadcast.msg_id, 5);
  EXPECT_EQ(broadcast.body, Body(Malformed{"broadcast", "message must be an integer"}));

  Message read = message_of(envelope(R"({"type":"read","msg_id":1e999})"));
  EXPECT_EQ(read.msg_id, std::nullopt);
  EXPECT_EQ(read.body, Body(Malformed{"read", "msg_id must be an integer", true}));
}

TEST(CodecHostileInput, AnIllTypedInReplyToKeepsAValidMsgId) {  // D7
  for (const char* in_reply_to : {R"("x")", "1.5", "[1]", "1e999"}) {
    Message message = message_of(
        envelope(std::string(R"({"type":"read","msg_id":7,"in_reply_to":)") + in_reply_to + "}"));
    EXPECT_EQ(message.msg_id, 7) << in_reply_to;
    EXPECT_EQ(message.body, Body(Malformed{"read", "in_reply_to must be an integer"}));
  }
}

TEST(CodecHostileInput, LoneSurrogatesInIdsAreRefusedPairsEchoExactly) {  // D8
  EXPECT_NE(reason_of_error(envelope(R"({"type":"read","msg_id":1})", R"(c\udc00)"))
                .find("lone surrogate"),
            std::string::npos);
  EXPECT_NE(reason_of_error(
                envelope(R"({"type":"init","msg_id":1,"node_id":"n0","node_ids":["n0","\udc00"]})"))
                .find("lone surrogate"),
            std::string::npos);
  // A valid pair decodes to its UTF-8 bytes and is echoed as exactly those bytes.
  Message message = message_of(envelope(R"({"type":"read","msg_id":1})", R"(c\ud83d\ude00)"));
  EXPECT_EQ(message.src, "c\xF0\x9F\x98\x80");
  EXPECT_NE(encode(message).find("c\xF0\x9F\x98\x80"), std::string::npos);
}

TEST(CodecHostileInput, AnInitNamingTooManyNodesIsRefusedBeforeCopying) {  // D6
  std::string ids;
  for (std::size_t i = 0; i <= node_ids_max; ++i)
    ids += (i == 0 ? "" : ",") + std::string("\"n") + std::to_string(i) + "\"";
  Message init =
      message_of(envelope(R"({"type":"init","msg_id":1,"node_id":"n0","node_ids":[)" + ids + "]}"));
  EXPECT_EQ(init.body, Body(Malformed{"init", node_ids_too_many}));
}

}  // namespace
}  // namespace rumor::core
