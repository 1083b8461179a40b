// A small EDN value tree, parser and writers: enough for Maelstrom's history.edn and results.edn,
// and the one value tree of replay/: the journal readers (Fressian, JSON lines) decode to it too.
// Maps keep their entries in insertion order (as written), so output looks like Maelstrom's and
// round trips are exact; lookups are linear, which is fine for the small maps involved.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace rumor::replay::history {

struct EdnEntry;

struct Edn {
  enum class Kind {
    nil,
    boolean,
    integer,
    floating,
    string,
    character,
    keyword,
    symbol,
    vector,
    list,
    set,
    map,
    tagged,  // #tag value; records such as #jepsen.history.Op{...} are a tag over a map
  };

  Kind kind = Kind::nil;
  bool boolean = false;
  std::int64_t integer = 0;
  double floating = 0.0;
  // Java prints a float (32-bit) with fewer digits than a double ("3.3333333"); Maelstrom stores
  // msgs-per-op and ok-fraction as floats, so the writers honour this flag. Ignored by ==.
  bool single_precision = false;
  // string: the decoded text; character: the decoded character as UTF-8; keyword and symbol: the
  // name without ':'; tagged: the tag without '#'.
  std::string text;
  std::vector<Edn> items;         // vector, list, set; tagged: exactly one item, the tagged value
  std::vector<EdnEntry> entries;  // map

  static Edn nil_value();
  static Edn of_bool(bool value);
  static Edn of_int(std::int64_t value);
  static Edn of_double(double value);
  static Edn of_float(float value);
  static Edn of_string(std::string value);
  static Edn of_char(std::string utf8);
  static Edn of_keyword(std::string name);
  static Edn of_symbol(std::string name);
  // Empty collections are overloads, not default arguments: a default argument would need
  // EdnEntry complete inside Edn (clang rejects it).
  static Edn of_vector();
  static Edn of_vector(std::vector<Edn> items);
  static Edn of_list();
  static Edn of_list(std::vector<Edn> items);
  static Edn of_set();
  static Edn of_set(std::vector<Edn> items);
  static Edn of_map();
  static Edn of_map(std::vector<EdnEntry> entries);
  static Edn of_tagged(std::string tag, Edn value);

  bool is_nil() const { return kind == Kind::nil; }
  bool is_keyword(std::string_view name) const { return kind == Kind::keyword && text == name; }
  bool is_sequential() const { return kind == Kind::vector || kind == Kind::list; }
  bool is_number() const { return kind == Kind::integer || kind == Kind::floating; }
  double as_number() const;

  // Map (or record) lookup by keyword name; nullptr when absent or when this is not a map.
  const Edn* find(std::string_view keyword) const;
  // Same, matching a string key as well: message bodies decoded from JSON or Fressian.
  const Edn* find_named(std::string_view name) const;
  // Same, for any key (e.g. the integer 0 in a quantile map).
  const Edn* find(const Edn& key) const;
  // Appends a (keyword, value) entry to a map.
  Edn& set(std::string_view keyword, Edn value);

  friend bool operator==(const Edn& a, const Edn& b);
};

struct EdnEntry {
  Edn key;
  Edn value;
  friend bool operator==(const EdnEntry& a, const EdnEntry& b) = default;
};

// A syntax error, with the 1-based line and column where it was found.
class EdnParseError : public std::runtime_error {
 public:
  EdnParseError(const std::string& what, std::size_t line, std::size_t column);
  std::size_t line() const { return line_; }
  std::size_t column() const { return column_; }
  const std::string& reason() const { return reason_; }  // what() without the position

 private:
  std::string reason_;
  std::size_t line_;
  std::size_t column_;
};

// Parses exactly one EDN value (surrounding whitespace and comments allowed).
Edn parse_edn(std::string_view text);
// Parses every top-level value in the text.
std::vector<Edn> parse_edn_all(std::string_view text);

// Streaming access for large inputs (history lines), so that a big value need not become a tree.
// Each reads at `pos` in `text` and moves it; errors count lines and columns from text's start.
Edn parse_edn_value_at(std::string_view text, std::size_t& pos);
// Skips one value, checked (syntax, depth) but not built.
void skip_edn_value_at(std::string_view text, std::size_t& pos);
// Skips whitespace, comments and discarded forms; true when the next character is c.
bool edn_next_is(std::string_view text, std::size_t& pos, char c);
// Throws EdnParseError at pos.
[[noreturn]] void fail_edn_at(std::string_view text, std::size_t pos, const std::string& what);

// One value's top-level integer items, without building its other items: for a vector, list or
// set, its integers in order and its item count; for anything else, only its kind.
struct EdnIntegerItems {
  Edn::Kind kind = Edn::Kind::nil;
  std::vector<std::int64_t> integers;
  std::size_t item_count = 0;
};
EdnIntegerItems parse_edn_integer_items(std::string_view text);

// One line, Clojure's pr style: "{:a 1, :b [1 2]}".
std::string to_edn(const Edn& value);
// Multi-line, in the style of Clojure's pprint: a collection that does not fit in the remaining
// width (72 columns, as pprint's right margin) puts one element per line, aligned after its
// opening bracket.
std::string to_edn_pretty(const Edn& value, std::size_t width = 72);
// JSON: keywords and symbols become strings without ':'; non-string map keys become their EDN
// text ("0.5", "stable-latencies"); sets and lists become arrays; tags are dropped.
std::string to_json(const Edn& value);

}  // namespace rumor::replay::history
