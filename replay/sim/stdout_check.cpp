#include "replay/sim/stdout_check.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cmath>
#include <set>

#include "core/bounded_json.hpp"
#include "core/codec.hpp"

namespace rumor::replay::sim {
namespace {

namespace json = core::json;

using Json = rapidjson::Value;

std::string json_text(const Json& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return buffer.GetString();
}

// The keys each reply type may have (Maelstrom's doc/protocol.md: response schemas are closed
// maps). Errors are checked before the schema and may carry anything.
const std::set<std::string>* allowed_reply_keys(const std::string& type) {
  static const std::set<std::string> plain = {"type", "in_reply_to", "msg_id"};
  static const std::set<std::string> read_ok = {"type", "in_reply_to", "msg_id", "messages"};
  if (type == "read_ok") return &read_ok;
  if (type == "broadcast_ok" || type == "init_ok" || type == "topology_ok") return &plain;
  return nullptr;
}

// Why a reply body breaks its schema, in plumatic/schema's words, or "".
std::string reply_schema_problem(const std::string& type, const Json& body) {
  const std::set<std::string>* allowed = allowed_reply_keys(type);
  if (allowed == nullptr) return "";
  std::string problems;
  for (const auto& member : body.GetObject()) {
    const std::string key(member.name.GetString(), member.name.GetStringLength());
    if (allowed->contains(key)) continue;
    problems += (problems.empty() ? ":" : ", :") + key + " disallowed-key";
  }
  if (auto it = body.FindMember("in_reply_to"); it != body.MemberEnd() && !it->value.IsInt64()) {
    problems += (problems.empty() ? ":" : ", :") + std::string("in_reply_to (not (integer? ") +
                json_text(it->value) + "))";
  }
  if (auto it = body.FindMember("messages");
      type == "read_ok" && it != body.MemberEnd() && !it->value.IsArray() && !it->value.IsNull()) {
    problems += (problems.empty() ? ":" : ", :") + std::string("messages (not (sequential? ") +
                json_text(it->value) + "))";
  }
  return problems.empty() ? "" : "{" + problems + "}";
}

OutputViolation violation(std::string why, std::string_view line) {
  return OutputViolation{std::move(why) + ": " + std::string(line)};
}

}  // namespace

std::variant<NodeOutput, OutputViolation> check_node_output(std::string_view line) {
  rapidjson::Document document;
  // Bounded (core/bounded_json.hpp): a node that prints 100,000 '[' is reported, not obeyed.
  if (json::parse_bounded(document, line)) {
    return violation("printed a line to STDOUT which was not well-formed JSON", line);
  }
  const Json& root = document;  // const: clang 14 finds mixed member iterators ambiguous in C++20
  if (!root.IsObject()) return violation("printed a line to STDOUT which is not a map", line);
  for (const auto& member : root.GetObject()) {
    const std::string_view key(member.name.GetString(), member.name.GetStringLength());
    if (key != "src" && key != "dest" && key != "body" && key != "id") {
      return violation("Invalid message: disallowed key " + std::string(key), line);
    }
  }
  const auto src = root.FindMember("src");
  const auto dest = root.FindMember("dest");
  const auto body = root.FindMember("body");
  const auto id = root.FindMember("id");
  if (src == root.MemberEnd() || !src->value.IsString()) {
    return violation("Invalid message: src must be a string", line);
  }
  if (dest == root.MemberEnd() || !dest->value.IsString()) {
    return violation("Invalid message: dest must be a string", line);
  }
  if (body == root.MemberEnd() || !body->value.IsObject()) {
    return violation("Invalid message: body must be a map", line);
  }
  if (id != root.MemberEnd() && !id->value.IsInt64()) {
    return violation("Invalid message: id must be an integer", line);
  }

  NodeOutput output;
  output.raw_body = json_text(body->value);
  auto decoded = core::decode(line);
  const auto type_member = body->value.FindMember("type");
  const std::string type = type_member != body->value.MemberEnd() && type_member->value.IsString()
                               ? type_member->value.GetString()
                               : "";
  if (auto* message = std::get_if<core::Message>(&decoded)) {
    output.message = std::move(*message);
  } else {  // an envelope the codec does not know (no body type): routed and counted all the same
    output.message.src = src->value.GetString();
    output.message.dest = dest->value.GetString();
    output.message.body = core::Unsupported{type};
  }
  if (!output.message.dest.empty() && output.message.dest[0] == 'c') {
    // A reply a client cannot accept. Keep in_reply_to when it names the request (even as 1.0),
    // so the waiting client sees it and records the op as indeterminate.
    const std::string problem = reply_schema_problem(type, body->value);
    if (!problem.empty()) {
      const auto in_reply_to = body->value.FindMember("in_reply_to");
      if (in_reply_to != body->value.MemberEnd() && in_reply_to->value.IsNumber()) {
        const double number = in_reply_to->value.GetDouble();
        if (std::floor(number) == number && std::abs(number) < 9e15) {
          output.message.in_reply_to = static_cast<std::int64_t>(number);
        }
      }
      output.message.body = core::Malformed{type, problem};
    }
  }
  return output;
}

}  // namespace rumor::replay::sim
