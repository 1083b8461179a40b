// The EDN parser of edn.hpp.
#include <cmath>
#include <limits>
#include <optional>
#include <utility>

#include "replay/history/edn.hpp"
#include "replay/history/edn_atoms.hpp"

namespace rumor::replay::history {

EdnParseError::EdnParseError(const std::string& what, std::size_t line, std::size_t column)
    : std::runtime_error(what + " at line " + std::to_string(line) + ", column " +
                         std::to_string(column)),
      reason_(what),
      line_(line),
      column_(column) {}

namespace {

// Deep enough for any real history, shallow enough not to overflow the stack on hostile input.
constexpr int kMaxDepth = 1000;

bool is_whitespace(char c) {
  return c == ' ' || c == ',' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
}

bool is_delimiter(char c) {
  return is_whitespace(c) || c == '(' || c == ')' || c == '[' || c == ']' || c == '{' || c == '}' ||
         c == '"' || c == ';';
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

class Parser {
 public:
  explicit Parser(std::string_view text, std::size_t pos = 0) : text_(text), pos_(pos) {}

  std::size_t position() const { return pos_; }

  // True when, after whitespace, comments and discards, the next character is c (not consumed).
  bool next_is(char c) {
    skip_ignorable(1);
    return pos_ < text_.size() && text_[pos_] == c;
  }

  // One value, checked but not built: collections come back empty, so memory stays flat.
  void skip_value(int depth) {
    const bool building = build_;
    build_ = false;
    parse_value(depth);
    build_ = building;
  }

  // A collection's top-level integer items and item count, its nested items skipped unbuilt.
  EdnIntegerItems integer_items() {
    skip_ignorable(0);
    EdnIntegerItems result;
    const std::string_view rest = text_.substr(pos_);
    char close = 0;
    if (rest.starts_with('[') || rest.starts_with('(')) {
      result.kind = rest[0] == '[' ? Edn::Kind::vector : Edn::Kind::list;
      close = rest[0] == '[' ? ']' : ')';
      pos_ += 1;
    } else if (rest.starts_with("#{")) {
      result.kind = Edn::Kind::set;
      close = '}';
      pos_ += 2;
    } else {
      const std::size_t start = pos_;
      skip_value(0);
      result.kind = Parser(text_, start).parse_value().kind;  // a scalar: cheap to build
      return result;
    }
    for (;;) {
      skip_ignorable(1);
      if (pos_ >= text_.size()) fail(std::string("missing '") + close + "'");
      if (text_[pos_] == close) break;
      result.item_count += 1;
      const char c = text_[pos_];
      if (c == '[' || c == '(' || c == '{' || c == '#') {
        skip_value(1);
        continue;
      }
      const Edn item = parse_value(1);
      if (item.kind == Edn::Kind::integer) result.integers.push_back(item.integer);
    }
    ++pos_;
    return result;
  }

  bool at_end() {
    skip_ignorable(0);
    return pos_ >= text_.size();
  }

  Edn parse_value(int depth = 0) {
    if (depth > kMaxDepth) fail("nesting too deep");
    skip_ignorable(depth);
    if (pos_ >= text_.size()) fail("unexpected end of input");
    const char c = text_[pos_];
    switch (c) {
      case '"':
        return parse_string();
      case '\\':
        return parse_char();
      case ':':
        ++pos_;
        return Edn::of_keyword(read_token("keyword"));
      case '[':
        return Edn::of_vector(parse_items(']', depth));
      case '(':
        return Edn::of_list(parse_items(')', depth));
      case '{':
        return parse_map(depth);
      case '#':
        return parse_dispatch(depth);
      case ')':
      case ']':
      case '}':
        fail(std::string("unexpected '") + c + "'");
      default:
        return parse_atom();
    }
  }

  [[noreturn]] void fail(const std::string& what) const {
    std::size_t line = 1;
    std::size_t column = 1;
    for (std::size_t i = 0; i < pos_ && i < text_.size(); ++i) {
      if (text_[i] == '\n') {
        line += 1;
        column = 1;
      } else if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) {
        column += 1;  // count code points, not UTF-8 continuation bytes
      }
    }
    throw EdnParseError(what, line, column);
  }

 private:
  void skip_whitespace() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (is_whitespace(c)) {
        ++pos_;
      } else if (c == ';') {
        while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
      } else {
        return;
      }
    }
  }

