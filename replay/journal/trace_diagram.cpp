#include "replay/journal/trace_diagram.hpp"

#include <algorithm>
#include <limits>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "replay/journal/journal.hpp"

namespace rumor::replay::journal {
namespace {

struct Envelope {
  std::string_view src, dest, type, body;
  std::string_view from_src;  // "src":... to the end: the same text at both ends of a message
};

// The string value after "key":" (ids and body types hold no escapes).
std::optional<std::string_view> string_field(std::string_view text, std::string_view key) {
  const std::string needle = "\"" + std::string(key) + "\":\"";
  const std::size_t at = text.find(needle);
  if (at == std::string_view::npos) return std::nullopt;
  const std::size_t start = at + needle.size();
  const std::size_t end = text.find('"', start);
  if (end == std::string_view::npos) return std::nullopt;
  return text.substr(start, end - start);
}

// {"id":N,"src":"a","dest":"b","body":{...}} as the codec writes it: body last.
std::optional<Envelope> envelope(std::string_view line) {
  const std::size_t body_at = line.find("\"body\":{");
  if (body_at == std::string_view::npos || line.size() < body_at + 9 || line.back() != '}') {
    return std::nullopt;
  }
  const std::string_view head = line.substr(0, body_at);
  const std::string_view body = line.substr(body_at + 7, line.size() - 1 - (body_at + 7));
  const auto src = string_field(head, "src"), dest = string_field(head, "dest");
  const auto type = string_field(body, "type");
  const std::size_t src_at = head.find("\"src\":");
  if (!src || !dest || !type || src_at == std::string_view::npos) return std::nullopt;
  return Envelope{*src, *dest, *type, body, line.substr(src_at)};
}

struct Step {
  std::int64_t now_ms;
  std::size_t node;
  std::size_t input;
};

}  // namespace

std::vector<DiagramMessage> diagram_messages_from_traces(
    const std::vector<trace::NodeTrace>& traces) {
  std::vector<Step> steps;
  for (std::size_t n = 0; n < traces.size(); ++n) {
    for (std::size_t i = 0; i < traces[n].inputs.size(); ++i) {
      const trace::TraceInput& input = traces[n].inputs[i];
      if (input.kind == trace::TraceInput::Kind::line || !input.outputs.empty()) {
        steps.push_back({input.now_ms, n, i});
      }
    }
  }
  std::stable_sort(steps.begin(), steps.end(),
                   [](const Step& a, const Step& b) { return a.now_ms < b.now_ms; });
  std::vector<DiagramMessage> messages;
  std::vector<ArrowEnd> points;
  // The text from "src" on -> sends not yet delivered; views into the traces, which outlive it.
  std::unordered_map<std::string_view, std::vector<std::size_t>> in_flight;
  const auto add = [&](std::int64_t now_ms, const Envelope& e, bool delivered_at_once) {
    const std::size_t index = messages.size();
    messages.push_back({static_cast<std::int64_t>(index), std::string(e.src), std::string(e.dest),
                        std::string(e.type), std::string(e.body), 0, 0, std::nullopt, 0});
    points.push_back({now_ms, false, index});
    if (delivered_at_once) points.push_back({now_ms, true, index});
    return index;
  };
  for (const Step& step : steps) {  // client requests and every send
    const trace::TraceInput& input = traces[step.node].inputs[step.input];
    if (input.kind == trace::TraceInput::Kind::line) {
      if (const auto e = envelope(input.line); e && is_client(std::string(e->src))) {
        add(step.now_ms, *e, true);
      }
    }
    for (const std::string& line : input.outputs) {
      const auto e = envelope(line);
      if (!e) continue;
      const bool to_client = is_client(std::string(e->dest));
      const std::size_t index = add(step.now_ms, *e, to_client);
      if (!to_client) in_flight[e->from_src].push_back(index);
    }
  }
  for (const Step& step : steps) {  // deliveries between servers
    const trace::TraceInput& input = traces[step.node].inputs[step.input];
    if (input.kind != trace::TraceInput::Kind::line) continue;
    const auto e = envelope(input.line);
    if (!e || is_client(std::string(e->src))) continue;
    auto found = in_flight.find(e->from_src);
    if (found == in_flight.end() || found->second.empty()) continue;
    points.push_back({step.now_ms, true, found->second.front()});
    found->second.erase(found->second.begin());  // one or two entries
  }
  rank_arrow_ends(std::move(points), 1.0, messages);
  return messages;
}

}  // namespace rumor::replay::journal
