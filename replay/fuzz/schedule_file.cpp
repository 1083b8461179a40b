#include "replay/fuzz/schedule_file.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>
#include <vector>

#include "core/profile.hpp"
#include "replay/fuzz/topology.hpp"

namespace rumor::replay::fuzz {

namespace {

constexpr int schedule_version = 1;
constexpr const char* schedule_header = "rumor-fuzz-schedule";
// Before schedules were told apart from node traces, files began with this; still read.
constexpr const char* old_schedule_header = "rumor-fuzz-trace";

std::string set_text(NodeSet set) {
  std::string out;
  for (int node = 0; node < nodes_max; ++node) {
    if (!contains(set, node)) continue;
    if (!out.empty()) out += ",";
    out += node_name(node);
  }
  return out;
}

struct EventWriter {
  std::ostream& out;
  std::uint32_t id;
  void operator()(const ClientBroadcast& e) const {
    out << "broadcast " << id << " " << e.at_ms << " " << node_name(e.node) << " " << e.value;
  }
  void operator()(const ClientRead& e) const {
    out << "read " << id << " " << e.at_ms << " " << node_name(e.node);
  }
  void operator()(const LinkFault& e) const {
    out << link_fault_kind_name(e.kind) << " " << id << " " << e.start_ms << " " << e.end_ms << " "
        << set_text(e.from) << " " << set_text(e.to) << " " << e.per_mille;
    if (e.kind == LinkFaultKind::delay) out << " " << e.extra_delay_ms_max;
  }
  void operator()(const Partition& e) const {
    out << "partition " << id << " " << e.start_ms << " " << e.end_ms << " " << set_text(e.from)
        << " " << set_text(e.to) << " " << (e.symmetric ? "symmetric" : "oneway");
  }
  void operator()(const Pause& e) const {
    out << "pause " << id << " " << e.start_ms << " " << e.end_ms << " " << node_name(e.node);
  }
};

// One line's words, with typed accessors that name the line when something is wrong.
class Line {
 public:
  Line(int number, const std::string& text) : number_(number) {
    std::istringstream in(text);
    for (std::string word; in >> word;) words_.push_back(word);
  }
  bool empty() const { return words_.empty(); }
  const std::string& keyword() const { return words_[0]; }
  void expect_words(std::size_t count) const {
    if (words_.size() != count) {
      fail("expected " + std::to_string(count - 1) + " fields after '" + keyword() + "'");
    }
  }
  const std::string& word(std::size_t i) const { return words_.at(i); }
  std::int64_t integer(std::size_t i) const {
    std::int64_t value = 0;
    const std::string& text = words_.at(i);
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size()) fail("not an integer: " + text);
    return value;
  }
  std::uint64_t unsigned_integer(std::size_t i) const {
    std::uint64_t value = 0;
    const std::string& text = words_.at(i);
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size()) fail("not a number: " + text);
    return value;
  }
  int node(std::size_t i) const {
    const std::string& text = words_.at(i);
    int value = -1;
    if (text.size() >= 2 && text[0] == 'n') {
      std::from_chars(text.data() + 1, text.data() + text.size(), value);
    }
    if (value < 0 || value >= nodes_max || node_name(value) != text) fail("not a node id: " + text);
    return value;
  }
  NodeSet node_set(std::size_t i) const {
    NodeSet set = 0;
    std::istringstream in(words_.at(i));
    for (std::string id; std::getline(in, id, ',');) {
      Line single(number_, id);
      if (single.empty()) fail("empty node id in set " + words_.at(i));
      set |= only(single.node(0));
    }
    return set;
  }
  [[noreturn]] void fail(const std::string& what) const {
    throw ScheduleFileError("schedule line " + std::to_string(number_) + ": " + what);
  }

 private:
  int number_;
  std::vector<std::string> words_;
};

LatencyKind latency_kind(const Line& line, const std::string& name) {
  for (auto kind : {LatencyKind::constant, LatencyKind::uniform, LatencyKind::exponential}) {
    if (latency_kind_name(kind) == name) return kind;
  }
  line.fail("unknown latency kind " + name);
}

