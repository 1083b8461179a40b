#include "replay/journal/net_stats.hpp"

#include <charconv>
#include <cstdlib>
#include <set>

namespace rumor::replay::journal {
namespace {

void count(history::NetGroup& counts, std::set<std::int64_t>& ids, const Event& event) {
  if (event.type == EventType::send) {
    ++counts.send_count;
  } else {
    ++counts.recv_count;
  }
  if (ids.insert(event.message.id).second) ++counts.msg_count;
}

void count(SendRecv& counts, EventType type) {
  if (type == EventType::send) {
    ++counts.send_count;
  } else {
    ++counts.recv_count;
  }
}

}  // namespace

history::NetCounts net_stats(const std::vector<Event>& events) {
  history::NetCounts stats;
  std::set<std::int64_t> all_ids, client_ids, server_ids;
  for (const Event& event : events) {
    count(stats.all, all_ids, event);
    if (involves_client(event.message)) {
      count(stats.clients, client_ids, event);
    } else {
      count(stats.servers, server_ids, event);
    }
  }
  return stats;
}

std::optional<float> msgs_per_op(std::int64_t msg_count, std::int64_t op_count) {
  if (op_count <= 0) return std::nullopt;
  return history::msgs_per_op(msg_count, op_count);
}

std::string format_java_float(float value) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  std::string text(buffer, result.ptr);
  if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
  return text;
}

Traffic traffic(const std::vector<Event>& events) {
  Traffic result;
  for (const Event& event : events) {
    const Message& m = event.message;
    count(result.by_type[body_type(m)], event.type);
    count(result.by_pair[{m.src, m.dest}], event.type);
    // A node "sends" what it puts on the wire and "receives" what is delivered to it.
    if (event.type == EventType::send) {
      ++result.by_node[m.src].send_count;
    } else {
      ++result.by_node[m.dest].recv_count;
    }
  }
  return result;
}

bool natural_less(const std::string& a, const std::string& b) {
  if (is_client(a) != is_client(b)) return !is_client(a);
  const auto digits_at = a.find_first_of("0123456789");
  const auto b_digits_at = b.find_first_of("0123456789");
  if (digits_at != std::string::npos && digits_at == b_digits_at &&
      a.compare(0, digits_at, b, 0, digits_at) == 0) {
    const long long x = std::atoll(a.c_str() + digits_at);
    const long long y = std::atoll(b.c_str() + digits_at);
    if (x != y) return x < y;
  }
  return a < b;
}

}  // namespace rumor::replay::journal
