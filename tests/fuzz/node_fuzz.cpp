// libFuzzer target: the node host (runtime::Host at line level, the code rumor-node and `rumor
// replay` run) over a sequence of lines and ticks. Checked at every step: the host never fails
// (a failure is a broken invariant or an exception, never the input's fault), no reset (an
// initialised node stays initialised and its set never shrinks), every output line decodes, a line
// that is not a well-formed request never changes the set, and no log line starts like a trace
// line.
//
// Input: the first byte picks the profile (bits 0-1) and whether node n1 of n0..n3 is
// initialised first (bit 2); the rest is lines. A line "#t<digits>" is a tick that many
// milliseconds later, "#T<integer>" a tick at that time (any int64: times are input too); any
// other line is received at the current time.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <variant>

#include "core/codec.hpp"
#include "core/profile.hpp"
#include "core/saturating.hpp"
#include "core/state.hpp"
#include "runtime/host.hpp"
#include "runtime/options.hpp"

namespace {

using namespace rumor;

void require(bool condition, const char* what, std::string_view line) {
  if (condition) return;
  std::fprintf(stderr, "node_fuzz: %s: %.*s\n", what, static_cast<int>(line.size()), line.data());
  std::abort();
}

runtime::Options options_for(std::uint8_t choice) {
  const auto names = core::profile_names();
  runtime::Options options;
  options.profile = *core::profile_named(names[choice % names.size()]);
  options.seed = 7;
  return options;
}

// True when the line cannot legitimately add a value: undecodable, or a request the node
// must refuse.
bool is_malformed(std::string_view line) {
  const auto decoded = core::decode(line);
  const auto* message = std::get_if<core::Message>(&decoded);
  return message == nullptr || std::holds_alternative<core::Malformed>(message->body) ||
         std::holds_alternative<core::Unsupported>(message->body);
}

void check_step(const runtime::Host& node, const core::State& before, std::string_view line,
                bool malformed, const std::string& out, const std::string& log) {
  if (node.failed()) require(false, node.failure()->reason.c_str(), line);
  const core::State& after = node.state();
  require(!before.initialised() || after.initialised(), "the node was reset", line);
  require(after.values.size() >= before.values.size(), "the set shrank", line);
  for (std::size_t i = 0; i < before.values.size(); ++i) {
    require(after.values[i] == before.values[i], "a known value changed", line);
  }
  require(!malformed || after.values == before.values, "a malformed line changed the set", line);
  for (std::size_t begin = 0; begin < out.size();) {
    const std::size_t end = out.find('\n', begin);
    require(end != std::string::npos, "an output line without its newline", out);
    const std::string_view output(out.data() + begin, end - begin);
    require(std::holds_alternative<core::Message>(core::decode(output)),
            "an output line does not decode", output);
    begin = end + 1;
  }
  for (std::size_t begin = 0; begin < log.size();) {
    require(log[begin] != '#', "a log line starts like a trace line", log.substr(begin));
    const std::size_t end = log.find('\n', begin);
    begin = end == std::string::npos ? log.size() : end + 1;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const runtime::Options options = options_for(data[0] & 3);
  runtime::Host node(core::make_state(options.profile, options.seed), runtime::HostOptions{});
  std::string out;
  std::string& log = node.log();  // log lines only: no capture, so no trace lines
  std::int64_t now_ms = 1000;
  if ((data[0] & 4) != 0) {
    node.receive_line(
        R"({"src":"c0","dest":"n1","body":{"type":"init","node_id":"n1","node_ids":["n0","n1","n2","n3"],"msg_id":1}})",
        now_ms, out);
  }
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  while (!rest.empty()) {
    const std::size_t end = rest.find('\n');
    const std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    const core::State before = node.state();
    out.clear();
    log.clear();
    if (line.starts_with("#t") || line.starts_with("#T")) {
      const long long number = std::strtoll(std::string(line.substr(2)).c_str(), nullptr, 10);
      now_ms = line[1] == 'T' ? number : core::saturating_add(now_ms, number % 100000);
      node.tick(now_ms, out);
      check_step(node, before, line, true, out, log);
    } else {
      node.receive_line(line, now_ms, out);
      check_step(node, before, line, is_malformed(line), out, log);
    }
  }
  return 0;
}
