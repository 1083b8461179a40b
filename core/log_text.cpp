#include "core/log_text.hpp"

#include <algorithm>

#include "core/hex.hpp"

namespace rumor::core {
namespace {

bool is_control(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte < 0x20 || byte == 0x7F;
}

}  // namespace

bool is_log_safe(std::string_view text) {
  return std::none_of(text.begin(), text.end(), is_control);
}

void append_log_text(std::string& out, std::string_view text) {
  for (const char c : text) {
    if (!is_control(c)) {
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else {
      const auto byte = static_cast<unsigned char>(c);
      out += "\\x";
      append_hex_byte(out, byte);
    }
  }
}

std::string log_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_log_text(out, text);
  return out;
}

}  // namespace rumor::core
