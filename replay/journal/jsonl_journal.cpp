#include "replay/journal/jsonl_journal.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <optional>

#include "core/codec.hpp"

namespace rumor::replay::journal {

namespace {

const char* kind_name(JournalKind kind) {
  switch (kind) {
    case JournalKind::send:
      return "send";
    case JournalKind::deliver:
      return "deliver";
    case JournalKind::drop:
      return "drop";
  }
  return "?";
}

// JSON as the value tree Maelstrom's journal holds: object keys become keywords.
Edn value_from_json(const rapidjson::Value& json) {
  if (json.IsObject()) {
    std::vector<EdnEntry> entries;
    entries.reserve(json.MemberCount());
    for (const auto& member : json.GetObject()) {
      entries.push_back(
          {Edn::of_keyword(std::string(member.name.GetString(), member.name.GetStringLength())),
           value_from_json(member.value)});
    }
    return Edn::of_map(std::move(entries));
  }
  if (json.IsArray()) {
    std::vector<Edn> items;
    items.reserve(json.Size());
    for (const auto& item : json.GetArray()) items.push_back(value_from_json(item));
    return Edn::of_vector(std::move(items));
  }
  if (json.IsString()) return Edn::of_string(std::string(json.GetString(), json.GetStringLength()));
  if (json.IsBool()) return Edn::of_bool(json.GetBool());
  if (json.IsInt64()) return Edn::of_int(json.GetInt64());
  if (json.IsNumber()) return Edn::of_double(json.GetDouble());
  return Edn();
}

JournalError line_error(const std::string& path, std::size_t line, const std::string& why) {
  return JournalError(path + ":" + std::to_string(line) + ": " + why);
}

std::string string_member(const rapidjson::Value& object, const char* key, const std::string& path,
                          std::size_t line) {
  // HasMember and [], not FindMember: comparing member iterators is ambiguous to clang in C++20.
  if (!object.HasMember(key) || !object[key].IsString()) {
    throw line_error(path, line, std::string("\"") + key + "\" should be a string");
  }
  return std::string(object[key].GetString(), object[key].GetStringLength());
}

std::int64_t integer_member(const rapidjson::Value& object, const char* key,
                            const std::string& path, std::size_t line) {
  if (!object.HasMember(key) || !object[key].IsInt64()) {
    throw line_error(path, line, std::string("\"") + key + "\" should be an integer");
  }
  return object[key].GetInt64();
}

// One line as an event; nullopt for a drop.
std::optional<Event> event_from_line(const std::string& text, const std::string& path,
                                     std::size_t line) {
  rapidjson::Document json;
  json.Parse(text.c_str(), text.size());
  if (json.HasParseError()) {
    throw line_error(path, line,
                     std::string("not JSON: ") + rapidjson::GetParseError_En(json.GetParseError()));
  }
  if (!json.IsObject()) throw line_error(path, line, "not a JSON object");
  const std::string kind = string_member(json, "kind", path, line);
  if (kind == "drop") return std::nullopt;
  if (kind != "send" && kind != "deliver") {
    throw line_error(path, line, "\"kind\" is \"" + kind + "\" (send, deliver or drop)");
  }
  if (!json.HasMember("body") || !json["body"].IsObject()) {
    throw line_error(path, line, "\"body\" should be an object");
  }
  Event event;
  event.id = static_cast<std::int64_t>(line - 1);
  event.time_ns = integer_member(json, "t_ns", path, line);
  event.type = kind == "send" ? EventType::send : EventType::recv;
  event.message =
      Message{integer_member(json, "id", path, line), string_member(json, "src", path, line),
              string_member(json, "dest", path, line), value_from_json(json["body"])};
  return event;
}

}  // namespace

JsonlJournalWriter::JsonlJournalWriter(const std::string& path)
    : path_(path), out_(path, std::ios::binary | std::ios::trunc) {
  if (!out_) throw JournalError(path + ": cannot create the message journal");
}

void JsonlJournalWriter::record(JournalKind kind, std::int64_t t_ns, std::int64_t id,
                                std::string_view envelope_json) {
  // {"t_ns":..,"kind":..,"id":.., then the envelope's members after its opening brace.
  line_.assign("{\"t_ns\":");
  line_ += std::to_string(t_ns);
  line_ += ",\"kind\":\"";
  line_ += kind_name(kind);
  line_ += "\",\"id\":";
  line_ += std::to_string(id);
  line_ += ',';
  line_.append(envelope_json.substr(envelope_json.empty() ? 0 : 1));
  line_ += '\n';
  out_.write(line_.data(), static_cast<std::streamsize>(line_.size()));
}

void JsonlJournalWriter::close() {
  out_.close();
  if (out_.fail()) throw JournalError(path_ + ": cannot write the message journal");
}

std::string envelope_json(std::string_view src, std::string_view dest, std::string_view body_json) {
  std::string text = "{\"src\":";
  core::append_json_string(text, src);
  text += ",\"dest\":";
  core::append_json_string(text, dest);
  text += ",\"body\":";
  text += body_json;
  text += '}';
  return text;
}

std::vector<Event> read_jsonl_journal(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw JournalError(path + ": cannot read the message journal");
  std::vector<Event> events;
  std::string text;
  for (std::size_t line = 1; std::getline(in, text); ++line) {
    if (text.empty()) continue;
    if (auto event = event_from_line(text, path, line)) events.push_back(std::move(*event));
  }
  if (events.empty()) throw JournalError(path + ": no sends or deliveries");
  // Written in the order things happened; sorted like read_journal's events all the same (a
  // process-mode delivery can be written before a send stamped a little earlier).
  std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
    if (a.time_ns != b.time_ns) return a.time_ns < b.time_ns;
    return a.type == EventType::send && b.type == EventType::recv;
  });
  return events;
}

}  // namespace rumor::replay::journal