Event parse_event(const Line& line) {
  const std::string& keyword = line.keyword();
  Event event;
  auto id = [&] { return static_cast<std::uint32_t>(line.unsigned_integer(1)); };
  if (keyword == "broadcast") {
    line.expect_words(5);
    event = {id(), ClientBroadcast{line.integer(2), line.node(3), line.integer(4)}};
  } else if (keyword == "read") {
    line.expect_words(4);
    event = {id(), ClientRead{line.integer(2), line.node(3)}};
  } else if (keyword == "loss" || keyword == "duplicate" || keyword == "delay") {
    const bool delay = keyword == "delay";
    line.expect_words(delay ? 8 : 7);
    LinkFault fault{.kind = keyword == "loss"        ? LinkFaultKind::loss
                            : keyword == "duplicate" ? LinkFaultKind::duplicate
                                                     : LinkFaultKind::delay,
                    .start_ms = line.integer(2),
                    .end_ms = line.integer(3),
                    .from = line.node_set(4),
                    .to = line.node_set(5),
                    .per_mille = static_cast<int>(line.integer(6)),
                    .extra_delay_ms_max = delay ? line.integer(7) : 0};
    if (fault.per_mille < 0 || fault.per_mille > 1000) line.fail("per_mille must be 0..1000");
    if (fault.extra_delay_ms_max < 0) line.fail("extra delay must not be negative");
    event = {id(), fault};
  } else if (keyword == "partition") {
    line.expect_words(7);
    const std::string& mode = line.word(6);
    if (mode != "symmetric" && mode != "oneway") line.fail("expected symmetric or oneway");
    event = {id(), Partition{line.integer(2), line.integer(3), line.node_set(4), line.node_set(5),
                             mode == "symmetric"}};
  } else if (keyword == "pause") {
    line.expect_words(5);
    event = {id(), Pause{line.integer(2), line.integer(3), line.node(4)}};
  } else {
    line.fail("unknown keyword " + keyword);
  }
  return event;
}

// Every time in a schedule is a millisecond count the simulation adds to others; bounding them
// (≈ 11.6 days, far beyond any generated schedule) keeps that arithmetic exact, and a forged
// `fault_phase_ms 9223372036854775807` is refused instead of passing vacuously after 0 events.
constexpr std::int64_t kTimeMaxMs = 1'000'000'000;

void check_time(std::int64_t ms, const std::string& what, bool may_be_negative = false) {
  if (ms > kTimeMaxMs || ms < (may_be_negative ? -kTimeMaxMs : 0)) {
    throw ScheduleFileError(what + " " + std::to_string(ms) + " is outside " +
                            (may_be_negative ? "±" : "0..") + std::to_string(kTimeMaxMs) + " ms");
  }
}

struct EventTimes {
  const std::string& name;
  void operator()(const ClientBroadcast& e) const { check_time(e.at_ms, name + " time"); }
  void operator()(const ClientRead& e) const { check_time(e.at_ms, name + " time"); }
  void operator()(const LinkFault& e) const {
    check_time(e.start_ms, name + " start");
    check_time(e.end_ms, name + " end");
    check_time(e.extra_delay_ms_max, name + " extra delay");
  }
  void operator()(const Partition& e) const {
    check_time(e.start_ms, name + " start");
    check_time(e.end_ms, name + " end");
  }
  void operator()(const Pause& e) const {
    check_time(e.start_ms, name + " start");
    check_time(e.end_ms, name + " end");
  }
};

void check_times(const Schedule& schedule) {
  const Config& config = schedule.config;
  check_time(config.fault_phase_ms, "fault_phase_ms");
  check_time(config.liveness_ms, "liveness_ms");
  check_time(config.latency.mean_ms, "latency mean");
  check_time(config.latency.max_ms, "latency max");
  for (const NodeClock& clock : config.clocks) {
    check_time(clock.period_ms, "clock period");
    check_time(clock.phase_ms, "clock phase", true);
    check_time(clock.skew_ms, "clock skew", true);
  }
  for (const Event& event : schedule.events) {
    std::visit(EventTimes{"event " + std::to_string(event.id)}, event.body);
  }
}

void check_schedule(const Schedule& schedule) {
  if (!core::profile_named(schedule.config.profile)) {
    throw ScheduleFileError("unknown profile " + schedule.config.profile);
  }
  const auto kinds = topology_kinds();
  if (std::find(kinds.begin(), kinds.end(), schedule.config.topology) == kinds.end()) {
    throw ScheduleFileError("unknown topology " + schedule.config.topology);
  }
  const Config& config = schedule.config;
  if (config.latency.mean_ms < 0 || config.latency.max_ms < 0 || config.fault_phase_ms < 0 ||
      config.liveness_ms < 0) {
    throw ScheduleFileError("latency, fault_phase_ms and liveness_ms must not be negative");
  }
  check_times(schedule);
  const int nodes = schedule.config.nodes;
  const NodeSet everyone = nodes >= nodes_max ? ~NodeSet{0} : (NodeSet{1} << nodes) - 1;
  for (const auto& event : schedule.events) {
    if ((nodes_of(event.body) & ~everyone) != 0) {
      throw ScheduleFileError("event " + std::to_string(event.id) + " names a node past n" +
                              std::to_string(nodes - 1));
    }
    if (const auto* broadcast = std::get_if<ClientBroadcast>(&event.body)) {
      if (broadcast->value < 0 || broadcast->value > 1'000'000) {
        throw ScheduleFileError("broadcast values must be in 0..1000000");
      }
    }
  }
  for (std::size_t i = 0; i < schedule.config.clocks.size(); ++i) {
    if (schedule.config.clocks[i].period_ms < 1)
      throw ScheduleFileError("clock periods must be >= 1 ms");
  }
}

}  // namespace

