// JSON lines <-> typed messages with RapidJSON (spec §1, §2, §5).
//
// Decoding parses in situ into a reused buffer with pooled allocators, so a steady stream of
// small lines costs no heap allocation beyond the strings of the resulting Message. Encoding is
// hand-written for the fixed shapes: it appends straight into the caller's buffer.
#include "core/codec.hpp"

#include <rapidjson/allocators.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <array>
#include <charconv>
#include <cstddef>
#include <cstring>
#include <limits>
#include <type_traits>
#include <utility>

namespace rumor::core {
namespace {

// Body keys of the node-to-node gossip message (our own wire format, not Maelstrom's). Short,
// because gossip is most of the traffic.
namespace gossip_key {
constexpr const char* offset = "o";
constexpr const char* values = "v";
constexpr const char* ack = "a";
}  // namespace gossip_key

// The Maelstrom body "type" of each known body. Unsupported and Malformed carry their own.
constexpr std::string_view wire_type_init = "init";
constexpr std::string_view wire_type_init_ok = "init_ok";
constexpr std::string_view wire_type_topology = "topology";
constexpr std::string_view wire_type_topology_ok = "topology_ok";
constexpr std::string_view wire_type_broadcast = "broadcast";
constexpr std::string_view wire_type_broadcast_ok = "broadcast_ok";
constexpr std::string_view wire_type_read = "read";
constexpr std::string_view wire_type_read_ok = "read_ok";
constexpr std::string_view wire_type_error = "error";
constexpr std::string_view wire_type_gossip = "gossip";
// A gossip without values is a pure acknowledgement; its own type name lets Maelstrom's message
// statistics and the simulator's by-type breakdown show how much traffic acks cost.
constexpr std::string_view wire_type_ack = "ack";

// ---------------------------------------------------------------------------------------------
// Decoding

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

Field<std::vector<Value>> int64_array(const JsonValue& value, const char* key) {
  if (!value.IsArray()) return field_error(key, "an array of integers");
  std::vector<Value> values;
  values.reserve(value.Size());
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
  auto values = int64_array(*messages, "messages");
  if (auto* error = std::get_if<FieldError>(&values)) return Malformed{"read_ok", error->reason};
  return ReadOk{std::get<std::vector<Value>>(std::move(values))};
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
    auto values = int64_array(*values_json, gossip_key::values);
    if (auto* error = std::get_if<FieldError>(&values)) return Malformed{"gossip", error->reason};
    gossip.values = std::get<std::vector<Value>>(std::move(values));
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

std::string parse_error_reason(const Document& document) {
  return std::string("not JSON: ") + rapidjson::GetParseError_En(document.GetParseError()) +
         " at offset " + std::to_string(document.GetErrorOffset());
}

// ---------------------------------------------------------------------------------------------
// Encoding

void append_int(std::string& out, std::int64_t number) {
  std::array<char, 24> digits{};
  auto result = std::to_chars(digits.data(), digits.data() + digits.size(), number);
  out.append(digits.data(), result.ptr);
}

void append_uint(std::string& out, std::uint64_t number) {
  std::array<char, 24> digits{};
  auto result = std::to_chars(digits.data(), digits.data() + digits.size(), number);
  out.append(digits.data(), result.ptr);
}

// Length of the well-formed UTF-8 sequence starting at text[i], or 0 if it is not one.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const auto continuation = [&](std::size_t k) {
    return k < text.size() && (byte(k) & 0xC0) == 0x80;
  };
  const unsigned char lead = byte(i);
  if (lead >= 0xC2 && lead <= 0xDF) return continuation(i + 1) ? 2 : 0;
  if (lead >= 0xE0 && lead <= 0xEF) {
    if (!continuation(i + 1) || !continuation(i + 2)) return 0;
    if (lead == 0xE0 && byte(i + 1) < 0xA0) return 0;   // overlong
    if (lead == 0xED && byte(i + 1) >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    if (!continuation(i + 1) || !continuation(i + 2) || !continuation(i + 3)) return 0;
    if (lead == 0xF0 && byte(i + 1) < 0x90) return 0;   // overlong
    if (lead == 0xF4 && byte(i + 1) >= 0x90) return 0;  // beyond U+10FFFF
    return 4;
  }
  return 0;
}

// Slow path of append_string: escapes control characters, quotes and backslashes, and replaces
// bytes that are not valid UTF-8 with U+FFFD so Maelstrom's JSON parser always accepts the line.
void append_escaped(std::string& out, std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      const std::size_t length = utf8_sequence_length(text, i);
      if (length == 0) {
        out += "\\ufffd";
        ++i;
      } else {
        out.append(text.substr(i, length));
        i += length;
      }
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 0xF];
        } else {
          out += static_cast<char>(c);
        }
    }
    ++i;
  }
}

