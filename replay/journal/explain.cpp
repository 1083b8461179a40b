#include "replay/journal/explain.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <set>
#include <unordered_map>

#include "replay/journal/net_stats.hpp"

namespace rumor::replay::journal {

Edn parse_explain_value(const std::string& text) {
  std::int64_t number = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, error] = std::from_chars(text.data(), end, number);
  if (!text.empty() && error == std::errc() && ptr == end) return Edn::of_int(number);
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
    return Edn::of_string(text.substr(1, text.size() - 2));
  }
  return Edn::of_string(text);
}

namespace {

bool is_plumbing_key(const Edn& key) {
  return (key.kind == Edn::Kind::keyword || key.kind == Edn::Kind::string) &&
         (key.text == "type" || key.text == "msg_id" || key.text == "in_reply_to");
}

bool same_scalar(const Edn& a, const Edn& b) {
  // Keywords and strings both arrive as names (bodies are JSON on the wire): compare the text.
  const auto named = [](const Edn& v) {
    return v.kind == Edn::Kind::string || v.kind == Edn::Kind::keyword;
  };
  if (named(a) && named(b)) return a.text == b.text;
  return a == b;
}

bool contains(const Edn& haystack, const Edn& value) {
  switch (haystack.kind) {
    case Edn::Kind::vector:
    case Edn::Kind::set:
    case Edn::Kind::tagged:
      return std::any_of(haystack.items.begin(), haystack.items.end(),
                         [&](const Edn& item) { return contains(item, value); });
    case Edn::Kind::map:
      return std::any_of(haystack.entries.begin(), haystack.entries.end(), [&](const auto& e) {
        return !is_plumbing_key(e.key) && contains(e.value, value);
      });
    default:
      return same_scalar(haystack, value);
  }
}

std::string ms_text(double ms) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3f ms", ms);
  return buffer;
}

std::string delivery_text(const Carrier& c) {
  return c.received_ms ? "received " + ms_text(*c.received_ms) : "NEVER DELIVERED";
}

}  // namespace

std::vector<std::string> journal_node_ids(const std::vector<Event>& events) {
  std::set<std::string> from_init, participants;
  for (const Event& event : events) {
    for (const std::string* id : {&event.message.src, &event.message.dest}) {
      if (!is_client(*id)) participants.insert(*id);
    }
    const Edn* ids = event.message.body.find_named("node_ids");
    if (body_type(event.message) == "init" && ids && ids->kind == Edn::Kind::vector) {
      for (const Edn& id : ids->items) from_init.insert(id.text);
    }
  }
  std::vector<std::string> nodes(from_init.empty() ? participants.begin() : from_init.begin(),
                                 from_init.empty() ? participants.end() : from_init.end());
  std::sort(nodes.begin(), nodes.end(), natural_less);
  return nodes;
}

bool body_carries(const Edn& body, const Edn& value) { return contains(body, value); }

Explanation explain(const std::vector<Event>& events, const Edn& value) {
  Explanation result;
  result.value = value;
  if (events.empty()) return result;
  const std::int64_t origin_ns = events.front().time_ns;
  const auto ms = [&](const Event& e) { return static_cast<double>(e.time_ns - origin_ns) / 1e6; };

  // Messages carrying the value, by id, in send order; deliveries fill in received_ms.
  std::vector<Carrier> carriers;
  std::unordered_map<std::int64_t, std::size_t> index_of;
  std::set<std::string> forwarders;
  for (const Event& event : events) {
    const Message& m = event.message;
    if (event.type == EventType::send && body_type(m) == "read_ok" && !is_client(m.src) &&
        !result.first_read.count(m.src) && body_carries(m.body, value)) {
      result.first_read[m.src] = FirstRead{m.dest, m.id, ms(event)};
    }
    if (body_type(m) == "read_ok" || !body_carries(m.body, value)) continue;
    if (event.type == EventType::send) {
      index_of[m.id] = carriers.size();
      carriers.push_back(Carrier{m.id, m.src, m.dest, body_type(m), ms(event), std::nullopt});
      if (!is_client(m.src) && !is_client(m.dest)) forwarders.insert(m.src);
      continue;
    }
    const auto found = index_of.find(m.id);
    if (found == index_of.end()) continue;  // a delivery without its send: ignore
    Carrier& carrier = carriers[found->second];
    carrier.received_ms = ms(event);
    if (!is_client(m.dest) && !result.first_arrival.count(m.dest)) {
      result.first_arrival[m.dest] = carrier;
    }
  }
  for (const Carrier& c : carriers) {
    (is_client(c.src) ? result.client_requests : result.server_messages).push_back(c);
  }
  for (const std::string& node : journal_node_ids(events)) {
    if (!result.first_arrival.count(node)) {
      result.never_received.push_back(node);
    } else if (!forwarders.count(node)) {
      result.not_forwarded.push_back(node);
    }
  }
  return result;
}

void print_explanation(std::ostream& out, const Explanation& x) {
  out << "value " << to_edn(x.value) << " (times in ms since the first journal event)\n";
  if (x.client_requests.empty() && x.server_messages.empty() && x.first_read.empty()) {
    out << "  never appears in any message body\n";
    return;
  }
  out << "client requests carrying it:\n";
  for (const Carrier& c : x.client_requests) {
    out << "  " << c.src << " -> " << c.dest << " " << c.type << " (msg " << c.message_id
        << ") sent " << ms_text(c.sent_ms) << ", " << delivery_text(c) << "\n";
  }
  if (x.client_requests.empty()) out << "  none\n";
  out << "server messages carrying it (" << x.server_messages.size() << "):\n";
  for (const Carrier& c : x.server_messages) {
    out << "  " << c.src << " -> " << c.dest << " " << c.type << " (msg " << c.message_id
        << ") sent " << ms_text(c.sent_ms) << ", " << delivery_text(c) << "\n";
  }
  out << "first arrival per node, in time order:\n";
  std::vector<std::pair<std::string, Carrier>> arrivals(x.first_arrival.begin(),
                                                        x.first_arrival.end());
  std::stable_sort(arrivals.begin(), arrivals.end(), [](const auto& a, const auto& b) {
    return *a.second.received_ms < *b.second.received_ms;
  });
  for (const auto& [node, c] : arrivals) {
    out << "  " << node << " at " << ms_text(*c.received_ms) << " from " << c.src << " (" << c.type
        << ", msg " << c.message_id << ")\n";
  }
  out << "never received by: ";
  if (x.never_received.empty()) out << "nobody (it reached every node)";
  for (const std::string& node : x.never_received) out << node << " ";
  out << "\nreceived but never forwarded to another server by: ";
  if (x.not_forwarded.empty()) out << "nobody";
  for (const std::string& node : x.not_forwarded) out << node << " ";
  out << "\nfirst read_ok containing it, per node:\n";
  for (const auto& [node, read] : x.first_read) {
    out << "  " << node << " -> " << read.client << " at " << ms_text(read.sent_ms) << " (msg "
        << read.message_id << ")\n";
  }
  if (x.first_read.empty()) out << "  none\n";
}

}  // namespace rumor::replay::journal
