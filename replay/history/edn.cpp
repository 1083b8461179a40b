// EDN values: construction, lookup, equality. The parser is in edn_parse.cpp, the writers in
// edn_write.cpp.
#include "replay/history/edn.hpp"

#include <cmath>
#include <utility>

namespace rumor::replay::history {

Edn Edn::nil_value() { return Edn{}; }

Edn Edn::of_bool(bool value) {
  Edn edn;
  edn.kind = Kind::boolean;
  edn.boolean = value;
  return edn;
}

Edn Edn::of_int(std::int64_t value) {
  Edn edn;
  edn.kind = Kind::integer;
  edn.integer = value;
  return edn;
}

Edn Edn::of_double(double value) {
  Edn edn;
  edn.kind = Kind::floating;
  edn.floating = value;
  return edn;
}

Edn Edn::of_float(float value) {
  Edn edn = of_double(value);
  edn.single_precision = true;
  return edn;
}

namespace {

Edn of_text(Edn::Kind kind, std::string text) {
  Edn edn;
  edn.kind = kind;
  edn.text = std::move(text);
  return edn;
}

Edn of_items(Edn::Kind kind, std::vector<Edn> items) {
  Edn edn;
  edn.kind = kind;
  edn.items = std::move(items);
  return edn;
}

}  // namespace

Edn Edn::of_string(std::string value) { return of_text(Kind::string, std::move(value)); }
Edn Edn::of_char(std::string utf8) { return of_text(Kind::character, std::move(utf8)); }
Edn Edn::of_keyword(std::string name) { return of_text(Kind::keyword, std::move(name)); }
Edn Edn::of_symbol(std::string name) { return of_text(Kind::symbol, std::move(name)); }
Edn Edn::of_vector() { return of_vector(std::vector<Edn>{}); }
Edn Edn::of_list() { return of_list(std::vector<Edn>{}); }
Edn Edn::of_set() { return of_set(std::vector<Edn>{}); }
Edn Edn::of_vector(std::vector<Edn> items) { return of_items(Kind::vector, std::move(items)); }
Edn Edn::of_list(std::vector<Edn> items) { return of_items(Kind::list, std::move(items)); }
Edn Edn::of_set(std::vector<Edn> items) { return of_items(Kind::set, std::move(items)); }

Edn Edn::of_map() { return of_map(std::vector<EdnEntry>{}); }

Edn Edn::of_map(std::vector<EdnEntry> entries) {
  Edn edn;
  edn.kind = Kind::map;
  edn.entries = std::move(entries);
  return edn;
}

Edn Edn::of_tagged(std::string tag, Edn value) {
  Edn edn = of_text(Kind::tagged, std::move(tag));
  edn.items.push_back(std::move(value));
  return edn;
}

double Edn::as_number() const {
  return kind == Kind::integer ? static_cast<double>(integer) : floating;
}

const Edn* Edn::find(std::string_view keyword) const {
  if (kind == Kind::tagged) return items.front().find(keyword);
  for (const EdnEntry& entry : entries) {
    if (entry.key.is_keyword(keyword)) return &entry.value;
  }
  return nullptr;
}

const Edn* Edn::find_named(std::string_view name) const {
  for (const EdnEntry& entry : entries) {
    const bool named = entry.key.kind == Kind::keyword || entry.key.kind == Kind::string;
    if (named && entry.key.text == name) return &entry.value;
  }
  return nullptr;
}

const Edn* Edn::find(const Edn& key) const {
  if (kind == Kind::tagged) return items.front().find(key);
  for (const EdnEntry& entry : entries) {
    if (entry.key == key) return &entry.value;
  }
  return nullptr;
}

Edn& Edn::set(std::string_view keyword, Edn value) {
  entries.push_back({of_keyword(std::string(keyword)), std::move(value)});
  return *this;
}

bool operator==(const Edn& a, const Edn& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Edn::Kind::nil:
      return true;
    case Edn::Kind::boolean:
      return a.boolean == b.boolean;
    case Edn::Kind::integer:
      return a.integer == b.integer;
    case Edn::Kind::floating:
      return a.floating == b.floating || (std::isnan(a.floating) && std::isnan(b.floating));
    case Edn::Kind::map:
      return a.entries == b.entries;
    default:
      return a.text == b.text && a.items == b.items;
  }
}

}  // namespace rumor::replay::history
