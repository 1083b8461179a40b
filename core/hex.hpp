// Lower-case hexadecimal text: escapes (\xNN, \u00NN), output hashes and raw bytes shown as text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace rumor::core {

inline void append_hex_byte(std::string& out, unsigned char byte) {
  static constexpr char digits[] = "0123456789abcdef";
  out += digits[byte >> 4];
  out += digits[byte & 0xF];
}

inline std::string hex_bytes(std::string_view raw) {
  std::string out;
  out.reserve(raw.size() * 2);
  for (const char c : raw) append_hex_byte(out, static_cast<unsigned char>(c));
  return out;
}

// Sixteen digits, leading zeros kept: seeds and hashes print at a fixed width.
inline std::string hex64(std::uint64_t value) {
  std::string out;
  for (int shift = 56; shift >= 0; shift -= 8) {
    append_hex_byte(out, static_cast<unsigned char>((value >> shift) & 0xFF));
  }
  return out;
}

}  // namespace rumor::core