  // Whitespace, comments and `#_` discarded forms. A chain of discards is a loop here, and each
  // discarded form is parsed one level deeper, so hostile chains cannot exhaust the stack.
  void skip_ignorable(int depth) {
    for (;;) {
      skip_whitespace();
      if (text_.substr(pos_, 2) != "#_") return;
      pos_ += 2;
      parse_value(depth + 1);
    }
  }

  // Reads up to the next delimiter; what names the thing being read, for errors.
  std::string read_token(const char* what) {
    const std::size_t start = pos_;
    while (pos_ < text_.size() && !is_delimiter(text_[pos_])) ++pos_;
    if (pos_ == start) fail(std::string("empty ") + what);
    return std::string(text_.substr(start, pos_ - start));
  }

  // The items up to `close`; their count is left in items_read_ (set last: discarded forms in
  // between parse collections of their own).
  std::vector<Edn> parse_items(char close, int depth) {
    ++pos_;  // the opening bracket
    std::vector<Edn> items;
    std::size_t count = 0;
    for (;;) {
      skip_ignorable(depth + 1);
      if (pos_ >= text_.size()) fail(std::string("missing '") + close + "'");
      if (text_[pos_] == close) {
        ++pos_;
        items_read_ = count;
        return items;
      }
      if (build_) {
        items.push_back(parse_value(depth + 1));
      } else {
        parse_value(depth + 1);
      }
      count += 1;
    }
  }

  Edn parse_map(int depth) {
    std::vector<Edn> items = parse_items('}', depth);
    if (items_read_ % 2 != 0) fail("map literal with an odd number of forms");
    std::vector<EdnEntry> entries;
    entries.reserve(items.size() / 2);
    for (std::size_t i = 0; i < items.size(); i += 2) {
      entries.push_back({std::move(items[i]), std::move(items[i + 1])});
    }
    return Edn::of_map(std::move(entries));
  }

  Edn parse_dispatch(int depth) {
    const std::size_t start = pos_;
    ++pos_;
    if (pos_ >= text_.size()) fail("unexpected end of input after '#'");
    const char c = text_[pos_];
    if (c == '{') return Edn::of_set(parse_items('}', depth));
    if (c == '#') {
      ++pos_;
      const std::string name = read_token("symbolic value");
      if (name == "Inf") return Edn::of_double(std::numeric_limits<double>::infinity());
      if (name == "-Inf") return Edn::of_double(-std::numeric_limits<double>::infinity());
      if (name == "NaN") return Edn::of_double(std::numeric_limits<double>::quiet_NaN());
      pos_ = start;
      fail("unknown symbolic value ##" + name);
    }
    if (is_delimiter(c)) fail("tag expected after '#'");
    std::string tag = read_token("tag");
    return Edn::of_tagged(std::move(tag), parse_value(depth + 1));
  }

  std::uint32_t read_hex4() {
    if (pos_ + 4 > text_.size()) fail("truncated \\u escape");
    std::uint32_t code = 0;
    for (int i = 0; i < 4; ++i) {
      const char h = text_[pos_++];
      code <<= 4;
      if (is_digit(h)) {
        code |= static_cast<std::uint32_t>(h - '0');
      } else if (h >= 'a' && h <= 'f') {
        code |= static_cast<std::uint32_t>(h - 'a' + 10);
      } else if (h >= 'A' && h <= 'F') {
        code |= static_cast<std::uint32_t>(h - 'A' + 10);
      } else {
        --pos_;
        fail("bad hex digit in \\u escape");
      }
    }
    return code;
  }

