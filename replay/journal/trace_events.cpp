#include "replay/journal/trace_events.hpp"

#include <algorithm>
#include <span>
#include <unordered_map>
#include <variant>

#include "core/codec.hpp"

namespace rumor::replay::journal {
namespace {

std::optional<core::Message> decoded(const std::string& line) {
  auto result = core::decode(line);
  if (auto* message = std::get_if<core::Message>(&result)) return std::move(*message);
  return std::nullopt;
}

Edn int_list(std::span<const core::Value> values) {
  std::vector<Edn> items;
  items.reserve(values.size());
  for (core::Value v : values) items.push_back(Edn::of_int(v));
  return Edn::of_vector(std::move(items));
}

// The body as the journal would hold it, reduced to what the diagnosis reads.
Edn body_value(const core::Message& m, bool read_lists) {
  Edn body = Edn::of_map();
  body.set("type", Edn::of_string(core::type_name(m.body)));
  if (m.msg_id) body.set("msg_id", Edn::of_int(*m.msg_id));
  if (m.in_reply_to) {
    body.set("in_reply_to", Edn::of_int(*m.in_reply_to));
  }
  if (const auto* b = std::get_if<core::Broadcast>(&m.body)) {
    body.set("message", Edn::of_int(b->message));
  } else if (const auto* r = std::get_if<core::ReadOk>(&m.body)) {
    body.set("messages", read_lists
                             ? int_list(r->messages)
                             : Edn::of_string(std::to_string(r->messages.size()) + " values"));
  } else if (const auto* g = std::get_if<core::Gossip>(&m.body)) {
    body.set("v", int_list(g->values));
  } else if (const auto* init = std::get_if<core::Init>(&m.body)) {
    std::vector<Edn> ids;
    for (const std::string& id : init->node_ids) ids.push_back(Edn::of_string(id));
    body.set("node_ids", Edn::of_vector(std::move(ids)));
  }
  return body;
}

// What identifies a server message between its send and its delivery: the envelope, the ids and,
// for gossip, the stream position, ack and the first and last value (cheaper than re-encoding).
std::string pair_key(const core::Message& m) {
  std::string key = m.src + ' ' + m.dest + ' ' + core::type_name(m.body);
  for (const auto& id : {m.msg_id, m.in_reply_to}) key += ' ' + (id ? std::to_string(*id) : "-");
  if (const auto* g = std::get_if<core::Gossip>(&m.body)) {
    key += ' ' + std::to_string(g->offset) + ' ' + std::to_string(g->ack) + ' ' +
           std::to_string(g->values.size());
    if (!g->values.empty()) {
      key += ' ' + std::to_string(g->values.front()) + ' ' + std::to_string(g->values.back());
    }
  } else if (const auto* b = std::get_if<core::Broadcast>(&m.body)) {
    key += ' ' + std::to_string(b->message);
  }
  return key;
}

struct Builder {
  std::vector<Event> events;
  // (src, dest, canonical line) -> ids of sends not yet delivered, oldest first.
  std::unordered_map<std::string, std::vector<std::int64_t>> in_flight;
  std::int64_t next_id = 1;
  bool read_lists = true;

  void add(EventType type, std::int64_t id, std::int64_t now_ms, const core::Message& m) {
    Event event;
    event.id = static_cast<std::int64_t>(events.size());
    event.time_ns = now_ms * 1'000'000;
    event.type = type;
    event.message = Message{id, m.src, m.dest, body_value(m, read_lists)};
    events.push_back(std::move(event));
  }
  void send(std::int64_t now_ms, const core::Message& m) {
    const std::int64_t id = next_id++;
    add(EventType::send, id, now_ms, m);
    if (is_client(m.dest)) {
      add(EventType::recv, id, now_ms, m);
    } else {
      in_flight[pair_key(m)].push_back(id);
    }
  }
  void receive(std::int64_t now_ms, const core::Message& m) {
    if (is_client(m.src)) {
      const std::int64_t id = next_id++;
      add(EventType::send, id, now_ms, m);
      add(EventType::recv, id, now_ms, m);
      return;
    }
    auto found = in_flight.find(pair_key(m));
    if (found == in_flight.end() || found->second.empty()) return;  // its send is not traced
    add(EventType::recv, found->second.front(), now_ms, m);
    found->second.erase(found->second.begin());  // one or two entries
  }
};

}  // namespace

std::vector<Event> events_from_traces(const std::vector<trace::NodeTrace>& traces,
                                      bool read_lists) {
  // Every step in time order across nodes (a node's own steps keep their order).
  struct Step {
    std::int64_t now_ms;
    std::size_t node;
    std::size_t input;
  };
  std::vector<Step> steps;
  for (std::size_t n = 0; n < traces.size(); ++n) {
    for (std::size_t i = 0; i < traces[n].inputs.size(); ++i) {
      steps.push_back({traces[n].inputs[i].now_ms, n, i});
    }
  }
  std::stable_sort(steps.begin(), steps.end(),
                   [](const Step& a, const Step& b) { return a.now_ms < b.now_ms; });
  // Sends (and client requests, which precede their replies) first, so a delivery in the same
  // millisecond finds its send whatever the node order.
  Builder builder;
  builder.read_lists = read_lists;
  std::size_t lines = 0;
  for (const Step& step : steps) {
    const trace::TraceInput& input = traces[step.node].inputs[step.input];
    lines += input.outputs.size() + (input.kind == trace::TraceInput::Kind::line ? 2 : 0);
  }
  builder.events.reserve(lines * 2);
  for (const Step& step : steps) {
    const trace::TraceInput& input = traces[step.node].inputs[step.input];
    if (input.kind == trace::TraceInput::Kind::line) {
      if (const auto m = decoded(input.line); m && is_client(m->src))
        builder.receive(step.now_ms, *m);
    }
    for (const std::string& line : input.outputs) {
      if (const auto m = decoded(line)) builder.send(step.now_ms, *m);
    }
  }
  for (const Step& step : steps) {
    const trace::TraceInput& input = traces[step.node].inputs[step.input];
    if (input.kind != trace::TraceInput::Kind::line) continue;
    if (const auto m = decoded(input.line); m && !is_client(m->src)) {
      builder.receive(input.now_ms, *m);
    }
  }
  // Sorted through an index: moving whole events around in a merge sort costs more than all
  // the rest for a 25-node run.
  std::vector<std::size_t> order(builder.events.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  const std::vector<Event>& unsorted = builder.events;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const Event &x = unsorted[a], &y = unsorted[b];
    if (x.time_ns != y.time_ns) return x.time_ns < y.time_ns;
    return x.type == EventType::send && y.type == EventType::recv;
  });
  std::vector<Event> events;
  events.reserve(order.size());
  for (std::size_t i : order) {
    events.push_back(std::move(builder.events[i]));
    events.back().id = static_cast<std::int64_t>(events.size() - 1);
  }
  return events;
}

}  // namespace rumor::replay::journal
