#include "replay/journal/trace_traffic.hpp"

#include <algorithm>
#include <limits>
#include <variant>

#include "core/codec.hpp"

namespace rumor::replay::journal {
namespace {

struct Counter {
  RunReport& report;

  history::NetGroup& group(const std::string& src, const std::string& dest) {
    return is_client(src) || is_client(dest) ? report.net.clients : report.net.servers;
  }
  void send(const std::string& src, const std::string& dest, const std::string& type) {
    history::NetGroup& g = group(src, dest);
    ++g.send_count;
    ++g.msg_count;
    ++report.traffic.by_type[type].send_count;
    ++report.traffic.by_node[src].send_count;
    ++report.traffic.by_pair[{src, dest}].send_count;
    ++report.event_count;
  }
  void recv(const std::string& src, const std::string& dest, const std::string& type) {
    ++group(src, dest).recv_count;
    ++report.traffic.by_type[type].recv_count;
    ++report.traffic.by_node[dest].recv_count;
    ++report.traffic.by_pair[{src, dest}].recv_count;
    ++report.event_count;
  }
};

std::optional<core::Message> decoded(const std::string& line) {
  auto result = core::decode(line);
  if (auto* message = std::get_if<core::Message>(&result)) return std::move(*message);
  return std::nullopt;
}

}  // namespace

RunReport report_from_traces(const std::string& run_dir,
                             const std::vector<trace::NodeTrace>& traces,
                             std::optional<std::int64_t> op_count) {
  RunReport report;
  report.run_dir = run_dir;
  report.op_count = op_count;
  Counter counter{report};
  std::int64_t first_ms = std::numeric_limits<std::int64_t>::max();
  std::int64_t last_ms = std::numeric_limits<std::int64_t>::min();
  for (const auto& trace : traces) {
    for (const auto& input : trace.inputs) {
      first_ms = std::min(first_ms, input.now_ms);
      last_ms = std::max(last_ms, input.now_ms);
      if (input.kind == trace::TraceInput::Kind::line) {
        if (const auto message = decoded(input.line)) {
          const std::string type = core::type_name(message->body);
          if (is_client(message->src)) counter.send(message->src, trace.node, type);
          counter.recv(message->src, trace.node, type);
        }
      }
      for (const auto& line : input.outputs) {
        const auto message = decoded(line);
        if (!message) continue;
        const std::string type = core::type_name(message->body);
        counter.send(message->src, message->dest, type);
        if (is_client(message->dest)) counter.recv(message->src, message->dest, type);
      }
    }
  }
  report.net.all = report.net.clients + report.net.servers;
  if (first_ms <= last_ms) report.span_ms = static_cast<double>(last_ms - first_ms);
  return report;
}

}  // namespace rumor::replay::journal