bool needs_escaping(std::string_view text) {
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') return true;
  }
  return false;
}

void append_string(std::string& out, std::string_view text) {
  out += '"';
  if (needs_escaping(text)) {
    append_escaped(out, text);
  } else {
    out.append(text);
  }
  out += '"';
}

void append_string_array(std::string& out, const std::vector<std::string>& strings) {
  out += '[';
  for (std::size_t i = 0; i < strings.size(); ++i) {
    if (i > 0) out += ',';
    append_string(out, strings[i]);
  }
  out += ']';
}

// Large arrays (read_ok, gossip batches) dominate output bytes, so digits are written straight
// into room made once for the worst case, instead of one append per number.
// Decimal digits two at a time from a table: the hub writes ~40 numbers per input line, and
// std::to_chars was a quarter of its profile.
constexpr std::array<char, 200> two_digit_table = [] {
  std::array<char, 200> table{};
  for (int i = 0; i < 100; ++i) {
    table[static_cast<std::size_t>(2 * i)] = static_cast<char>('0' + i / 10);
    table[static_cast<std::size_t>(2 * i + 1)] = static_cast<char>('0' + i % 10);
  }
  return table;
}();

// Writes `value` at `cursor` (which has room for 21 characters) and returns the end.
char* write_decimal(char* cursor, Value value) {
  std::uint64_t magnitude = static_cast<std::uint64_t>(value);
  if (value < 0) {
    *cursor++ = '-';
    magnitude = ~magnitude + 1;  // two's complement negation, defined for INT64_MIN too
  }
  // Digits are formed right-aligned in a scratch buffer, then moved with one fixed-size copy
  // (the scratch is twice as long, so the copy never reads past it; `cursor` has room for 20).
  char scratch[40];
  char* const end = scratch + 20;
  char* begin = end;
  while (magnitude >= 100) {
    const auto pair = static_cast<std::size_t>(magnitude % 100) * 2;
    magnitude /= 100;
    *--begin = two_digit_table[pair + 1];
    *--begin = two_digit_table[pair];
  }
  if (magnitude >= 10) {
    const auto pair = static_cast<std::size_t>(magnitude) * 2;
    *--begin = two_digit_table[pair + 1];
    *--begin = two_digit_table[pair];
  } else {
    *--begin = static_cast<char>('0' + magnitude);
  }
  std::memcpy(cursor, begin, 20);
  return cursor + (end - begin);
}

void append_int_array(std::string& out, const std::vector<Value>& values) {
  constexpr std::size_t bytes_per_value_max = 21;  // "-9223372036854775808" and a comma
  const std::size_t start = out.size();
  out.resize(start + 2 + values.size() * bytes_per_value_max);
  char* cursor = out.data() + start;
  *cursor++ = '[';
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) *cursor++ = ',';
    cursor = write_decimal(cursor, values[i]);
  }
  *cursor++ = ']';
  out.resize(static_cast<std::size_t>(cursor - out.data()));
}

// Appends `,"key":` (every body field follows "type", so it always needs the comma).
void append_key(std::string& out, std::string_view key) {
  out += ",\"";
  out.append(key);
  out += "\":";
}

std::string_view wire_type(const Body& body) {
  struct Visitor {
    std::string_view operator()(const Init&) const { return wire_type_init; }
    std::string_view operator()(const InitOk&) const { return wire_type_init_ok; }
    std::string_view operator()(const Topology&) const { return wire_type_topology; }
    std::string_view operator()(const TopologyOk&) const { return wire_type_topology_ok; }
    std::string_view operator()(const Broadcast&) const { return wire_type_broadcast; }
    std::string_view operator()(const BroadcastOk&) const { return wire_type_broadcast_ok; }
    std::string_view operator()(const Read&) const { return wire_type_read; }
    std::string_view operator()(const ReadOk&) const { return wire_type_read_ok; }
    std::string_view operator()(const Error&) const { return wire_type_error; }
    std::string_view operator()(const Gossip& b) const {
      return b.values.empty() ? wire_type_ack : wire_type_gossip;
    }
    std::string_view operator()(const Unsupported& b) const { return b.type; }
    std::string_view operator()(const Malformed& b) const { return b.type; }
  };
  return std::visit(Visitor{}, body);
}

