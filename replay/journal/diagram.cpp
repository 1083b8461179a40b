#include "replay/journal/diagram.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <unordered_map>

#include "replay/journal/diagram_assets.hpp"
#include "replay/json_members.hpp"

namespace rumor::replay::journal {
namespace {

double ms_since(std::int64_t time_ns, std::int64_t origin_ns) {
  return static_cast<double>(time_ns - origin_ns) / 1e6;
}

std::vector<DiagramMessage> pair_up(const std::vector<Event>& events) {
  std::vector<DiagramMessage> messages;
  if (events.empty()) return messages;
  const std::int64_t origin_ns = events.front().time_ns;
  std::unordered_map<std::int64_t, std::size_t> index_of;
  for (std::size_t rank = 0; rank < events.size(); ++rank) {
    const Event& event = events[rank];
    const double ms = ms_since(event.time_ns, origin_ns);
    if (event.type == EventType::send) {
      index_of[event.message.id] = messages.size();
      const Message& m = event.message;
      messages.push_back(
          {m.id, m.src, m.dest, body_type(m), to_json(m.body), ms, rank, std::nullopt, 0});
    } else if (auto found = index_of.find(event.message.id); found != index_of.end()) {
      messages[found->second].recv_ms = ms;
      messages[found->second].recv_rank = rank;
    }
  }
  return messages;
}

double rounded_ms(double ms) { return std::round(ms * 1000.0) / 1000.0; }

std::string data_json(const std::vector<DiagramMessage>& messages, const DiagramOptions& options) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  json::member(w, "maxArrows", options.max_arrows);
  w.Key("partitions");
  w.StartArray();
  for (const SpanMs& span : options.partitions) {
    w.StartObject();
    json::member(w, "from", rounded_ms(span.from_ms));
    json::member(w, "to", rounded_ms(span.to_ms));
    w.EndObject();
  }
  w.EndArray();
  w.Key("messages");
  w.StartArray();
  for (const DiagramMessage& m : messages) {
    w.StartObject();
    json::member(w, "id", m.id);
    json::member(w, "src", m.src);
    json::member(w, "dest", m.dest);
    json::member(w, "type", m.type);
    w.Key("body");
    w.RawValue(m.body_json.data(), m.body_json.size(), rapidjson::kObjectType);
    json::member(w, "s", rounded_ms(m.send_ms));
    json::member(w, "sr", m.send_rank);
    w.Key("r");
    if (m.recv_ms) {
      w.Double(rounded_ms(*m.recv_ms));
    } else {
      w.Null();
    }
    json::member(w, "rr", m.recv_rank);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  // "</" could close the <script> element early; "<\/" means the same inside a JSON string.
  const std::string_view json = buffer.GetString();
  std::string escaped;
  escaped.reserve(json.size() + json.size() / 64);
  std::size_t from = 0;
  for (std::size_t at = json.find("</"); at != std::string_view::npos;
       at = json.find("</", at + 2)) {
    escaped.append(json, from, at + 1 - from);
    escaped += '\\';
    from = at + 1;
  }
  escaped.append(json, from);
  return escaped;
}

}  // namespace

std::vector<SpanMs> partition_spans_ms(const std::vector<Event>& events,
                                       const HistorySummary& history) {
  std::vector<SpanMs> spans;
  if (events.empty()) return spans;
  const std::int64_t origin_ns = events.front().time_ns;
  std::int64_t offset_ns = origin_ns;  // journal_ns = history_ns + offset_ns
  if (history.first_invoke_ns) {
    for (const Event& event : events) {
      const std::string type = body_type(event.message);
      if (event.type == EventType::send && is_client(event.message.src) && type != "init" &&
          type != "topology") {
        offset_ns = event.time_ns - *history.first_invoke_ns;
        break;
      }
    }
  }
  for (const TimeWindow& window : history.partitions) {
    spans.push_back({ms_since(window.from_ns + offset_ns, origin_ns),
                     ms_since(window.to_ns + offset_ns, origin_ns)});
  }
  return spans;
}

std::string html_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

bool shown_by_default(const Message& message) {
  const std::string type = body_type(message);
  return type != "init" && type != "init_ok";
}

std::size_t default_arrow_count(const std::vector<Event>& events, std::size_t max_arrows) {
  std::size_t shown = 0, delivered = 0;
  for (const DiagramMessage& m : pair_up(events)) {
    if (m.type == "init" || m.type == "init_ok") continue;
    if (max_arrows > 0 && shown == max_arrows) break;
    ++shown;
    if (m.recv_ms) ++delivered;
  }
  return delivered;
}

void write_diagram_html(std::ostream& out, const std::vector<Event>& events,
                        const DiagramOptions& options) {
  write_diagram_html(out, pair_up(events), options);
}

void write_diagram_html(std::ostream& out, const std::vector<DiagramMessage>& messages,
                        const DiagramOptions& options) {
  const std::string title = html_escape(options.title);
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<title>rumor messages: " << title << "</title>\n<style>" << diagram_assets::kStyle
      << "</style>\n</head>\n<body>\n<h1>Messages: " << title << "</h1>\n"
      << "<div id=\"controls\">\n"
      << "<label>value <input id=\"f-value\" size=\"8\" placeholder=\"e.g. 17\"></label>\n"
      << "<label>from <input id=\"f-from\" type=\"number\" step=\"any\"> ms</label>\n"
      << "<label>to <input id=\"f-to\" type=\"number\" step=\"any\"> ms</label>\n"
      << "<label>max arrows <input id=\"f-max\" type=\"number\" min=\"0\"></label>\n"
      << "<label><input id=\"f-clients\" type=\"checkbox\" checked> client traffic</label>\n"
      << "<label><input id=\"f-servers\" type=\"checkbox\" checked> server traffic</label>\n"
      << "<label><input id=\"f-init\" type=\"checkbox\"> init</label>\n"
      << "<label><input id=\"f-time\" type=\"checkbox\"> y = time</label>\n"
      << "<label><input id=\"f-labels\" type=\"checkbox\" checked> labels</label>\n"
      << "<label><input id=\"f-merge\" type=\"checkbox\" checked> one client column</label>\n"
      << "<button id=\"apply\">apply</button>\n</div>\n"
      << "<div id=\"legend\"><span class=\"key\" style=\"background:#81BFFC\"></span>client"
      << "<span class=\"key\" style=\"background:#000\"></span>server"
      << "<span class=\"key\" style=\"background:#FF1E90\"></span>error"
      << "<span class=\"key\" style=\"background:#F5E6C8;height:10px\"></span>partition "
      << "(history.edn nemesis windows, aligned on the first client request); dashed "
      << "\u2715 = never delivered; times in ms since the first journal event; hover an arrow "
      << "for its body</div>\n"
      << "<div id=\"summary\"></div>\n<div id=\"status\">loading</div>\n"
      << "<noscript>This diagram is drawn by JavaScript.</noscript>\n<div id=\"canvas\"></div>\n"
      << "<script>const DATA = " << data_json(messages, options) << ";</script>\n"
      << "<script>" << diagram_assets::kScript << "</script>\n</body>\n</html>\n";
}

std::int64_t rank_arrow_ends(std::vector<ArrowEnd> ends, double units_per_ms,
                             std::vector<DiagramMessage>& messages) {
  std::stable_sort(ends.begin(), ends.end(), [](const ArrowEnd& a, const ArrowEnd& b) {
    if (a.time != b.time) return a.time < b.time;
    return !a.recv && b.recv;
  });
  const std::int64_t origin = ends.empty() ? 0 : ends.front().time;
  for (std::size_t rank = 0; rank < ends.size(); ++rank) {
    DiagramMessage& m = messages[ends[rank].message];
    const double ms = static_cast<double>(ends[rank].time - origin) / units_per_ms;
    if (ends[rank].recv) {
      m.recv_ms = ms;
      m.recv_rank = rank;
    } else {
      m.send_ms = ms;
      m.send_rank = rank;
    }
  }
  return origin;
}

}  // namespace rumor::replay::journal
