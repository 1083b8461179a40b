#include "replay/journal/report.hpp"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <cstdio>
#include <sstream>

#include "replay/json_members.hpp"

namespace rumor::replay::journal {
namespace {

using JsonWriter = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

std::string counts_edn(const history::NetGroup& c, std::optional<float> per_op) {
  std::ostringstream out;
  out << "{:send-count " << c.send_count << ", :recv-count " << c.recv_count << ", :msg-count "
      << c.msg_count;
  if (per_op) out << ", :msgs-per-op " << format_java_float(*per_op);
  out << "}";
  return out.str();
}

void row(std::ostream& out, const std::string& name, std::int64_t a, std::int64_t b) {
  char line[160];
  std::snprintf(line, sizeof line, "  %-28s %9lld %9lld\n", name.c_str(), static_cast<long long>(a),
                static_cast<long long>(b));
  out << line;
}

void header(std::ostream& out, const std::string& title, const char* a, const char* b) {
  char line[160];
  std::snprintf(line, sizeof line, "%-30s %9s %9s\n", title.c_str(), a, b);
  out << line;
}

// The value, written by `write`, or null when there is none.
template <typename T, typename Write>
void or_null(JsonWriter& w, const std::optional<T>& value, Write write) {
  if (value) {
    write(*value);
  } else {
    w.Null();
  }
}

void counts_json(JsonWriter& w, const history::NetGroup& c, std::optional<float> per_op) {
  w.StartObject();
  json::member(w, "send-count", c.send_count);
  json::member(w, "recv-count", c.recv_count);
  json::member(w, "msg-count", c.msg_count);
  if (per_op) {
    // The float's shortest digits, as results.edn prints them, not its double expansion.
    json::key(w, "msgs-per-op");
    const std::string text = format_java_float(*per_op);
    w.RawValue(text.data(), text.size(), rapidjson::kNumberType);
  }
  w.EndObject();
}

// {"<key_text(name)>": <write_value(value)>, ...} over a map, in its order.
template <typename Map, typename KeyText, typename WriteValue>
void object_of(JsonWriter& w, const Map& map, KeyText key_text, WriteValue write_value) {
  w.StartObject();
  for (const auto& [name, value] : map) {
    const std::string text = key_text(name);
    w.Key(text.c_str());
    write_value(value);
  }
  w.EndObject();
}

std::string same(const std::string& name) { return name; }

template <typename Map, typename KeyText>
void send_recv_json(JsonWriter& w, const Map& map, KeyText key_text) {
  object_of(w, map, key_text, [&](const auto& counts) {
    w.StartObject();
    json::member(w, "send-count", counts.send_count);
    json::member(w, "recv-count", counts.recv_count);
    w.EndObject();
  });
}

void carrier_json(JsonWriter& w, const Carrier& c) {
  w.StartObject();
  json::member(w, "msg-id", c.message_id);
  json::member(w, "src", c.src);
  json::member(w, "dest", c.dest);
  json::member(w, "type", c.type);
  json::member(w, "sent-ms", c.sent_ms);
  json::key(w, "received-ms");
  or_null(w, c.received_ms, [&](double ms) { w.Double(ms); });
  w.EndObject();
}

void explanation_json(JsonWriter& w, const Explanation& x) {
  w.StartObject();
  json::key(w, "value");
  const std::string value = to_json(x.value);
  w.RawValue(value.data(), value.size(), rapidjson::kStringType);
  for (const auto& [name, list] : {std::pair{"client-requests", &x.client_requests},
                                   std::pair{"server-messages", &x.server_messages}}) {
    json::key(w, name);
    w.StartArray();
    for (const Carrier& c : *list) carrier_json(w, c);
    w.EndArray();
  }
  json::key(w, "first-arrival");
  object_of(w, x.first_arrival, same, [&](const Carrier& c) { carrier_json(w, c); });
  for (const auto& [name, list] : {std::pair{"never-received", &x.never_received},
                                   std::pair{"not-forwarded", &x.not_forwarded}}) {
    json::key(w, name);
    w.StartArray();
    for (const std::string& node : *list) w.String(node.c_str());
    w.EndArray();
  }
  json::key(w, "first-read");
  object_of(w, x.first_read, same, [&](const FirstRead& read) {
    w.StartObject();
    json::member(w, "client", read.client);
    json::member(w, "msg-id", read.message_id);
    json::member(w, "sent-ms", read.sent_ms);
    w.EndObject();
  });
  w.EndObject();
}

}  // namespace

RunReport make_report(const std::string& run_dir, const std::vector<Event>& events,
                      std::optional<std::int64_t> op_count) {
  RunReport report;
  report.run_dir = run_dir;
  report.event_count = events.size();
  if (!events.empty()) {
    report.span_ms = static_cast<double>(events.back().time_ns - events.front().time_ns) / 1e6;
  }
  report.net = net_stats(events);
  report.op_count = op_count;
  report.traffic = traffic(events);
  return report;
}

std::string net_edn(const history::NetCounts& net, std::optional<std::int64_t> op_count) {
  const auto per_op = [&](const history::NetGroup& c) {
    return op_count ? msgs_per_op(c.msg_count, *op_count) : std::nullopt;
  };
  return "{:all " + counts_edn(net.all, per_op(net.all)) + ",\n :clients " +
         counts_edn(net.clients, std::nullopt) + ",\n :servers " +
         counts_edn(net.servers, per_op(net.servers)) + ",\n :valid? true}";
}

void print_text_report(std::ostream& out, const RunReport& r) {
  out << "run " << r.run_dir << ": " << r.event_count << " journal events over " << r.span_ms
      << " ms; " << (r.op_count ? std::to_string(*r.op_count) : "unknown (no history.edn)")
      << " client ops\n\n";
  header(out, "messages by body type", "sent", "delivered");
  for (const auto& [type, c] : r.traffic.by_type) row(out, type, c.send_count, c.recv_count);
  header(out, "\nmessages by node", "sent", "received");
  for (const auto& [node, c] : r.traffic.by_node) row(out, node, c.send_count, c.recv_count);
  header(out, "\nmessages by pair (src -> dest)", "sent", "delivered");
  for (const auto& [pair, c] : r.traffic.by_pair) {
    row(out, pair.first + " -> " + pair.second, c.send_count, c.recv_count);
  }
  out << "\n:net (as in results.edn)\n" << net_edn(r.net, r.op_count) << "\n";
}

std::string json_report(const RunReport& r, const Explanation* explanation,
                        const RawJsonMembers& extra) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  json::member(w, "run", r.run_dir);
  json::member(w, "events", r.event_count);
  json::member(w, "span-ms", r.span_ms);
  json::key(w, "op-count");
  or_null(w, r.op_count, [&](std::int64_t count) { w.Int64(count); });
  const auto per_op = [&](const history::NetGroup& c) {
    return r.op_count ? msgs_per_op(c.msg_count, *r.op_count) : std::nullopt;
  };
  json::key(w, "net");
  w.StartObject();
  json::key(w, "all");
  counts_json(w, r.net.all, per_op(r.net.all));
  json::key(w, "clients");
  counts_json(w, r.net.clients, std::nullopt);
  json::key(w, "servers");
  counts_json(w, r.net.servers, per_op(r.net.servers));
  json::member(w, "valid?", true);
  w.EndObject();
  json::key(w, "by-type");
  send_recv_json(w, r.traffic.by_type, same);
  json::key(w, "by-node");
  send_recv_json(w, r.traffic.by_node, same);
  json::key(w, "by-pair");
  send_recv_json(w, r.traffic.by_pair, [](const auto& p) { return p.first + "->" + p.second; });
  if (explanation) {
    json::key(w, "explain");
    explanation_json(w, *explanation);
  }
  for (const auto& [name, json] : extra) {
    w.Key(name.c_str());
    const rapidjson::Type type = json.starts_with('{')   ? rapidjson::kObjectType
                                 : json.starts_with('[') ? rapidjson::kArrayType
                                                         : rapidjson::kNumberType;
    w.RawValue(json.data(), json.size(), type);
  }
  w.EndObject();
  return buffer.GetString();
}

}  // namespace rumor::replay::journal
