// JSON lines <-> typed messages (Maelstrom's doc/protocol.md). Pure functions beside the core.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "core/message.hpp"

namespace rumor::core {

// A line that is not JSON or not a Maelstrom envelope (object with string src, dest and an
// object body with a string type). Requests that are envelopes but have an unknown type or bad
// fields decode fine, as Unsupported / Malformed bodies, so the core can answer them.
struct DecodeError {
  std::string reason;
};

std::variant<Message, DecodeError> decode(std::string_view line);

// One JSON object, no newline. Writes only src, dest, body (plus "id" first when given, as
// Maelstrom does on delivered lines). Reply bodies hold only the keys Maelstrom's schemas allow.
std::string encode(const Message& message, std::optional<std::int64_t> id = std::nullopt);
void encode_append(const Message& message, std::string& out,
                   std::optional<std::int64_t> id = std::nullopt);

// Appends `text` as a JSON string literal: quotes, escapes, and U+FFFD for bytes that are not
// valid UTF-8 (so the line always parses). For the runner's and the tools' own JSON lines.
void append_json_string(std::string& out, std::string_view text);

}  // namespace rumor::core
