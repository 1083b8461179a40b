// The atoms of EDN text that need more than a lookup: numbers (with Clojure's N/M suffixes and
// ratios), character names and UTF-8 encoding of \u escapes. The Fressian reader encodes its
// UTF-16 units with the same append_utf8.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "replay/history/edn.hpp"

namespace rumor::replay::history {

// Appends a Unicode code point as UTF-8.
void append_utf8(std::string& out, std::uint32_t code_point);

// The byte length of the UTF-8 sequence that starts with lead (1 for a stray continuation byte).
std::size_t utf8_length(unsigned char lead);

// The character a name after '\' stands for ("newline" is "\n"); nullopt for an unknown name.
std::optional<std::string> edn_named_char(std::string_view name);

// A number token: an integer, a double (with '.', 'e' or an M suffix) or a ratio such as 1/3
// (Clojure prints those; EDN proper has none) as a double. On failure, nullopt and `error` says
// why.
std::optional<Edn> parse_edn_number(std::string token, std::string& error);

}  // namespace rumor::replay::history
