// The two-character escapes that JSON string literals (RFC 8259) and Clojure's printed strings
// share: \" \\ \n \r \t \b \f. codec_encode's JSON strings and the EDN writer in replay/ both use
// this one table.
#pragma once

namespace rumor::core {

// The escape for c, or nullptr when c has no short escape.
constexpr const char* short_escape(char c) {
  switch (c) {
    case '"':
      return "\\\"";
    case '\\':
      return "\\\\";
    case '\n':
      return "\\n";
    case '\r':
      return "\\r";
    case '\t':
      return "\\t";
    case '\b':
      return "\\b";
    case '\f':
      return "\\f";
    default:
      return nullptr;
  }
}

}  // namespace rumor::core
