#include "replay/history/edn_atoms.hpp"

#include <cerrno>
#include <cstdlib>
#include <utility>

namespace rumor::replay::history {

void append_utf8(std::string& out, std::uint32_t code_point) {
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xE0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code_point >> 18));
    out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

std::size_t utf8_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  return 2;
}

std::optional<std::string> edn_named_char(std::string_view name) {
  if (name == "newline") return "\n";
  if (name == "space") return " ";
  if (name == "tab") return "\t";
  if (name == "return") return "\r";
  if (name == "backspace") return "\b";
  if (name == "formfeed") return "\f";
  return std::nullopt;
}

namespace {

// The whole text as a double, or nullopt.
std::optional<double> whole_double(const std::string& text) {
  errno = 0;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || errno == ERANGE) return std::nullopt;
  return value;
}

}  // namespace

std::optional<Edn> parse_edn_number(std::string token, std::string& error) {
  error = "malformed number " + token;
  const char suffix = token.back();
  if (suffix == 'N' || suffix == 'M') token.pop_back();  // BigInt / BigDecimal markers
  if (token.find_first_of(".eE") != std::string::npos || suffix == 'M') {
    const std::optional<double> value = whole_double(token);
    if (!value) return std::nullopt;
    return Edn::of_double(*value);
  }
  const std::size_t slash = token.find('/');
  if (slash != std::string::npos) {
    const std::optional<double> top = whole_double(token.substr(0, slash));
    const std::optional<double> bottom = whole_double(token.substr(slash + 1));
    if (!top || !bottom || *bottom == 0) return std::nullopt;
    return Edn::of_double(*top / *bottom);
  }
  errno = 0;
  char* end = nullptr;
  const long long value = std::strtoll(token.c_str(), &end, 10);
  if (end != token.c_str() + token.size()) return std::nullopt;
  if (errno == ERANGE) {
    error = "integer out of 64-bit range: " + token;
    return std::nullopt;
  }
  return Edn::of_int(value);
}

}  // namespace rumor::replay::history
