#include "replay/journal/jsonl_diagram.hpp"

#include <rapidjson/document.h>

#include <algorithm>
#include <fstream>
#include <limits>
#include <string_view>
#include <unordered_map>

#include "replay/journal/journal.hpp"

namespace rumor::replay::journal {

namespace {

std::string text_of(const rapidjson::Value& value) {
  return value.IsString() ? std::string(value.GetString(), value.GetStringLength()) : "?";
}

// The body's JSON text: the writer puts "body" last, and `,"body":` cannot occur inside the
// quoted src and dest (a quote in a JSON string is escaped), so its first occurrence is the key.
std::string body_text(const std::string& line) {
  constexpr std::string_view key = ",\"body\":";
  const std::size_t at = line.find(key);
  const std::size_t end = line.rfind('}');
  if (at == std::string::npos || end == std::string::npos || end < at + key.size()) return "{}";
  return line.substr(at + key.size(), end - at - key.size());
}

}  // namespace

JsonlDiagram diagram_messages_from_jsonl(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw JournalError(path + ": cannot read the message journal");
  JsonlDiagram diagram;
  std::vector<ArrowEnd> points;
  std::unordered_map<std::int64_t, std::size_t> by_id;  // message id -> index
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (line.empty()) continue;
    rapidjson::Document json;
    json.Parse(line.c_str(), line.size());
    const auto bad = [&] {
      return JournalError(path + ":" + std::to_string(number) + ": not a journal record");
    };
    if (json.HasParseError() || !json.IsObject() || !json.HasMember("kind") ||
        !json["kind"].IsString() || !json.HasMember("id") || !json["id"].IsInt64() ||
        !json.HasMember("t_ns") || !json["t_ns"].IsInt64()) {
      throw bad();
    }
    const std::string_view kind(json["kind"].GetString(), json["kind"].GetStringLength());
    const std::int64_t id = json["id"].GetInt64();
    const std::int64_t t_ns = json["t_ns"].GetInt64();
    if (kind == "send") {
      // HasMember and [], not FindMember: comparing member iterators is ambiguous to clang.
      if (!json.HasMember("body") || !json["body"].IsObject()) throw bad();
      const rapidjson::Value& body = json["body"];
      const std::size_t index = diagram.messages.size();
      diagram.messages.push_back(
          DiagramMessage{.id = id,
                         .src = json.HasMember("src") ? text_of(json["src"]) : "?",
                         .dest = json.HasMember("dest") ? text_of(json["dest"]) : "?",
                         .type = body.HasMember("type") ? text_of(body["type"]) : "?",
                         .body_json = body_text(line),
                         .send_ms = 0,
                         .send_rank = 0,
                         .recv_ms = std::nullopt,
                         .recv_rank = 0});
      by_id[id] = index;
      points.push_back({t_ns, false, index});
    } else if (kind == "deliver") {
      const auto found = by_id.find(id);
      if (found == by_id.end()) continue;  // its send is not in the journal
      points.push_back({t_ns, true, found->second});
      by_id.erase(found);  // a duplicate's second delivery draws no second arrow
    }
  }
  diagram.origin_ns = rank_arrow_ends(std::move(points), 1e6, diagram.messages);
  return diagram;
}

}  // namespace rumor::replay::journal
