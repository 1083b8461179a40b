// Decoding JSON lines into typed messages with RapidJSON (Maelstrom's doc/protocol.md,
// doc/workloads.md, broadcast), through the bounded parse of core/bounded_json.hpp (depth, trailing
// bytes, lone surrogates, huge numbers). Parses in place into a reused buffer with pooled
// allocators, so a steady stream of small lines costs no heap allocation beyond the strings of the
// resulting Message.
#include <rapidjson/allocators.h>
#include <rapidjson/document.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>

#include "core/bounded_json.hpp"
#include "core/codec.hpp"
#include "core/limits.hpp"
#include "core/wire_names.hpp"

namespace rumor::core {
namespace {

using namespace wire;

using Pool = rapidjson::MemoryPoolAllocator<rapidjson::CrtAllocator>;
using Document = rapidjson::GenericDocument<rapidjson::UTF8<>, Pool, Pool>;
using JsonValue = rapidjson::GenericValue<rapidjson::UTF8<>, Pool>;

// Per-thread parse scratch: the line copy parsed in situ, and fixed first chunks for the DOM
// and the parser stack. Clearing the pools between lines returns them to those chunks, so a
// Document never grows across lines (RapidJSON pools only free on Clear or destruction).
struct ParseScratch {
  static constexpr std::size_t chunk_bytes = 16 * 1024;
  std::string line;
  alignas(std::max_align_t) std::array<char, chunk_bytes> value_chunk{};
  alignas(std::max_align_t) std::array<char, chunk_bytes> stack_chunk{};
  Pool value_pool{value_chunk.data(), value_chunk.size()};
  Pool stack_pool{stack_chunk.data(), stack_chunk.size()};
};

ParseScratch& parse_scratch() {
  thread_local ParseScratch scratch;
  return scratch;
}

// What a body field failed to be; the first failure wins and becomes the Malformed reason.
struct FieldError {
  std::string reason;
};

template <typename T>
using Field = std::variant<T, FieldError>;

std::string_view string_of(const JsonValue& value) {
  return {value.GetString(), value.GetStringLength()};
}

const JsonValue* member(const JsonValue& object, const char* key) {
  auto it = object.FindMember(key);
  return it == object.MemberEnd() ? nullptr : &it->value;
}

FieldError field_error(const char* key, const char* expected) {
  return FieldError{std::string(key) + " must be " + expected};
}

// A JSON integer that fits int64: 3.0, "3", 1e3 and 2^63 are all rejected.
bool is_int64(const JsonValue& value) { return value.IsInt64(); }

Field<std::optional<std::int64_t>> optional_int64(const JsonValue& body, const char* key) {
  const JsonValue* value = member(body, key);
  if (value == nullptr) return std::optional<std::int64_t>{};
  if (!is_int64(*value)) return field_error(key, "an integer");
  return std::optional<std::int64_t>{value->GetInt64()};
}

Field<std::int64_t> required_int64(const JsonValue& body, const char* key) {
  const JsonValue* value = member(body, key);
  if (value == nullptr) return FieldError{std::string("missing ") + key};
  if (!is_int64(*value)) return field_error(key, "an integer");
  return value->GetInt64();
}

Field<std::uint64_t> optional_uint64(const JsonValue& body, const char* key) {
  const JsonValue* value = member(body, key);
  if (value == nullptr) return std::uint64_t{0};
  if (!value->IsUint64()) return field_error(key, "a non-negative integer");
  return value->GetUint64();
}

Field<std::string> required_string(const JsonValue& body, const char* key) {
  const JsonValue* value = member(body, key);
  if (value == nullptr) return FieldError{std::string("missing ") + key};
  if (!value->IsString()) return field_error(key, "a string");
  return std::string(string_of(*value));
}

Field<std::vector<std::string>> string_array(const JsonValue& value, const char* key) {
  if (!value.IsArray()) return field_error(key, "an array of strings");
  std::vector<std::string> strings;
  strings.reserve(value.Size());
  for (const JsonValue& element : value.GetArray()) {
    if (!element.IsString()) return field_error(key, "an array of strings");
    strings.emplace_back(string_of(element));
  }
  return strings;
}

// Into the container the body holds (a read reply's ValueLog, a gossip's InlineValues), so
// decoding allocates no vector only to copy it.
template <typename Values>
Field<Values> int64_array(const JsonValue& value, const char* key) {
  if (!value.IsArray()) return field_error(key, "an array of integers");
  Values values;
  for (const JsonValue& element : value.GetArray()) {
    if (!is_int64(element)) return field_error(key, "an array of integers");
    values.push_back(element.GetInt64());
  }
  return values;
}

Body decode_init(const JsonValue& body) {
  auto node_id = required_string(body, "node_id");
  if (auto* error = std::get_if<FieldError>(&node_id)) return Malformed{"init", error->reason};
  const JsonValue* node_ids_json = member(body, "node_ids");
  if (node_ids_json == nullptr) return Malformed{"init", "missing node_ids"};
  // Refused before copying: a 6 MB line of two million ids must not become two million strings.
  if (node_ids_json->IsArray() && node_ids_json->Size() > node_ids_max) {
    return Malformed{"init", node_ids_too_many};
  }
  auto node_ids = string_array(*node_ids_json, "node_ids");
  if (auto* error = std::get_if<FieldError>(&node_ids)) return Malformed{"init", error->reason};
  return Init{std::get<std::string>(std::move(node_id)),
              std::get<std::vector<std::string>>(std::move(node_ids))};
}

Body decode_topology(const JsonValue& body) {
  const JsonValue* topology = member(body, "topology");
  if (topology == nullptr) return Malformed{"topology", "missing topology"};
  if (!topology->IsObject()) {
    return Malformed{"topology", "topology must be an object of string arrays"};
  }
  Topology decoded;
  for (const auto& entry : topology->GetObject()) {
    auto neighbours = string_array(entry.value, "topology entries");
    if (auto* error = std::get_if<FieldError>(&neighbours)) {
      return Malformed{"topology", error->reason};
    }
    decoded.neighbours[std::string(string_of(entry.name))] =
        std::get<std::vector<std::string>>(std::move(neighbours));
  }
  return decoded;
}

Body decode_broadcast(const JsonValue& body) {
  auto message = required_int64(body, "message");
  if (auto* error = std::get_if<FieldError>(&message)) return Malformed{"broadcast", error->reason};
  return Broadcast{std::get<std::int64_t>(message)};
}

Body decode_read_ok(const JsonValue& body) {
  const JsonValue* messages = member(body, "messages");
  if (messages == nullptr) return Malformed{"read_ok", "missing messages"};
  if (messages->IsNull()) return ReadOk{};  // Maelstrom's schema accepts null as "no values"
  auto values = int64_array<ValueLog>(*messages, "messages");
  if (auto* error = std::get_if<FieldError>(&values)) return Malformed{"read_ok", error->reason};
  return ReadOk{std::get<ValueLog>(std::move(values))};
}

Body decode_error(const JsonValue& body) {
  const JsonValue* code = member(body, "code");
  if (code == nullptr) return Malformed{"error", "missing code"};
  if (!code->IsInt()) return Malformed{"error", "code must be an integer"};
  Error error{code->GetInt(), {}};
  if (const JsonValue* text = member(body, "text")) {
    if (!text->IsString()) return Malformed{"error", "text must be a string"};
    error.text = string_of(*text);
  }
  return error;
}

Body decode_gossip(const JsonValue& body) {
  auto offset = optional_uint64(body, gossip_key::offset);
  if (auto* error = std::get_if<FieldError>(&offset)) return Malformed{"gossip", error->reason};
  auto ack = optional_uint64(body, gossip_key::ack);
  if (auto* error = std::get_if<FieldError>(&ack)) return Malformed{"gossip", error->reason};
  Gossip gossip{std::get<std::uint64_t>(offset), {}, std::get<std::uint64_t>(ack)};
  if (const JsonValue* values_json = member(body, gossip_key::values)) {
    auto values = int64_array<InlineValues>(*values_json, gossip_key::values);
    if (auto* error = std::get_if<FieldError>(&values)) return Malformed{"gossip", error->reason};
    gossip.values = std::get<InlineValues>(std::move(values));
  }
  return gossip;
}

Body decode_body(std::string_view type, const JsonValue& body) {
  if (type == wire_type_broadcast) return decode_broadcast(body);
  if (type == wire_type_gossip || type == wire_type_ack) return decode_gossip(body);
  if (type == wire_type_read) return Read{};
  if (type == wire_type_init) return decode_init(body);
  if (type == wire_type_topology) return decode_topology(body);
  if (type == wire_type_broadcast_ok) return BroadcastOk{};
  if (type == wire_type_read_ok) return decode_read_ok(body);
  if (type == wire_type_init_ok) return InitOk{};
  if (type == wire_type_topology_ok) return TopologyOk{};
  if (type == wire_type_error) return decode_error(body);
  return Unsupported{std::string(type)};
}

}  // namespace

std::variant<Message, DecodeError> decode(std::string_view line) {
  ParseScratch& scratch = parse_scratch();
  scratch.value_pool.Clear();
  scratch.stack_pool.Clear();
  Document document(&scratch.value_pool, ParseScratch::chunk_bytes / 2, &scratch.stack_pool);
  // Lenient numbers: `"message":1e999` is an ill-typed field (error 12), not a line to skip.
  if (auto why =
          json::parse_bounded_in_place(document, line, scratch.line, json::Numbers::lenient)) {
    return DecodeError{"not JSON: " + *why};
  }
  if (!document.IsObject()) return DecodeError{"not a JSON object"};

  const JsonValue* src = member(document, "src");
  if (src == nullptr || !src->IsString()) return DecodeError{"missing or non-string src"};
  const JsonValue* dest = member(document, "dest");
  if (dest == nullptr || !dest->IsString()) return DecodeError{"missing or non-string dest"};
  const JsonValue* body = member(document, "body");
  if (body == nullptr || !body->IsObject()) return DecodeError{"missing or non-object body"};
  const JsonValue* type = member(*body, "type");
  if (type == nullptr || !type->IsString()) return DecodeError{"missing or non-string body.type"};

  Message message{std::string(string_of(*src)), std::string(string_of(*dest)), {}, {}, Read{}};
  const std::string_view type_text = string_of(*type);
  auto msg_id = optional_int64(*body, "msg_id");
  auto in_reply_to = optional_int64(*body, "in_reply_to");
  if (auto* error = std::get_if<FieldError>(&msg_id)) {
    message.body = Malformed{std::string(type_text), error->reason, true};
    return message;
  }
  // A usable msg_id is kept whatever else is wrong, so the error 12 can name its request.
  message.msg_id = std::get<std::optional<std::int64_t>>(msg_id);
  if (auto* error = std::get_if<FieldError>(&in_reply_to)) {
    message.body = Malformed{std::string(type_text), error->reason};
  } else {
    message.in_reply_to = std::get<std::optional<std::int64_t>>(in_reply_to);
    message.body = decode_body(type_text, *body);
  }
  return message;
}

}  // namespace rumor::core
