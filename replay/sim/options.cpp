#include "replay/sim/options.hpp"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <functional>
#include <map>
#include <sstream>

#include "core/profile.hpp"
#include "replay/sim/generator.hpp"
#include "replay/sim/topology.hpp"

namespace rumor::sim {

namespace {

template <typename T>
std::optional<T> parse_number(const std::string& text) {
  T value{};
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, ',')) {
    if (!part.empty()) parts.push_back(part);
  }
  return parts;
}

}  // namespace

std::vector<std::string> numbered_node_ids(std::size_t count) {
  std::vector<std::string> ids;
  ids.reserve(count);
  for (std::size_t k = 0; k < count; ++k) {
    std::string id = "n";  // appended, not "n" + ...: g++ 12 warns falsely (-Wrestrict) there
    id += std::to_string(k);
    ids.push_back(std::move(id));
  }
  return ids;
}

std::string test_usage() {
  std::ostringstream out;
  out << "usage: rumor test -w broadcast [options]\n"
         "Runs a simulated Maelstrom broadcast test on the embedded node, in virtual time\n"
         "(or, with --bin, on real node processes in wall-clock time).\n"
         "  -w, --workload NAME        broadcast (required)\n"
         "      --node-count N         nodes n0..n(N-1) (default: n1..n5, like Jepsen)\n"
         "      --nodes A,B,...        explicit node ids (also -n A, repeatable)\n"
         "      --time-limit S         seconds of main phase (default 60)\n"
         "      --rate R               client ops per second, network-wide (default 5)\n"
         "      --latency MS           node-to-node latency (default 0)\n"
         "      --latency-dist D       constant | uniform | exponential (default constant)\n"
         "      --topology T           grid | line | total | tree | tree2 | tree3 | tree4 "
         "(default grid)\n"
         "      --nemesis partition    partition the network now and then\n"
         "      --nemesis-interval S   mean seconds between nemesis ops (default 10)\n"
         "      --concurrency K|Kn     client workers (default 1n = one per node)\n"
         "      --availability A       total or a fraction in [0, 1]\n"
         "      --seed X               seed of every random choice (default "
      << default_seed
      << ")\n"
         "      --profile NAME         node tuning profile:";
  for (const auto& name : core::profile_names()) out << ' ' << name;
  out << "\n"
         "      --tick-ms N            node tick period in ms (default 10)\n"
         "      --jepsen-slip-ms MS    add MS to every client op gap, as a slow Jepsen host\n"
         "                             does (real runs: 0-1.7 at rate 100; default 0)\n"
         "      --json                 print the results as one JSON object\n"
         "      --no-store             do not write store/broadcast/<time>/\n"
         "      --bin FILE [ARGS...]   process mode: run FILE (any Maelstrom node) as every node,\n"
         "                             with the ARGS up to the next flag, in wall-clock time;\n"
         "                             its stderr goes to store/.../node-logs/<node>.log\n";
  return out.str();
}

