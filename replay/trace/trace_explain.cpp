#include "replay/trace/trace_explain.hpp"

#include <algorithm>
#include <limits>
#include <set>
#include <variant>

#include "core/codec.hpp"

namespace rumor::replay::trace {
namespace {

bool is_client(const std::string& id) { return !id.empty() && id[0] == 'c'; }

bool carries(const core::Body& body, core::Value value) {
  if (const auto* broadcast = std::get_if<core::Broadcast>(&body)) {
    return broadcast->message == value;
  }
  if (const auto* gossip = std::get_if<core::Gossip>(&body)) {
    return std::find(gossip->values.begin(), gossip->values.end(), value) != gossip->values.end();
  }
  if (const auto* read_ok = std::get_if<core::ReadOk>(&body)) {
    return std::find(read_ok->messages.begin(), read_ok->messages.end(), value) !=
           read_ok->messages.end();
  }
  return false;
}

std::optional<core::Message> decoded(const std::string& line) {
  auto result = core::decode(line);
  if (auto* message = std::get_if<core::Message>(&result)) return std::move(*message);
  return std::nullopt;
}

std::int64_t first_time_ms(const std::vector<NodeTrace>& traces) {
  std::int64_t first = std::numeric_limits<std::int64_t>::max();
  for (const auto& trace : traces) {
    if (!trace.inputs.empty()) first = std::min(first, trace.inputs.front().now_ms);
  }
  return first == std::numeric_limits<std::int64_t>::max() ? 0 : first;
}

// Scans one node's trace for the value; fills received, read, and the forwarded counts.
void scan_node(const NodeTrace& trace, core::Value value, std::int64_t origin_ms,
               TraceExplanation& explanation, std::set<std::string>& forwarders) {
  for (std::size_t k = 0; k < trace.inputs.size(); ++k) {
    const TraceInput& input = trace.inputs[k];
    const std::int64_t time_ms = input.now_ms - origin_ms;
    if (input.kind == TraceInput::Kind::line) {
      const auto message = decoded(input.line);
      if (message && carries(message->body, value)) {
        explanation.received.push_back(Hop{.node = trace.node,
                                           .peer = message->src,
                                           .type = core::type_name(message->body),
                                           .time_ms = time_ms,
                                           .input_number = k + 1});
      }
    }
    for (const std::string& line : input.outputs) {
      const auto message = decoded(line);
      if (!message || !carries(message->body, value)) continue;
      Hop hop{.node = trace.node,
              .peer = message->dest,
              .type = core::type_name(message->body),
              .time_ms = time_ms,
              .input_number = k + 1};
      if (std::holds_alternative<core::ReadOk>(message->body)) {
        explanation.read.emplace(trace.node, hop);  // keeps the first
      } else if (!is_client(message->dest)) {
        ++explanation.forwarded;
        forwarders.insert(trace.node);
      }
    }
  }
}

}  // namespace

TraceExplanation explain_from_traces(const std::vector<NodeTrace>& traces, core::Value value) {
  TraceExplanation explanation;
  explanation.value = value;
  const std::int64_t origin_ms = first_time_ms(traces);
  std::set<std::string> forwarders;
  for (const auto& trace : traces) scan_node(trace, value, origin_ms, explanation, forwarders);
  std::stable_sort(explanation.received.begin(), explanation.received.end(),
                   [](const Hop& a, const Hop& b) { return a.time_ms < b.time_ms; });
  for (const Hop& hop : explanation.received) explanation.first.emplace(hop.node, hop);
  for (const auto& trace : traces) {
    if (!explanation.first.contains(trace.node)) {
      explanation.never_received.push_back(trace.node);
    } else if (!forwarders.contains(trace.node)) {
      explanation.not_forwarded.push_back(trace.node);
    }
  }
  return explanation;
}

void print_trace_explanation(std::ostream& out, const TraceExplanation& explanation) {
  out << "value " << explanation.value
      << " (from the node traces; ms since the run's first input)\n";
  if (explanation.received.empty()) {
    out << "  no node ever received it\n";
    return;
  }
  out << "first arrival per node:\n";
  std::vector<Hop> firsts;
  for (const auto& [node, hop] : explanation.first) firsts.push_back(hop);
  std::stable_sort(firsts.begin(), firsts.end(),
                   [](const Hop& a, const Hop& b) { return a.time_ms < b.time_ms; });
  for (const Hop& hop : firsts) {
    out << "  " << hop.node << " at " << hop.time_ms << " ms from " << hop.peer << " (" << hop.type
        << ", input #" << hop.input_number << ")\n";
  }
  out << "deliveries carrying it: " << explanation.received.size() << " ("
      << explanation.received.size() - explanation.first.size() << " redundant); node-to-node "
      << "sends carrying it: " << explanation.forwarded << "\n";
  if (!explanation.read.empty()) {
    out << "first read showing it:\n";
    for (const auto& [node, hop] : explanation.read) {
      out << "  " << node << " at " << hop.time_ms << " ms to " << hop.peer << " (input #"
          << hop.input_number << ")\n";
    }
  }
  out << "never received by:";
  if (explanation.never_received.empty()) out << " (every node got it)";
  for (const auto& node : explanation.never_received) out << ' ' << node;
  out << "\nreceived but never passed on by:";
  if (explanation.not_forwarded.empty()) out << " (none)";
  for (const auto& node : explanation.not_forwarded) out << ' ' << node;
  out << '\n';
}

}  // namespace rumor::replay::trace
