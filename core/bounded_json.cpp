#include "core/bounded_json.hpp"

#include <cmath>
#include <cstdlib>

namespace rumor::core::json::detail {
namespace {

bool is_number_char(char c) {
  return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

}  // namespace

std::string clamp_huge_numbers(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool in_string = false;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (in_string) {
      const std::size_t length = c == '\\' && i + 1 < text.size() ? 2 : 1;  // skips \"
      out.append(text.substr(i, length));
      in_string = c != '"';
      i += length;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      std::size_t end = i + 1;
      while (end < text.size() && is_number_char(text[end])) ++end;
      const std::string token(text.substr(i, end - i));
      if (std::isinf(std::strtod(token.c_str(), nullptr))) {
        out += c == '-' ? "-1e308" : "1e308";
      } else {
        out += token;
      }
      i = end;
    } else {
      in_string = c == '"';
      out += c;
      ++i;
    }
  }
  return out;
}

}  // namespace rumor::core::json::detail