  Edn parse_string() {
    ++pos_;  // opening quote
    std::string out;
    for (;;) {
      if (pos_ >= text_.size()) fail("unterminated string");
      const char c = text_[pos_++];
      if (c == '"') return Edn::of_string(std::move(out));
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= text_.size()) fail("unterminated string");
      const char escaped = text_[pos_++];
      switch (escaped) {
        case '"':
        case '\\':
        case '\'':
          out += escaped;
          break;
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'r':
          out += '\r';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'u':
          append_utf8(out, read_hex4());
          break;
        default:
          --pos_;
          fail(std::string("unsupported escape \\") + escaped + " in string");
      }
    }
  }

  Edn parse_char() {
    ++pos_;  // the backslash
    if (pos_ >= text_.size()) fail("unexpected end of input after '\\'");
    // The first character is taken whatever it is (so "\(" and "\ " work); a name may follow.
    const std::size_t start = pos_;
    ++pos_;
    while (pos_ < text_.size() && (static_cast<unsigned char>(text_[pos_]) & 0xC0) == 0x80) ++pos_;
    while (pos_ < text_.size() && !is_delimiter(text_[pos_])) ++pos_;
    const std::string_view token = text_.substr(start, pos_ - start);
    const std::size_t first_length = utf8_length(static_cast<unsigned char>(token.front()));
    if (token.size() == first_length) return Edn::of_char(std::string(token));
    if (std::optional<std::string> named = edn_named_char(token)) return Edn::of_char(*named);
    if (token.size() == 5 && token[0] == 'u') {
      pos_ = start + 1;
      std::string out;
      append_utf8(out, read_hex4());
      return Edn::of_char(std::move(out));
    }
    pos_ = start;
    fail("unknown character name \\" + std::string(token));
  }

  Edn parse_atom() {
    const std::size_t start = pos_;
    std::string token = read_token("token");
    const bool signed_number = (token[0] == '-' || token[0] == '+') && token.size() > 1;
    if (is_digit(token[0]) || (signed_number && is_digit(token[1]))) {
      return parse_number(token, start);
    }
    if (token == "nil") return Edn::nil_value();
    if (token == "true") return Edn::of_bool(true);
    if (token == "false") return Edn::of_bool(false);
    return Edn::of_symbol(std::move(token));
  }

  Edn parse_number(std::string token, std::size_t start) {
    std::string error;
    std::optional<Edn> number = parse_edn_number(std::move(token), error);
    if (!number) {
      pos_ = start;
      fail(error);
    }
    return std::move(*number);
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  bool build_ = true;           // false while skipping: collections are parsed, not kept
  std::size_t items_read_ = 0;  // items of the collection parse_items just read
};

}  // namespace

Edn parse_edn(std::string_view text) {
  Parser parser(text);
  Edn value = parser.parse_value();
  if (!parser.at_end()) parser.fail("unexpected text after the value");
  return value;
}

Edn parse_edn_value_at(std::string_view text, std::size_t& pos) {
  Parser parser(text, pos);
  Edn value = parser.parse_value(1);
  pos = parser.position();
  return value;
}

void skip_edn_value_at(std::string_view text, std::size_t& pos) {
  Parser parser(text, pos);
  parser.skip_value(1);
  pos = parser.position();
}

bool edn_next_is(std::string_view text, std::size_t& pos, char c) {
  Parser parser(text, pos);
  const bool found = parser.next_is(c);
  pos = parser.position();
  return found;
}

EdnIntegerItems parse_edn_integer_items(std::string_view text) {
  Parser parser(text);
  EdnIntegerItems items = parser.integer_items();
  if (!parser.at_end()) parser.fail("unexpected text after the value");
  return items;
}

[[noreturn]] void fail_edn_at(std::string_view text, std::size_t pos, const std::string& what) {
  Parser(text, pos).fail(what);
}

std::vector<Edn> parse_edn_all(std::string_view text) {
  Parser parser(text);
  std::vector<Edn> values;
  while (!parser.at_end()) values.push_back(parser.parse_value());
  return values;
}

}  // namespace rumor::replay::history
