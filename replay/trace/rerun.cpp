#include "replay/trace/rerun.hpp"

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <variant>

#include "core/hex.hpp"
#include "core/state.hpp"
#include "core/step.hpp"

namespace rumor::replay::trace {
namespace {

// A host for the node the trace recorded, logging nothing: free-form log lines are not part of
// the comparison.
runtime::Host host_for(const runtime::Options& options) {
  return runtime::Host(core::make_state(options.profile, options.seed),
                       runtime::silent_host_options());
}

// Feeds one recorded input; returns the outputs it produced, '\n'-terminated lines.
std::string replay_input(runtime::Host& host, const TraceInput& input) {
  std::string out;
  if (input.kind == TraceInput::Kind::tick) {
    host.tick(input.now_ms, out);
  } else {
    host.receive_line(input.line, input.now_ms, out);
  }
  host.log().clear();  // skipped lines are still logged
  return out;
}

// The re-run stopped: the host failed (host.hpp), as the node would have there too.
std::string failure_text(const runtime::HostFailure& failure) {
  return failure.kind == runtime::HostFailure::Kind::invariant_violation
             ? "the re-run core broke an invariant: " + failure.reason
             : "the re-run core failed: " + failure.reason;
}

// Hash capture: the step's outputs are known only by count and hash.
std::optional<std::string> compare_hash(const runtime::trace::OutHash& expected,
                                        const std::string& written) {
  const auto count = static_cast<std::uint64_t>(std::count(written.begin(), written.end(), '\n'));
  const std::uint64_t hash = runtime::trace::output_hash(written);
  if (count == expected.count && hash == expected.hash) return std::nullopt;
  return "#out-hash " + std::to_string(expected.count) + " " + core::hex64(expected.hash) +
         " recorded, the re-run wrote " + std::to_string(count) + " outputs hashing to " +
         core::hex64(hash);
}

// Why the outputs differ, or nullopt. `prefix_only`: the log was cut in this input's outputs.
std::optional<std::string> compare(const std::vector<std::string>& expected,
                                   const std::vector<std::string>& actual, bool prefix_only) {
  const std::size_t common = std::min(expected.size(), actual.size());
  for (std::size_t k = 0; k < common; ++k) {
    if (expected[k] != actual[k]) return "output " + std::to_string(k + 1) + " differs";
  }
  if (expected.size() == actual.size() || (prefix_only && actual.size() > expected.size())) {
    return std::nullopt;
  }
  return "the node wrote " + std::to_string(expected.size()) + " outputs, the re-run " +
         std::to_string(actual.size());
}

}  // namespace

std::vector<std::string> split_lines(const std::string& buffer) {
  std::vector<std::string> lines;
  std::size_t begin = 0;
  while (begin < buffer.size()) {
    std::size_t end = buffer.find('\n', begin);
    if (end == std::string::npos) end = buffer.size();
    lines.push_back(buffer.substr(begin, end - begin));
    begin = end + 1;
  }
  return lines;
}

runtime::Options options_from_header(const runtime::trace::Header& header) {
  auto parsed = runtime::parse_options(header.args);
  if (auto* exit_early = std::get_if<runtime::ExitEarly>(&parsed)) {
    throw std::runtime_error("trace header args " + runtime::trace::json_string_array(header.args) +
                             " are not a rumor-node command line: " + exit_early->text);
  }
  return std::get<runtime::Options>(parsed);
}

namespace {

NodeRerun rerun(const NodeTrace& trace, NodeTrace* fill) {
  NodeRerun result;
  result.node = trace.node;
  runtime::Host host = host_for(options_from_header(trace.header));
  for (std::size_t k = 0; k < trace.inputs.size(); ++k) {
    const TraceInput& input = trace.inputs[k];
    const bool last = k + 1 == trace.inputs.size();
    const std::string written = replay_input(host, input);
    std::vector<std::string> actual = split_lines(written);
    std::optional<std::string> why;
    const bool stop = host.failed();  // the node stops there too; nothing after can be compared
    if (stop) {
      why = failure_text(*host.failure());
    } else {
      why = input.out_hash ? compare_hash(*input.out_hash, written)
                           : compare(input.outputs, actual, last && trace.cut_short);
    }
    ++result.inputs;
    result.outputs += input.out_hash ? input.out_hash->count : input.outputs.size();
    if (!why && fill != nullptr && input.out_hash) fill->inputs[k].outputs = actual;
    if (why) {
      ++result.divergences;
      if (!result.first) {
        result.first = Divergence{.node = trace.node,
                                  .input_number = k + 1,
                                  .input = input,
                                  .expected = input.outputs,
                                  .actual = std::move(actual),
                                  .reason = *why};
      }
    }
    if (stop) break;
  }
  return result;
}

}  // namespace

NodeRerun rerun_node(const NodeTrace& trace) { return rerun(trace, nullptr); }

NodeRerun rerun_and_fill_outputs(NodeTrace& trace) { return rerun(trace, &trace); }

runtime::Host core_after(const NodeTrace& trace, std::size_t until) {
  if (until > trace.inputs.size()) {
    throw std::out_of_range(trace.node + " has " + std::to_string(trace.inputs.size()) +
                            " inputs, not " + std::to_string(until));
  }
  runtime::Host host = host_for(options_from_header(trace.header));
  for (std::size_t k = 0; k < until; ++k) {
    replay_input(host, trace.inputs[k]);
    if (host.failed()) {
      throw std::runtime_error(trace.node + " input " + std::to_string(k + 1) + ": " +
                               failure_text(*host.failure()));
    }
  }
  return host;
}

}  // namespace rumor::replay::trace