void write_schedule(std::ostream& out, const Schedule& schedule, const std::string& comment) {
  std::istringstream comment_lines(comment);
  for (std::string line; std::getline(comment_lines, line);) out << "# " << line << "\n";
  const Config& config = schedule.config;
  out << schedule_header << " " << schedule_version << "\n"
      << "seed " << config.seed << "\n"
      << "nodes " << config.nodes << "\n"
      << "profile " << config.profile << "\n"
      << "topology " << config.topology << "\n"
      << "latency " << latency_kind_name(config.latency.kind) << " " << config.latency.mean_ms
      << " " << config.latency.max_ms << "\n"
      << "fault_phase_ms " << config.fault_phase_ms << "\n"
      << "liveness_ms " << config.liveness_ms << "\n";
  for (std::size_t node = 0; node < config.clocks.size(); ++node) {
    const auto& clock = config.clocks[node];
    out << "clock " << node_name(static_cast<int>(node)) << " " << clock.period_ms << " "
        << clock.phase_ms << " " << clock.skew_ms << "\n";
  }
  for (const auto& event : schedule.events) {
    std::visit(EventWriter{out, event.id}, event.body);
    out << "\n";
  }
}

Schedule read_schedule(std::istream& in) {
  Schedule schedule;
  Config& config = schedule.config;
  bool header = false;
  bool have_nodes = false;
  int number = 0;
  for (std::string text; std::getline(in, text);) {
    ++number;
    if (const auto hash = text.find('#'); hash != std::string::npos) text.resize(hash);
    const Line line(number, text);
    if (line.empty()) continue;
    const std::string& keyword = line.keyword();
    if (!header) {
      if (keyword != schedule_header && keyword != old_schedule_header) {
        line.fail("expected 'rumor-fuzz-schedule 1' first");
      }
      line.expect_words(2);
      if (line.integer(1) != schedule_version) line.fail("unsupported schedule version");
      header = true;
    } else if (keyword == "seed") {
      line.expect_words(2);
      config.seed = line.unsigned_integer(1);
    } else if (keyword == "nodes") {
      line.expect_words(2);
      config.nodes = static_cast<int>(line.integer(1));
      if (config.nodes < 1 || config.nodes > nodes_max) line.fail("nodes must be 1..64");
      config.clocks.assign(static_cast<std::size_t>(config.nodes), NodeClock{});
      have_nodes = true;
    } else if (keyword == "profile") {
      line.expect_words(2);
      config.profile = line.word(1);
    } else if (keyword == "topology") {
      line.expect_words(2);
      config.topology = line.word(1);
    } else if (keyword == "latency") {
      line.expect_words(4);
      config.latency = {latency_kind(line, line.word(1)), line.integer(2), line.integer(3)};
    } else if (keyword == "fault_phase_ms") {
      line.expect_words(2);
      config.fault_phase_ms = line.integer(1);
    } else if (keyword == "liveness_ms") {
      line.expect_words(2);
      config.liveness_ms = line.integer(1);
    } else if (keyword == "clock") {
      line.expect_words(5);
      if (!have_nodes) line.fail("'nodes' must come before 'clock'");
      const int node = line.node(1);
      if (node >= config.nodes) line.fail("clock for a node past the node count");
      config.clocks[static_cast<std::size_t>(node)] = {line.integer(2), line.integer(3),
                                                       line.integer(4)};
    } else {
      schedule.events.push_back(parse_event(line));
    }
  }
  if (!header)
    throw ScheduleFileError("not a rumor fuzz schedule (no 'rumor-fuzz-schedule 1' line)");
  if (!have_nodes) throw ScheduleFileError("schedule has no 'nodes' line");
  check_schedule(schedule);
  return schedule;
}

void write_schedule_file(const std::string& path, const Schedule& schedule,
                         const std::string& comment) {
  std::ofstream out(path);
  write_schedule(out, schedule, comment);
  out.close();
  if (!out) throw ScheduleFileError("cannot write " + path);
}

Schedule read_schedule_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ScheduleFileError("cannot read " + path);
  return read_schedule(in);
}

}  // namespace rumor::replay::fuzz
