// Encoding typed messages as JSON lines (Maelstrom's doc/protocol.md): hand-written for the fixed
// shapes, appending straight into the caller's buffer; reply bodies hold only the keys Maelstrom's
// closed schemas allow.
#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <type_traits>

#include "core/codec.hpp"
#include "core/hex.hpp"
#include "core/short_escape.hpp"
#include "core/wire_names.hpp"

namespace rumor::core {
namespace {

using namespace wire;

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
    if (const char* escape = short_escape(static_cast<char>(c))) {
      out += escape;
    } else if (c < 0x20) {
      out += "\\u00";
      append_hex_byte(out, c);
    } else {
      out += static_cast<char>(c);
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

void append_int_array(std::string& out, std::span<const Value> values) {
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

// The fields after "type"; bodies without fields of their own write nothing. Gossip omits keys
// that hold their default, which decoding restores, so pure acks stay short.
struct BodyFieldsWriter {
  std::string& out;

  void operator()(const Gossip& gossip) const {
    if (gossip.offset != 0) {
      append_key(out, gossip_key::offset);
      append_uint(out, gossip.offset);
    }
    if (!gossip.values.empty()) {
      append_key(out, gossip_key::values);
      append_int_array(out, gossip.values);
    }
    if (gossip.ack != 0) {
      append_key(out, gossip_key::ack);
      append_uint(out, gossip.ack);
    }
  }
  void operator()(const Broadcast& broadcast) const {
    append_key(out, "message");
    append_int(out, broadcast.message);
  }
  void operator()(const ReadOk& read_ok) const {
    append_key(out, "messages");
    append_int_array(out, read_ok.messages);
  }
  void operator()(const Error& error) const {
    append_key(out, "code");
    append_int(out, error.code);
    if (!error.text.empty()) {
      append_key(out, "text");
      append_string(out, error.text);
    }
  }
  void operator()(const Init& init) const {
    append_key(out, "node_id");
    append_string(out, init.node_id);
    append_key(out, "node_ids");
    append_string_array(out, init.node_ids);
  }
  void operator()(const Topology& topology) const {
    append_key(out, "topology");
    out += '{';
    bool first = true;
    for (const auto& [node, neighbours] : topology.neighbours) {
      if (!first) out += ',';
      first = false;
      append_string(out, node);
      out += ':';
      append_string_array(out, neighbours);
    }
    out += '}';
  }
  void operator()(const InitOk&) const {}
  void operator()(const TopologyOk&) const {}
  void operator()(const BroadcastOk&) const {}
  void operator()(const Read&) const {}
  void operator()(const Unsupported&) const {}
  void operator()(const Malformed&) const {}
};

void append_body_fields(std::string& out, const Body& body) {
  std::visit(BodyFieldsWriter{out}, body);
}

}  // namespace

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
