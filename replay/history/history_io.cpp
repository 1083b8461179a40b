#include "replay/history/history_io.hpp"

#include <array>
#include <charconv>
#include <fstream>
#include <istream>
#include <ostream>
#include <stdexcept>
#include <utility>

namespace rumor::replay::history {
namespace {

const Edn& require_key(const Edn& map, std::string_view key) {
  const Edn* value = map.find(key);
  if (value == nullptr) throw std::runtime_error("missing :" + std::string(key));
  return *value;
}

std::int64_t require_integer(const Edn& map, std::string_view key) {
  const Edn& value = require_key(map, key);
  if (value.kind != Edn::Kind::integer) {
    throw std::runtime_error(":" + std::string(key) + " is not an integer: " + to_edn(value));
  }
  return value.integer;
}

OpType parse_op_type(const Edn& value) {
  if (value.kind == Edn::Kind::keyword) {
    if (value.text == "invoke") return OpType::invoke;
    if (value.text == "ok") return OpType::ok;
    if (value.text == "fail") return OpType::fail;
    if (value.text == "info") return OpType::info;
  }
  throw std::runtime_error("unknown :type " + to_edn(value));
}

OpValue parse_op_value(const Edn& value) {
  if (value.is_nil()) return std::monostate{};
  if (value.kind == Edn::Kind::integer) return value.integer;
  if (value.kind == Edn::Kind::vector) {
    for (const Edn& item : value.items) {
      if (item.kind != Edn::Kind::integer) return RawEdn{to_edn(value)};
    }
    core::ValueLog integers;
    for (const Edn& item : value.items) integers.push_back(item.integer);
    return integers;
  }
  return RawEdn{to_edn(value)};
}

bool is_known_name(std::string_view name) {
  static constexpr std::string_view kKnown[] = {"index", "time",  "type", "process",
                                                "f",     "value", "error"};
  for (const std::string_view known : kKnown) {
    if (name == known) return true;
  }
  return false;
}

bool is_known_key(const Edn& key) {
  return key.kind == Edn::Kind::keyword && is_known_name(key.text);
}

// A value this long is never built as a tree: kept as its text, or its integers.
constexpr std::size_t kLargeValueBytes = 4096;

// Raw EDN text as a tree, except that a large text stays one opaque token (a symbol whose name is
// the text, which every EDN writer prints verbatim): results that quote a huge read do not
// multiply its size by the size of a tree node.
Edn parse_raw(const std::string& text) {
  if (text.size() > kLargeValueBytes) return Edn::of_symbol(text);
  return parse_edn(text);
}

// A large :value: a vector of integers is kept as integers (8 bytes each), anything else as its
// text, so memory stays a small multiple of the line.
OpValue large_op_value(std::string_view text) {
  EdnIntegerItems items = parse_edn_integer_items(text);
  if (items.kind == Edn::Kind::vector && items.integers.size() == items.item_count) {
    return core::ValueLog(items.integers);
  }
  return RawEdn{std::string(text)};
}

// One history line, its map read entry by entry. Small values are parsed into the map that
// op_from_edn reads; a large value is only checked, then kept as text (or integers).
Op op_from_line(std::string_view line, std::int64_t default_index) {
  std::size_t pos = 0;
  if (!edn_next_is(line, pos, '{')) {
    throw std::runtime_error("not an EDN map: " + std::string(line.substr(0, 200)));
  }
  pos += 1;
  Edn map = Edn::of_map();
  std::vector<std::pair<std::string, std::string_view>> large;  // key name, raw text
  while (!edn_next_is(line, pos, '}')) {
    if (pos >= line.size()) fail_edn_at(line, pos, "missing '}'");
    Edn key = parse_edn_value_at(line, pos);
    if (edn_next_is(line, pos, '}')) {
      fail_edn_at(line, pos + 1, "map literal with an odd number of forms");  // after the '}'
    }
    const std::size_t start = pos;
    skip_edn_value_at(line, pos);
    const std::string_view text = line.substr(start, pos - start);
    const bool is_large = text.size() > kLargeValueBytes && key.kind == Edn::Kind::keyword;
    if (is_large) large.emplace_back(key.text, text);
    std::size_t at = start;
    map.entries.push_back(
        {std::move(key), is_large ? Edn::nil_value() : parse_edn_value_at(line, at)});
  }
  pos += 1;
  if (edn_next_is(line, pos, '\0') || pos < line.size()) {
    fail_edn_at(line, pos, "unexpected text after the value");
  }
  Op op = op_from_edn(map, default_index);
  for (const auto& [name, text] : large) {
    if (name == "value") {
      op.value = large_op_value(text);
    } else if (name == "error") {
      op.error = std::string(text);
    } else if (is_known_name(name)) {
      throw std::runtime_error(":" + name + " is " + std::to_string(text.size()) + " bytes long");
    } else {
      for (auto& [extra_name, raw] : op.extra) {
        if (extra_name == name && raw == "nil") raw = std::string(text);
      }
    }
  }
  return op;
}

// Appends a decimal integer (std::to_chars: no locale, no temporary string).
void append_int(std::string& out, std::int64_t number) {
  std::array<char, 24> digits{};
  const auto result = std::to_chars(digits.data(), digits.data() + digits.size(), number);
  out.append(digits.data(), result.ptr);
}

void append_op_value_edn(std::string& out, const OpValue& value) {
  if (std::holds_alternative<std::monostate>(value)) {
    out += "nil";
  } else if (const auto* integer = std::get_if<std::int64_t>(&value)) {
    append_int(out, *integer);
  } else if (const auto* integers = std::get_if<core::ValueLog>(&value)) {
    // Reads are most of a history's bytes: their digits go straight into the output.
    constexpr std::size_t kMaxIntBytes = 21;  // "-9223372036854775808" and a space
    const std::size_t start = out.size();
    out.resize(start + 2 + kMaxIntBytes * integers->size());
    char* cursor = out.data() + start;
    char* const end = out.data() + out.size();
    *cursor++ = '[';
    for (std::size_t i = 0; i < integers->size(); ++i) {
      if (i > 0) *cursor++ = ' ';
      cursor = std::to_chars(cursor, end, (*integers)[i]).ptr;
    }
    *cursor++ = ']';
    out.resize(static_cast<std::size_t>(cursor - out.data()));
  } else {
    out += std::get<RawEdn>(value).text;
  }
}

void append_op_edn_line(std::string& line, const Op& op) {
  line += "{:index ";
  append_int(line, op.index);
  line += ", :time ";
  append_int(line, op.time_ns);
  line += ", :type :";
  line += op_type_name(op.type);
  line += ", :process ";
  if (op.process) {
    append_int(line, *op.process);
  } else {
    line += ":nemesis";
  }
  line += ", :f :";
  line += op.f;
  line += ", :value ";
  append_op_value_edn(line, op.value);
  if (op.final_read) line += ", :final? true";
  for (const auto& [key, raw] : op.extra) {
    line += ", :";
    line += key;
    line += ' ';
    line += raw;
  }
  if (op.error) {
    line += ", :error ";
    line += *op.error;
  }
  line += '}';
}

}  // namespace

std::string op_type_name(OpType type) {
  switch (type) {
    case OpType::invoke:
      return "invoke";
    case OpType::ok:
      return "ok";
    case OpType::fail:
      return "fail";
    case OpType::info:
      return "info";
  }
  return "info";
}

std::string op_value_edn(const OpValue& value) {
  std::string out;
  append_op_value_edn(out, value);
  return out;
}

Op op_from_edn(const Edn& map, std::int64_t default_index) {
  if (map.kind != Edn::Kind::map) throw std::runtime_error("not an EDN map: " + to_edn(map));
  Op op;
  op.index = map.find("index") != nullptr ? require_integer(map, "index") : default_index;
  op.time_ns = require_integer(map, "time");
  op.type = parse_op_type(require_key(map, "type"));
  const Edn& process = require_key(map, "process");
  if (process.kind == Edn::Kind::integer) {
    op.process = process.integer;
  } else if (!process.is_keyword("nemesis")) {
    throw std::runtime_error("unknown :process " + to_edn(process));
  }
  const Edn& f = require_key(map, "f");
  if (f.kind != Edn::Kind::keyword) throw std::runtime_error(":f is not a keyword: " + to_edn(f));
  op.f = f.text;
  if (const Edn* value = map.find("value")) op.value = parse_op_value(*value);
  if (const Edn* error = map.find("error")) op.error = to_edn(*error);
  for (const EdnEntry& entry : map.entries) {
    if (is_known_key(entry.key)) continue;
    if (entry.key.is_keyword("final?") && entry.value == Edn::of_bool(true)) {
      op.final_read = true;
      continue;
    }
    if (entry.key.kind != Edn::Kind::keyword) {
      throw std::runtime_error("op key is not a keyword: " + to_edn(entry.key));
    }
    op.extra.emplace_back(entry.key.text, to_edn(entry.value));
  }
  return op;
}

Edn op_to_edn(const Op& op, bool as_record) {
  Edn map = Edn::of_map();
  map.set("index", Edn::of_int(op.index));
  map.set("time", Edn::of_int(op.time_ns));
  map.set("type", Edn::of_keyword(op_type_name(op.type)));
  map.set("process", op.process ? Edn::of_int(*op.process) : Edn::of_keyword("nemesis"));
  map.set("f", Edn::of_keyword(op.f));
  map.set("value", parse_raw(op_value_edn(op.value)));
  if (op.final_read) map.set("final?", Edn::of_bool(true));
  for (const auto& [key, raw] : op.extra) map.set(key, parse_raw(raw));
  if (op.error) map.set("error", parse_raw(*op.error));
  if (as_record) return Edn::of_tagged("jepsen.history.Op", std::move(map));
  return map;
}

std::string op_to_edn_line(const Op& op) {
  std::string line;
  append_op_edn_line(line, op);
  return line;
}

History read_history_edn(std::istream& in, const std::string& source_name) {
  History history;
  std::string line;
  std::size_t line_number = 0;
  while (std::getline(in, line)) {
    line_number += 1;
    if (line.find_first_not_of(" \t\r,") == std::string::npos) continue;
    try {
      history.push_back(op_from_line(line, static_cast<std::int64_t>(history.size())));
    } catch (const EdnParseError& error) {
      throw std::runtime_error(source_name + ":" + std::to_string(line_number) + ":" +
                               std::to_string(error.column()) + ": " + error.reason());
    } catch (const std::exception& error) {
      throw std::runtime_error(source_name + ":" + std::to_string(line_number) + ": " +
                               error.what());
    }
  }
  if (in.bad()) throw std::runtime_error(source_name + ": read error");
  return history;
}

History read_history_edn(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open");
  return read_history_edn(in, path);
}

void write_history_edn(const History& history, std::ostream& out) {
  // Built in chunks with to_chars, not per-op strings: a 3e history is megabytes of read values,
  // and `rumor test` writes (and fingerprints) it on every run.
  constexpr std::size_t kChunkBytes = 1 << 16;
  std::string chunk;
  chunk.reserve(2 * kChunkBytes);
  for (const Op& op : history) {
    append_op_edn_line(chunk, op);
    chunk += '\n';
    if (chunk.size() >= kChunkBytes) {
      out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
      chunk.clear();
    }
  }
  out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
}

void write_history_txt(const History& history, std::ostream& out) {
  for (const Op& op : history) {
    out << (op.process ? std::to_string(*op.process) : ":nemesis") << '\t' << ':'
        << op_type_name(op.type) << '\t' << ':' << op.f << '\t' << op_value_edn(op.value);
    if (op.error) out << '\t' << *op.error;
    out << '\n';
  }
}

}  // namespace rumor::replay::history