ParsedOptions parse_test_options(const std::vector<std::string>& args) {
  TestOptions options;
  std::optional<std::int64_t> node_count;
  std::vector<std::string> nodes;
  std::string error;
  auto fail = [&](std::string why) {
    if (error.empty()) error = std::move(why);
    return false;
  };

  // Handlers for flags that take a value; each returns false (and sets error) on a bad value.
  const std::map<std::string, std::function<bool(const std::string&)>> valued = {
      {"--workload",
       [&](const std::string& v) {
         options.workload = v;
         return true;
       }},
      {"--node-count",
       [&](const std::string& v) {
         node_count = parse_number<std::int64_t>(v);
         return (node_count && *node_count > 0) || fail("--node-count must be a positive integer");
       }},
      {"--nodes",
       [&](const std::string& v) {
         for (auto& n : split_commas(v)) nodes.push_back(n);
         return true;
       }},
      {"--node",
       [&](const std::string& v) {
         nodes.push_back(v);
         return true;
       }},
      {"--time-limit",
       [&](const std::string& v) {
         auto s = parse_number<std::int64_t>(v);
         if (!s || *s < 0) return fail("--time-limit must be a non-negative integer");
         options.time_limit_s = *s;
         return true;
       }},
      {"--rate",
       [&](const std::string& v) {
         auto r = parse_number<double>(v);
         // Bounded so that virtual time keeps moving between ops (gaps are whole ns).
         if (!r || *r < 0 || *r > 1e6) return fail("--rate must be a number in [0, 1e6]");
         options.rate = *r;
         return true;
       }},
      {"--latency",
       [&](const std::string& v) {
         auto l = parse_number<std::int64_t>(v);
         if (!l || *l < 0) return fail("--latency must be a non-negative integer");
         options.latency.mean_ms = *l;
         return true;
       }},
      {"--latency-dist",
       [&](const std::string& v) {
         auto d = latency_dist_named(v);
         if (!d) return fail("--latency-dist must be constant, uniform or exponential");
         options.latency.dist = *d;
         return true;
       }},
      {"--topology",
       [&](const std::string& v) {
         if (!is_topology_name(v)) return fail("unknown --topology " + v);
         options.topology = v;
         return true;
       }},
      {"--nemesis",
       [&](const std::string& v) {
         for (const auto& fault : split_commas(v)) {
           if (fault != "partition") return fail("unsupported nemesis " + fault);
           options.nemesis_partition = true;
         }
         return true;
       }},
      {"--nemesis-interval",
       [&](const std::string& v) {
         auto s = parse_number<double>(v);
         if (!s || *s <= 0 || !std::isfinite(*s)) return fail("--nemesis-interval must be > 0");
         options.nemesis_interval_s = *s;
         return true;
       }},
      {"--concurrency",
       [&](const std::string& v) {
         options.concurrency = v;
         return true;
       }},
      {"--availability",
       [&](const std::string& v) {
         auto a = parse_number<double>(v);
         if (v != "total" && (!a || *a < 0 || *a > 1)) {
           return fail("--availability must be total or a number in [0, 1]");
         }
         options.availability = v;
         return true;
       }},
      {"--seed",
       [&](const std::string& v) {
         auto s = parse_number<std::uint64_t>(v);
         if (!s) return fail("--seed must be a non-negative integer");
         options.seed = *s;
         return true;
       }},
      {"--profile",
       [&](const std::string& v) {
         if (!core::profile_named(v)) return fail("unknown --profile " + v);
         options.profile = v;
         return true;
       }},
      {"--tick-ms",
       [&](const std::string& v) {
         auto t = parse_number<std::int64_t>(v);
         if (!t || *t < 1) return fail("--tick-ms must be a positive integer");
         options.tick_ms = *t;
         return true;
       }},
      {"--jepsen-slip-ms",
       [&](const std::string& v) {
         auto ms = parse_number<double>(v);
         if (!ms || !(*ms >= 0 && *ms <= 100)) return fail("--jepsen-slip-ms must be in [0, 100]");
         options.jepsen_slip_ms = *ms;
         return true;
       }},
  };
  const std::map<std::string, std::string> aliases = {{"-w", "--workload"}, {"-n", "--node"}};

  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string flag = args[i];
    std::optional<std::string> inline_value;
    if (auto eq = flag.find('='); flag.rfind("--", 0) == 0 && eq != std::string::npos) {
      inline_value = flag.substr(eq + 1);
      flag = flag.substr(0, eq);
    }
    if (auto alias = aliases.find(flag); alias != aliases.end()) flag = alias->second;
    if (flag == "--help" || flag == "-h") {
      options.help = true;
    } else if (flag == "--bin") {
      // Like Maelstrom: the path, then every argument up to the next flag goes to the program.
      std::string path;
      if (inline_value) {
        path = *inline_value;
      } else if (i + 1 < args.size()) {
        path = args[++i];
      } else {
        return {std::nullopt, "--bin needs a program"};
      }
      options.bin = std::filesystem::absolute(path).lexically_normal().string();
      options.bin_args.clear();
      while (i + 1 < args.size() && !args[i + 1].starts_with("-"))
        options.bin_args.push_back(args[++i]);
    } else if (flag == "--json") {
      options.json = true;
    } else if (flag == "--no-store") {
      options.store = false;
    } else if (flag == "--log-stderr" || flag == "--log-net-send" || flag == "--log-net-recv") {
      // Accepted for command-line compatibility; the simulator keeps no Maelstrom log.
    } else if (auto handler = valued.find(flag); handler != valued.end()) {
      std::string value;
      if (inline_value) {
        value = *inline_value;
      } else if (i + 1 < args.size()) {
        value = args[++i];
      } else {
        return {std::nullopt, flag + " needs a value"};
      }
      if (!handler->second(value)) return {std::nullopt, error};
    } else {
      return {std::nullopt, "unknown option " + args[i]};
    }
  }
  if (options.help) return {options, ""};
  if (options.workload.empty()) return {std::nullopt, "-w/--workload is required (broadcast)"};
  if (options.workload != "broadcast") {
    return {std::nullopt, "unsupported workload " + options.workload + " (only broadcast)"};
  }
  if (node_count) {
    options.nodes = numbered_node_ids(static_cast<std::size_t>(*node_count));
  } else if (!nodes.empty()) {
    options.nodes = nodes;
  } else {
    options.nodes = {"n1", "n2", "n3", "n4", "n5"};  // Jepsen's default node list
  }
  const auto workers = parse_concurrency(options.concurrency, options.nodes.size());
  if (!workers) return {std::nullopt, "--concurrency must be K or Kn with K > 0"};
  options.workers = *workers;
  for (std::size_t k = 0; k < options.nodes.size(); ++k) {
    const auto& id = options.nodes[k];
    // Ids starting with c are clients to Maelstrom's network (latency 0, never partitioned).
    if (id.empty() || id[0] == 'c') return {std::nullopt, "bad node id '" + id + "'"};
    for (std::size_t j = 0; j < k; ++j) {
      if (options.nodes[j] == id) return {std::nullopt, "duplicate node id " + id};
    }
  }
  return {options, ""};
}

}  // namespace rumor::sim
