// rumor-node's command line: `rumor-node [PROFILE] [--tick-ms N] [--seed N] [--help]`.
// Maelstrom passes whatever follows `--bin PATH` as argv, so the profile is positional.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/profile.hpp"

namespace rumor::runtime {

struct Options {
  core::Profile profile;
  std::int64_t tick_ms = 10;
  std::uint64_t seed = 0x72756d6f72;  // "rumor": runs are reproducible unless --seed says otherwise
};

// What main should do instead of running: print `text` (to stdout for --help, else stderr) and
// exit with `exit_code`.
struct ExitEarly {
  int exit_code = 0;
  std::string text;
};

std::variant<Options, ExitEarly> parse_options(const std::vector<std::string>& args);
std::string usage_text();

}  // namespace rumor::runtime
