// The small value tree a Fressian stream decodes to: just the data model Maelstrom's net journal
// can hold (Clojure scalars, collections, keywords, tagged structs), nothing Java-specific.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace rumor::replay::journal {

struct Value {
  enum class Kind {
    nil,
    boolean,
    integer,
    floating,
    string,
    keyword,
    symbol,
    list,  // lists, vectors and typed arrays alike: Fressian does not tell them apart
    map,
    set,
    tagged,  // a struct whose tag has no built-in meaning, e.g. Maelstrom's "ev" and "msg"
    bytes,
    inst,  // java.util.Date, as milliseconds since the epoch in `integer`
  };

  Kind kind = Kind::nil;
  bool boolean = false;
  std::int64_t integer = 0;
  double floating = 0.0;
  std::string text;          // string contents, keyword/symbol name, struct tag, raw bytes
  std::string namespace_;    // keyword/symbol namespace, empty when none
  std::vector<Value> items;  // list/set elements, struct fields
  std::vector<std::pair<Value, Value>> entries;  // map entries in stream order

  // Special members out of line: defined in the class, clang would need std::pair<Value, Value>
  // complete while Value is not.
  Value();
  ~Value();
  Value(const Value&);
  Value(Value&&) noexcept;
  Value& operator=(const Value&);
  Value& operator=(Value&&) noexcept;

  static Value nil_value();
  static Value of_bool(bool b);
  static Value of_int(std::int64_t i);
  static Value of_double(double d);
  static Value of_string(std::string s);
  static Value of_keyword(std::string name, std::string ns = "");
  static Value of_symbol(std::string name, std::string ns = "");
  static Value of_list(std::vector<Value> elements);
  static Value of_set(std::vector<Value> elements);
  static Value of_map(std::vector<std::pair<Value, Value>> map_entries);
  static Value of_tagged(std::string tag, std::vector<Value> fields);
  static Value of_bytes(std::string raw);
  static Value of_inst(std::int64_t epoch_ms);

  bool is(Kind k) const { return kind == k; }
  // Map lookup by keyword or string key name (Maelstrom bodies use keyword keys); null if absent.
  const Value* get(const std::string& key_name) const;
};

bool operator==(const Value& a, const Value& b);

// Compact JSON: keyword/symbol keys and values become their names, sets and structs become arrays,
// bytes become a base16 string, non-finite doubles null. Map keys that are not strings or
// keywords are rendered as their JSON text so the output stays valid JSON.
std::string to_json(const Value& value);

// EDN-ish text for messages and errors: ":send", "\"n1\"", "{:type \"read\"}".
std::string to_edn(const Value& value);

}  // namespace rumor::replay::journal
