#include "replay/journal/diagnose_model.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <tuple>
#include <unordered_map>

#include "replay/history/check.hpp"
#include "replay/history/edn.hpp"
#include "replay/history/set_full.hpp"
#include "replay/journal/explain.hpp"

namespace rumor::replay::journal {
namespace {

bool is_plumbing_key(const Edn& key) {
  return key.text == "type" || key.text == "msg_id" || key.text == "in_reply_to";
}

void collect_integers(const Edn& value, std::vector<std::int64_t>& out) {
  switch (value.kind) {
    case Edn::Kind::integer:
      out.push_back(value.integer);
      break;
    case Edn::Kind::vector:
    case Edn::Kind::set:
    case Edn::Kind::tagged:
      for (const Edn& item : value.items) collect_integers(item, out);
      break;
    case Edn::Kind::map:
      for (const auto& [key, item] : value.entries) {
        if (!is_plumbing_key(key)) collect_integers(item, out);
      }
      break;
    default:
      break;
  }
}

std::vector<std::int64_t> body_values(const Edn& body) {
  std::vector<std::int64_t> values;
  collect_integers(body, values);
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values;
}

ReadReply read_reply(const Message& m, double at_ms) {
  ReadReply reply{at_ms, m.dest, {}, {}};
  if (const Edn* messages = m.body.find_named("messages")) {
    for (const Edn& item : messages->items) {
      if (item.kind == Edn::Kind::integer) {
        reply.values.push_back(item.integer);
      } else {
        reply.other.push_back(to_json(item));
      }
    }
  }
  std::sort(reply.values.begin(), reply.values.end());
  return reply;
}

std::optional<std::int64_t> integer_field(const Message& m, const char* key) {
  const Edn* field = m.body.find_named(key);
  if (field && field->kind == Edn::Kind::integer) return field->integer;
  return std::nullopt;
}

}  // namespace

RunModel model_from_events(const std::vector<Event>& events, const HistorySummary* history,
                           ModelSource source) {
  RunModel model;
  model.source = source;
  model.nodes = journal_node_ids(events);
  for (const std::string& node : model.nodes) model.reads[node];
  if (events.empty()) return model;
  if (history) model.partitions = partition_spans_ms(events, *history);
  const std::int64_t origin_ns = events.front().time_ns;
  // (node, client, msg_id) of a broadcast request -> its index, for the broadcast_ok.
  std::map<std::tuple<std::string, std::string, std::int64_t>, std::size_t> pending;
  std::unordered_map<std::int64_t, std::size_t> message_index;
  for (const Event& event : events) {
    const Message& m = event.message;
    const double ms = static_cast<double>(event.time_ns - origin_ns) / 1e6;
    model.end_ms = ms;
    const bool from_client = is_client(m.src), to_client = is_client(m.dest);
    if (event.type == EventType::recv) {
      if (from_client || to_client) continue;
      const auto found = message_index.find(m.id);
      if (found != message_index.end()) model.messages[found->second].received_ms = ms;
      continue;
    }
    const std::string type = body_type(m);
    if (from_client && type == "broadcast") {
      const auto value = integer_field(m, "message");
      if (!value) continue;
      pending[{m.dest, m.src, integer_field(m, "msg_id").value_or(-1)}] = model.broadcasts.size();
      model.broadcasts.push_back(ClientBroadcast{*value, m.src, m.dest, ms, std::nullopt});
    } else if (to_client && type == "broadcast_ok") {
      const auto found =
          pending.find({m.src, m.dest, integer_field(m, "in_reply_to").value_or(-1)});
      if (found != pending.end()) model.broadcasts[found->second].acked_ms = ms;
    } else if (to_client && type == "read_ok") {
      model.reads[m.src].push_back(read_reply(m, ms));
    } else if (!from_client && !to_client) {
      message_index[m.id] = model.messages.size();
      model.messages.push_back(
          PeerMessage{m.id, m.src, m.dest, ms, std::nullopt, body_values(m.body)});
    }
  }
  return model;
}

RunModel model_from_history(const history::History& history) {
  RunModel model;
  model.source = ModelSource::history;
  std::set<std::int64_t> processes;
  std::int64_t final_reads = 0;
  for (const history::Op& op : history) {
    if (op.process) processes.insert(*op.process);
    if (op.process && op.type == history::OpType::invoke && op.final_read) ++final_reads;
  }
  // Jepsen renumbers a crashed worker's process by adding the worker count.
  const std::int64_t workers =
      final_reads > 0 ? final_reads : std::max<std::int64_t>(1, std::ssize(processes));
  const auto worker = [&](std::int64_t process) { return "p" + std::to_string(process % workers); };
  for (std::int64_t w = 0; w < workers; ++w) model.nodes.push_back("p" + std::to_string(w));
  for (const std::string& node : model.nodes) model.reads[node];
  std::map<std::int64_t, std::size_t> open_broadcast;  // process -> broadcast index
  std::vector<std::pair<double, bool>> nemesis;        // (ms, starts a partition)
  bool open = false;
  double open_from = 0;
  for (const history::Op& op : history) {
    const double ms = static_cast<double>(op.time_ns) / 1e6;
    model.end_ms = std::max(model.end_ms, ms);
    if (!op.process) {
      if (op.f == "start-partition" && !open) open = true, open_from = ms;
      const auto* raw = std::get_if<history::RawEdn>(&op.value);
      if (op.f == "stop-partition" && open && raw && raw->text == ":network-healed") {
        model.partitions.push_back({open_from, ms});
        open = false;
      }
      continue;
    }
    const std::string node = worker(*op.process);
    if (op.f == "broadcast" && op.type == history::OpType::invoke) {
      if (const auto* value = std::get_if<std::int64_t>(&op.value)) {
        open_broadcast[*op.process] = model.broadcasts.size();
        model.broadcasts.push_back(ClientBroadcast{*value, "process " + std::to_string(*op.process),
                                                   node, ms, std::nullopt});
      }
    } else if (op.f == "broadcast" && op.type == history::OpType::ok) {
      const auto found = open_broadcast.find(*op.process);
      if (found != open_broadcast.end()) model.broadcasts[found->second].acked_ms = ms;
    } else if (op.f == "read" && op.type == history::OpType::ok) {
      ReadReply reply{ms, "process " + std::to_string(*op.process), {}, {}};
      if (const auto* values = std::get_if<core::ValueLog>(&op.value)) {
        reply.values.assign(values->begin(), values->end());
      } else if (const auto* raw = std::get_if<history::RawEdn>(&op.value)) {
        for (const history::Edn& item : history::parse_edn(raw->text).items) {
          if (item.kind == history::Edn::Kind::integer) {
            reply.values.push_back(item.integer);
          } else {
            reply.other.push_back(history::to_json(item));
          }
        }
      }
      std::sort(reply.values.begin(), reply.values.end());
      model.reads[node].push_back(std::move(reply));
    }
  }
  if (open) model.partitions.push_back({open_from, model.end_ms});
  return model;
}

namespace {

std::vector<std::int64_t> integers_of(const history::Edn* list) {
  std::vector<std::int64_t> values;
  if (!list) return values;
  for (const history::Edn& item : list->items) {
    if (item.kind == history::Edn::Kind::integer) values.push_back(item.integer);
  }
  return values;
}

}  // namespace

Verdict run_verdict(const std::string& run_dir, const history::History& history) {
  Verdict verdict;
  const std::string path = run_dir + "/results.edn";
  history::Edn results;
  if (std::filesystem::exists(path)) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    results = history::parse_edn(text.str());
  } else {
    verdict.recomputed = true;
    results = history::check(history, std::nullopt);
  }
  verdict.valid = history::validity_of(results) == history::Validity::valid;
  const history::Edn* workload = results.find("workload");
  if (workload) {
    verdict.lost = integers_of(workload->find("lost"));
    verdict.never_read = integers_of(workload->find("never-read"));
  }
  return verdict;
}

}  // namespace rumor::replay::journal
