#include "replay/journal/fressian_text.hpp"

#include <vector>

#include "core/hex.hpp"
#include "replay/history/edn_atoms.hpp"

namespace rumor::replay::journal {
namespace {

std::string hex(unsigned c) { return core::hex_bytes(std::string(1, static_cast<char>(c))); }

}  // namespace

std::uint32_t adler32(std::string_view bytes) {
  std::uint32_t a = 1, b = 0;
  for (unsigned char c : bytes) {
    a = (a + c) % 65521;
    b = (b + a) % 65521;
  }
  return (b << 16) | a;
}

// Fressian writes each UTF-16 unit as 1-3 bytes (CESU-8 style): decode units, then re-encode
// surrogate pairs as proper UTF-8.
std::string decode_fressian_text(const std::string& raw, std::string& error) {
  std::vector<std::uint32_t> units;
  for (std::size_t i = 0; i < raw.size();) {
    const auto b0 = static_cast<unsigned char>(raw[i]);
    auto cont = [&](std::size_t k) -> std::uint32_t {
      if (i + k >= raw.size()) {
        error = "truncated UTF-8 in string";
        return 0;
      }
      return static_cast<unsigned char>(raw[i + k]) & 0x3F;
    };
    const unsigned high_nibble = b0 >> 4;
    if (high_nibble < 8) {
      units.push_back(b0);
      i += 1;
    } else if (high_nibble == 12 || high_nibble == 13) {
      units.push_back(((b0 & 0x1Fu) << 6) | cont(1));
      i += 2;
    } else if (high_nibble == 14) {
      units.push_back(((b0 & 0x0Fu) << 12) | (cont(1) << 6) | cont(2));
      i += 3;
    } else {
      error = "invalid UTF-8 lead byte 0x" + hex(b0) + " in string";
      return "";
    }
  }
  if (!error.empty()) return "";
  std::string out;
  for (std::size_t i = 0; i < units.size(); ++i) {
    const std::uint32_t u = units[i];
    const bool high = u >= 0xD800 && u < 0xDC00;
    if (high && i + 1 < units.size() && units[i + 1] >= 0xDC00 && units[i + 1] < 0xE000) {
      history::append_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (units[i + 1] - 0xDC00));
      ++i;
    } else if (u >= 0xD800 && u < 0xE000) {
      history::append_utf8(out, 0xFFFD);  // lone surrogate
    } else {
      history::append_utf8(out, u);
    }
  }
  return out;
}

}  // namespace rumor::replay::journal