// The fields after "type"; bodies without fields of their own write nothing. Gossip omits keys
// that hold their default, which decoding restores, so pure acks stay short.
void append_body_fields(std::string& out, const Body& body) {
  if (const auto* gossip = std::get_if<Gossip>(&body)) {
    if (gossip->offset != 0) {
      append_key(out, gossip_key::offset);
      append_uint(out, gossip->offset);
    }
    if (!gossip->values.empty()) {
      append_key(out, gossip_key::values);
      append_int_array(out, gossip->values);
    }
    if (gossip->ack != 0) {
      append_key(out, gossip_key::ack);
      append_uint(out, gossip->ack);
    }
  } else if (const auto* broadcast = std::get_if<Broadcast>(&body)) {
    append_key(out, "message");
    append_int(out, broadcast->message);
  } else if (const auto* read_ok = std::get_if<ReadOk>(&body)) {
    append_key(out, "messages");
    append_int_array(out, read_ok->messages);
  } else if (const auto* error = std::get_if<Error>(&body)) {
    append_key(out, "code");
    append_int(out, error->code);
    if (!error->text.empty()) {
      append_key(out, "text");
      append_string(out, error->text);
    }
  } else if (const auto* init = std::get_if<Init>(&body)) {
    append_key(out, "node_id");
    append_string(out, init->node_id);
    append_key(out, "node_ids");
    append_string_array(out, init->node_ids);
  } else if (const auto* topology = std::get_if<Topology>(&body)) {
    append_key(out, "topology");
    out += '{';
    bool first = true;
    for (const auto& [node, neighbours] : topology->neighbours) {
      if (!first) out += ',';
      first = false;
      append_string(out, node);
      out += ':';
      append_string_array(out, neighbours);
    }
    out += '}';
  }
}

}  // namespace

std::variant<Message, DecodeError> decode(std::string_view line) {
  ParseScratch& scratch = parse_scratch();
  scratch.value_pool.Clear();
  scratch.stack_pool.Clear();
  scratch.line.assign(line);  // ParseInsitu rewrites strings in place and needs a terminator

  Document document(&scratch.value_pool, ParseScratch::chunk_bytes / 2, &scratch.stack_pool);
  constexpr unsigned flags = rapidjson::kParseInsituFlag | rapidjson::kParseValidateEncodingFlag;
  document.ParseInsitu<flags>(scratch.line.data());
  if (document.HasParseError()) return DecodeError{parse_error_reason(document)};
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
    message.body = Malformed{std::string(type_text), error->reason};
  } else if (auto* error = std::get_if<FieldError>(&in_reply_to)) {
    message.body = Malformed{std::string(type_text), error->reason};
  } else {
    message.msg_id = std::get<std::optional<std::int64_t>>(msg_id);
    message.in_reply_to = std::get<std::optional<std::int64_t>>(in_reply_to);
    message.body = decode_body(type_text, *body);
  }
  return message;
}

void encode_append(const Message& message, std::string& out, std::optional<std::int64_t> id) {
  out += '{';
  if (id) {
    out += "\"id\":";
    append_int(out, *id);
    out += ',';
  }
  out += "\"src\":";
  append_string(out, message.src);
  out += ",\"dest\":";
  append_string(out, message.dest);
  out += ",\"body\":{\"type\":";
  append_string(out, wire_type(message.body));
  append_body_fields(out, message.body);
  if (message.msg_id) {
    append_key(out, "msg_id");
    append_int(out, *message.msg_id);
  }
  if (message.in_reply_to) {
    append_key(out, "in_reply_to");
    append_int(out, *message.in_reply_to);
  }
  out += "}}";
}

std::string encode(const Message& message, std::optional<std::int64_t> id) {
  std::string out;
  encode_append(message, out, id);
  return out;
}

void append_json_string(std::string& out, std::string_view text) { append_string(out, text); }

}  // namespace rumor::core
