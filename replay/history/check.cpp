// Composition of the checkers (Jepsen's checker.clj) and the small ones: stats, availability,
// exceptions, net. The set-full workload checker is in set_full.cpp.
#include "replay/history/check.hpp"

#include <algorithm>
#include <cstdlib>
#include <exception>
#include <functional>
#include <stdexcept>

#include "replay/history/history_io.hpp"
#include "replay/history/set_full.hpp"

namespace rumor::replay::history {
namespace {

Edn valid_only() { return Edn::of_map().set("valid?", Edn::of_bool(true)); }

// Jepsen runs each checker under a guard: an exception makes it :unknown instead of aborting.
Edn guarded(const std::function<Edn()>& checker) {
  try {
    return checker();
  } catch (const std::exception& error) {
    return Edn::of_map()
        .set("valid?", Edn::of_keyword("unknown"))
        .set("error", Edn::of_string(error.what()));
  }
}

struct OutcomeCounts {
  std::int64_t count = 0, ok_count = 0, fail_count = 0, info_count = 0;

  void add(OpType type) {
    count += 1;
    if (type == OpType::ok) ok_count += 1;
    if (type == OpType::fail) fail_count += 1;
    if (type == OpType::info) info_count += 1;
  }

  Edn to_edn(Edn valid) const {
    return Edn::of_map()
        .set("valid?", std::move(valid))
        .set("count", Edn::of_int(count))
        .set("ok-count", Edn::of_int(ok_count))
        .set("fail-count", Edn::of_int(fail_count))
        .set("info-count", Edn::of_int(info_count));
  }
};

Edn net_group(const NetGroup& group) {
  return Edn::of_map()
      .set("send-count", Edn::of_int(group.send_count))
      .set("recv-count", Edn::of_int(group.recv_count))
      .set("msg-count", Edn::of_int(group.msg_count));
}

// The :type of the first cause in an op's :exception map, which Jepsen groups by.
Edn exception_class(const Op& op) {
  for (const auto& [key, raw] : op.extra) {
    if (key != "exception") continue;
    const Edn exception = parse_edn(raw);
    const Edn* via = exception.find("via");
    if (via == nullptr || !via->is_sequential() || via->items.empty()) return Edn::nil_value();
    const Edn* type = via->items.front().find("type");
    return type != nullptr ? *type : Edn::nil_value();
  }
  return Edn::nil_value();
}

bool has_exception(const Op& op) {
  for (const auto& [key, raw] : op.extra) {
    if (key == "exception" && raw != "nil" && raw != "false") return true;
  }
  return false;
}

}  // namespace

Edn merge_valid(const std::vector<Edn>& valids) {
  Edn merged = Edn::of_bool(true);
  for (const Edn& valid : valids) {
    if (valid == Edn::of_bool(false)) return valid;
    if (!(valid == Edn::of_bool(true))) merged = Edn::of_keyword("unknown");
  }
  return merged;
}

std::int64_t op_count(const History& history) {
  std::int64_t count = 0;
  for (const Op& op : history) {
    if (op.process && op.type == OpType::invoke) count += 1;
  }
  return count;
}

Edn check_stats(const History& history) {
  OutcomeCounts total;
  // A few distinct :f values: a short list searched in order beats a map's node per lookup;
  // sorted afterwards, as Jepsen's (into (sorted-map) ...).
  std::vector<std::pair<std::string, OutcomeCounts>> by_f;
  for (const Op& op : history) {
    if (!op.process || op.type == OpType::invoke) continue;
    total.add(op.type);
    auto group =
        std::find_if(by_f.begin(), by_f.end(), [&](const auto& g) { return g.first == op.f; });
    if (group == by_f.end()) group = by_f.insert(by_f.end(), {op.f, OutcomeCounts{}});
    group->second.add(op.type);
  }
  std::sort(by_f.begin(), by_f.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  Edn groups = Edn::of_map();
  std::vector<Edn> valids;
  for (const auto& [f, counts] : by_f) {
    valids.push_back(Edn::of_bool(counts.ok_count > 0));
    groups.entries.push_back({Edn::of_keyword(f), counts.to_edn(valids.back())});
  }
  Edn stats = total.to_edn(merge_valid(valids));
  stats.set("by-f", std::move(groups));
  return stats;
}

Edn check_availability(const History& history, const CheckOptions& options) {
  std::int64_t invocations = 0;
  std::int64_t oks = 0;
  for (const Op& op : history) {
    if (op.type == OpType::invoke) invocations += 1;
    if (op.type == OpType::ok) oks += 1;
  }
  const Edn ok_fraction =
      invocations == 0 ? Edn::of_int(1) : Edn::of_float(msgs_per_op(oks, invocations));
  bool valid = true;
  if (options.availability == "total") {
    valid = ok_fraction.as_number() == 1.0;
  } else if (options.availability) {
    char* end = nullptr;
    const double minimum = std::strtod(options.availability->c_str(), &end);
    if (options.availability->empty() || *end != '\0' || !(minimum >= 0 && minimum <= 1)) {
      throw std::invalid_argument("availability must be 'total' or a number in [0,1], not '" +
                                  *options.availability + "'");
    }
    valid = minimum <= ok_fraction.as_number();
  }
  return Edn::of_map().set("valid?", Edn::of_bool(valid)).set("ok-fraction", ok_fraction);
}

Edn check_exceptions(const History& history) {
  struct Group {
    Edn exception_class;
    std::int64_t count = 0;
    const Op* example = nullptr;
  };
  std::vector<Group> groups;  // in order of first appearance
  for (const Op& op : history) {
    if (op.type != OpType::info || !has_exception(op)) continue;
    Edn class_name = exception_class(op);
    auto group = std::find_if(groups.begin(), groups.end(),
                              [&](const Group& g) { return g.exception_class == class_name; });
    if (group == groups.end()) {
      groups.push_back({std::move(class_name), 0, &op});
      group = groups.end() - 1;
    }
    group->count += 1;
  }
  if (groups.empty()) return valid_only();
  // Jepsen: (reverse (sort-by count groups)), so equal counts come out in reverse order.
  std::stable_sort(groups.begin(), groups.end(),
                   [](const Group& a, const Group& b) { return a.count < b.count; });
  std::reverse(groups.begin(), groups.end());
  Edn list = Edn::of_list();
  for (const Group& group : groups) {
    list.items.push_back(Edn::of_map()
                             .set("count", Edn::of_int(group.count))
                             .set("class", group.exception_class)
                             .set("example", op_to_edn(*group.example, true)));
  }
  Edn exceptions = valid_only();
  exceptions.set("exceptions", std::move(list));
  return exceptions;
}

Edn check_net(const History& history, const std::optional<NetCounts>& net) {
  const std::int64_t ops = op_count(history);
  if (!net)
    return Edn::of_map().set("op-count", Edn::of_int(ops)).set("valid?", Edn::of_bool(true));
  Edn all = net_group(net->all);
  Edn servers = net_group(net->servers);
  if (ops > 0) {
    all.set("msgs-per-op", Edn::of_float(msgs_per_op(net->all.msg_count, ops)));
    servers.set("msgs-per-op", Edn::of_float(msgs_per_op(net->servers.msg_count, ops)));
  }
  if (!net->servers_by_type.empty()) {
    Edn by_type = Edn::of_map();
    for (const auto& [type, count] : net->servers_by_type) {
      by_type.entries.push_back({Edn::of_string(type), Edn::of_int(count)});
    }
    servers.set("by-type", std::move(by_type));
  }
  return Edn::of_map()
      .set("all", std::move(all))
      .set("clients", net_group(net->clients))
      .set("servers", std::move(servers))
      .set("valid?", Edn::of_bool(true));
}

Edn check(const History& history, const std::optional<NetCounts>& net,
          const CheckOptions& options) {
  Edn perf = Edn::of_map()
                 .set("latency-graph", valid_only())
                 .set("rate-graph", valid_only())
                 .set("valid?", Edn::of_bool(true));
  Edn results = Edn::of_map();
  results.set("perf", std::move(perf));
  results.set("timeline", valid_only());
  results.set("exceptions", guarded([&] { return check_exceptions(history); }));
  results.set("stats", guarded([&] { return check_stats(history); }));
  results.set("availability", guarded([&] { return check_availability(history, options); }));
  results.set("net", guarded([&] { return check_net(history, net); }));
  results.set("workload", guarded([&] { return check_set_full(history); }));
  std::vector<Edn> valids;
  for (const EdnEntry& entry : results.entries) valids.push_back(*entry.value.find("valid?"));
  results.set("valid?", merge_valid(valids));
  return results;  // moved out; `return results.set(...)` would copy the whole tree
}

Validity validity_of(const Edn& results) {
  const Edn* valid = results.find("valid?");
  if (valid != nullptr && *valid == Edn::of_bool(true)) return Validity::valid;
  if (valid != nullptr && *valid == Edn::of_bool(false)) return Validity::invalid;
  return Validity::unknown;
}

int exit_code(Validity validity) {
  switch (validity) {
    case Validity::valid:
      return 0;
    case Validity::invalid:
      return 1;
    case Validity::unknown:
      return 2;
  }
  return 2;
}

}  // namespace rumor::replay::history
