// rumor-node's command line: `rumor-node [PROFILE] [--tick-ms N] [--seed N]
// [--capture full|hash|off] [--no-capture] [--help]`.
// Maelstrom passes whatever follows `--bin PATH` as argv, so the profile is positional.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/profile.hpp"
#include "core/step.hpp"
#include "runtime/trace_format.hpp"

namespace rumor::runtime {

// Hash by default: it keeps capture within ~10% of a busy hub's throughput (whose outputs are
// several times its inputs); --capture full records every output for divergence reports.
inline constexpr trace::Capture default_capture = trace::Capture::hash;

struct Options {
  core::Profile profile;
  std::int64_t tick_ms = core::tick_ms_default;
  std::uint64_t seed = 0x72756d6f72;  // "rumor": runs are reproducible unless --seed says otherwise
  // What of the replayable trace (runtime/trace_format.hpp) goes to stderr: --capture, or
  // --no-capture (= off), or RUMOR_CAPTURE in the environment (the command line wins).
  trace::Capture capture = default_capture;
  std::vector<std::string> args;  // as given, for the trace header
};

std::optional<trace::Capture> capture_named(std::string_view name);  // full, hash, off (or 0)
// Applies RUMOR_CAPTURE (may be null) unless the command line chose; false if it names no level.
bool apply_capture_env(Options& options, const std::vector<std::string>& args,
                       const char* rumor_capture);

// What main should do instead of running: print `text` (to stdout for --help, else stderr) and
// exit with `exit_code`.
struct ExitEarly {
  int exit_code = 0;
  std::string text;
};

std::variant<Options, ExitEarly> parse_options(const std::vector<std::string>& args);
std::string usage_text();

}  // namespace rumor::runtime
