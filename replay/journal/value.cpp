#include "replay/journal/value.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cmath>
#include <sstream>

namespace rumor::replay::journal {

Value::Value() = default;
Value::~Value() = default;
Value::Value(const Value&) = default;
Value::Value(Value&&) noexcept = default;
Value& Value::operator=(const Value&) = default;
Value& Value::operator=(Value&&) noexcept = default;

Value Value::nil_value() { return Value{}; }

Value Value::of_bool(bool b) {
  Value v;
  v.kind = Kind::boolean;
  v.boolean = b;
  return v;
}

Value Value::of_int(std::int64_t i) {
  Value v;
  v.kind = Kind::integer;
  v.integer = i;
  return v;
}

Value Value::of_double(double d) {
  Value v;
  v.kind = Kind::floating;
  v.floating = d;
  return v;
}

Value Value::of_string(std::string s) {
  Value v;
  v.kind = Kind::string;
  v.text = std::move(s);
  return v;
}

Value Value::of_keyword(std::string name, std::string ns) {
  Value v;
  v.kind = Kind::keyword;
  v.text = std::move(name);
  v.namespace_ = std::move(ns);
  return v;
}

Value Value::of_symbol(std::string name, std::string ns) {
  Value v = of_keyword(std::move(name), std::move(ns));
  v.kind = Kind::symbol;
  return v;
}

Value Value::of_list(std::vector<Value> elements) {
  Value v;
  v.kind = Kind::list;
  v.items = std::move(elements);
  return v;
}

Value Value::of_set(std::vector<Value> elements) {
  Value v = of_list(std::move(elements));
  v.kind = Kind::set;
  return v;
}

Value Value::of_map(std::vector<std::pair<Value, Value>> map_entries) {
  Value v;
  v.kind = Kind::map;
  v.entries = std::move(map_entries);
  return v;
}

Value Value::of_tagged(std::string tag, std::vector<Value> fields) {
  Value v = of_list(std::move(fields));
  v.kind = Kind::tagged;
  v.text = std::move(tag);
  return v;
}

Value Value::of_bytes(std::string raw) {
  Value v;
  v.kind = Kind::bytes;
  v.text = std::move(raw);
  return v;
}

Value Value::of_inst(std::int64_t epoch_ms) {
  Value v = of_int(epoch_ms);
  v.kind = Kind::inst;
  return v;
}

const Value* Value::get(const std::string& key_name) const {
  for (const auto& [key, value] : entries) {
    if ((key.kind == Kind::keyword || key.kind == Kind::string) && key.text == key_name &&
        key.namespace_.empty()) {
      return &value;
    }
  }
  return nullptr;
}

bool operator==(const Value& a, const Value& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Value::Kind::nil:
      return true;
    case Value::Kind::boolean:
      return a.boolean == b.boolean;
    case Value::Kind::integer:
    case Value::Kind::inst:
      return a.integer == b.integer;
    case Value::Kind::floating:
      return a.floating == b.floating;
    case Value::Kind::string:
    case Value::Kind::bytes:
      return a.text == b.text;
    case Value::Kind::keyword:
    case Value::Kind::symbol:
      return a.text == b.text && a.namespace_ == b.namespace_;
    case Value::Kind::list:
    case Value::Kind::set:
    case Value::Kind::tagged:
      return a.text == b.text && a.items == b.items;
    case Value::Kind::map:
      return a.entries == b.entries;
  }
  return false;
}

namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

std::string qualified_name(const Value& v) {
  return v.namespace_.empty() ? v.text : v.namespace_ + "/" + v.text;
}

std::string hex(const std::string& raw) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : raw) {
    out += digits[c >> 4];
    out += digits[c & 0xF];
  }
  return out;
}

void write_json(const Value& v, JsonWriter& w);

std::string json_key(const Value& key) {
  if (key.is(Value::Kind::string) || key.is(Value::Kind::keyword) || key.is(Value::Kind::symbol)) {
    return qualified_name(key);
  }
  return to_json(key);
}

void write_json(const Value& v, JsonWriter& w) {
  switch (v.kind) {
    case Value::Kind::nil:
      w.Null();
      return;
    case Value::Kind::boolean:
      w.Bool(v.boolean);
      return;
    case Value::Kind::integer:
    case Value::Kind::inst:
      w.Int64(v.integer);
      return;
    case Value::Kind::floating:
      if (std::isfinite(v.floating)) {
        w.Double(v.floating);
      } else {
        w.Null();
      }
      return;
    case Value::Kind::string:
      w.String(v.text.data(), static_cast<rapidjson::SizeType>(v.text.size()));
      return;
    case Value::Kind::keyword:
    case Value::Kind::symbol: {
      const std::string name = qualified_name(v);
      w.String(name.data(), static_cast<rapidjson::SizeType>(name.size()));
      return;
    }
    case Value::Kind::bytes: {
      const std::string text = hex(v.text);
      w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
      return;
    }
    case Value::Kind::list:
    case Value::Kind::set:
    case Value::Kind::tagged:
      w.StartArray();
      for (const Value& item : v.items) write_json(item, w);
      w.EndArray();
      return;
    case Value::Kind::map:
      w.StartObject();
      for (const auto& [key, value] : v.entries) {
        const std::string name = json_key(key);
        w.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
        write_json(value, w);
      }
      w.EndObject();
      return;
  }
}

void write_edn_items(const std::vector<Value>& items, std::ostream& out) {
  for (std::size_t i = 0; i < items.size(); ++i) out << (i ? " " : "") << to_edn(items[i]);
}

}  // namespace

std::string to_json(const Value& value) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  write_json(value, writer);
  return buffer.GetString();
}

std::string to_edn(const Value& value) {
  std::ostringstream out;
  switch (value.kind) {
    case Value::Kind::nil:
      return "nil";
    case Value::Kind::boolean:
      return value.boolean ? "true" : "false";
    case Value::Kind::integer:
      return std::to_string(value.integer);
    case Value::Kind::floating:
      out << value.floating;
      return out.str();
    case Value::Kind::string:
      return to_json(value);  // JSON string escapes are valid EDN ones for our purposes
    case Value::Kind::keyword:
      return ":" + qualified_name(value);
    case Value::Kind::symbol:
      return qualified_name(value);
    case Value::Kind::bytes:
      return "#bytes \"" + hex(value.text) + "\"";
    case Value::Kind::inst:
      return "#inst " + std::to_string(value.integer);
    case Value::Kind::list:
      out << "[";
      write_edn_items(value.items, out);
      out << "]";
      return out.str();
    case Value::Kind::set:
      out << "#{";
      write_edn_items(value.items, out);
      out << "}";
      return out.str();
    case Value::Kind::tagged:
      out << "#" << value.text << " [";
      write_edn_items(value.items, out);
      out << "]";
      return out.str();
    case Value::Kind::map:
      out << "{";
      for (std::size_t i = 0; i < value.entries.size(); ++i) {
        out << (i ? ", " : "") << to_edn(value.entries[i].first) << " "
            << to_edn(value.entries[i].second);
      }
      out << "}";
      return out.str();
  }
  return "";
}

}  // namespace rumor::replay::journal
