#include "replay/trace/rerun_report.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <map>

#include "replay/json_members.hpp"

namespace rumor::replay::trace {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

// "name": [texts].
void strings(JsonWriter& w, const char* name, const std::vector<std::string>& texts) {
  w.Key(name);
  w.StartArray();
  for (const auto& text : texts)
    w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
  w.EndArray();
}

std::string input_text(const TraceInput& input) {
  if (input.kind == TraceInput::Kind::tick) return "#tick " + std::to_string(input.now_ms);
  return "#in " + std::to_string(input.now_ms) + " " + input.line;
}

void divergence_json(JsonWriter& w, const Divergence& d) {
  w.StartObject();
  json::member(w, "node", d.node);
  json::member(w, "input-number", d.input_number);
  json::member(w, "log-line", d.input.log_line);
  json::member(w, "input", input_text(d.input));
  json::member(w, "reason", d.reason);
  strings(w, "expected", d.expected);
  strings(w, "actual", d.actual);
  w.EndObject();
}

void hop_json(JsonWriter& w, const Hop& hop) {
  w.StartObject();
  json::member(w, "node", hop.node);
  json::member(w, "peer", hop.peer);
  json::member(w, "type", hop.type);
  json::member(w, "time-ms", hop.time_ms);
  json::member(w, "input-number", hop.input_number);
  w.EndObject();
}

// Node -> hop, as an object keyed by node.
void hops_json(JsonWriter& w, const char* name,
               const std::map<std::string, Hop, NaturalOrder>& hops) {
  w.Key(name);
  w.StartObject();
  for (const auto& [node, hop] : hops) {
    w.Key(node.c_str());
    hop_json(w, hop);
  }
  w.EndObject();
}

}  // namespace

std::size_t total_divergences(const std::vector<NodeRerun>& reruns) {
  std::size_t total = 0;
  for (const auto& rerun : reruns) total += rerun.divergences;
  return total;
}

void print_divergence(std::ostream& out, const Divergence& d) {
  out << "first divergence: node " << d.node << ", input #" << d.input_number << " (log line "
      << d.input.log_line << "): " << d.reason << "\n  input:    " << input_text(d.input)
      << "\n  expected (what the node wrote):\n";
  if (d.expected.empty()) out << "    (nothing)\n";
  for (const auto& line : d.expected) out << "    " << line << "\n";
  out << "  actual (the re-run core):\n";
  if (d.actual.empty()) out << "    (nothing)\n";
  for (const auto& line : d.actual) out << "    " << line << "\n";
}

void print_rerun_summary(std::ostream& out, const std::vector<NodeRerun>& reruns) {
  std::size_t inputs = 0;
  std::size_t outputs = 0;
  for (const auto& rerun : reruns) {
    inputs += rerun.inputs;
    outputs += rerun.outputs;
  }
  const std::size_t divergences = total_divergences(reruns);
  out << "re-ran " << reruns.size() << " node traces: " << inputs << " inputs, " << outputs
      << " outputs compared: ";
  if (divergences == 0) {
    out << "every output reproduced byte for byte\n";
    return;
  }
  out << divergences << " inputs diverged\n";
  for (const auto& rerun : reruns) {
    if (rerun.divergences > 0) {
      out << "  " << rerun.node << ": " << rerun.divergences << " of " << rerun.inputs
          << " inputs\n";
    }
  }
  for (const auto& rerun : reruns) {
    if (rerun.first) {
      print_divergence(out, *rerun.first);
      break;
    }
  }
}

std::string reruns_json(const std::vector<NodeRerun>& reruns) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("nodes");
  w.StartObject();
  for (const auto& rerun : reruns) {
    w.Key(rerun.node.c_str());
    w.StartObject();
    json::member(w, "inputs", rerun.inputs);
    json::member(w, "outputs", rerun.outputs);
    json::member(w, "divergences", rerun.divergences);
    w.EndObject();
  }
  w.EndObject();
  w.Key("first-divergence");
  const Divergence* first = nullptr;
  for (const auto& rerun : reruns) {
    if (rerun.first && !first) first = &*rerun.first;
  }
  if (first) {
    divergence_json(w, *first);
  } else {
    w.Null();
  }
  w.EndObject();
  return buffer.GetString();
}

std::string trace_explanation_json(const TraceExplanation& e) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  json::member(w, "value", e.value);
  hops_json(w, "first-arrival", e.first);
  hops_json(w, "first-read", e.read);
  json::member(w, "deliveries", e.received.size());
  json::member(w, "forwarded", e.forwarded);
  strings(w, "never-received", e.never_received);
  strings(w, "not-forwarded", e.not_forwarded);
  w.EndObject();
  return buffer.GetString();
}

}  // namespace rumor::replay::trace
