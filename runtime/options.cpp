#include "runtime/options.hpp"

#include <charconv>
#include <optional>
#include <string_view>

namespace rumor::runtime {
namespace {

template <typename Integer>
std::optional<Integer> parse_integer(std::string_view text) {
  Integer number{};
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return number;
}

ExitEarly usage_error(const std::string& problem) {
  return ExitEarly{2, "rumor-node: " + problem + "\n" + usage_text()};
}

}  // namespace

std::optional<trace::Capture> capture_named(std::string_view name) {
  if (name == "full") return trace::Capture::full;
  if (name == "hash") return trace::Capture::hash;
  if (name == "off" || name == "0") return trace::Capture::off;
  return std::nullopt;
}

bool apply_capture_env(Options& options, const std::vector<std::string>& args,
                       const char* rumor_capture) {
  if (rumor_capture == nullptr) return true;
  const auto capture = capture_named(rumor_capture);
  if (!capture) return false;
  for (const auto& arg : args) {
    if (arg == "--capture" || arg == "--no-capture") return true;  // the command line wins
  }
  options.capture = *capture;
  return true;
}

std::string usage_text() {
  std::string text =
      "usage: rumor-node [PROFILE] [--tick-ms N] [--seed N] [--capture full|hash|off]\n"
      "                  [--no-capture] [--help]\n"
      "  A Maelstrom broadcast node: JSON messages on stdin, replies on stdout, logs on stderr.\n"
      "  PROFILE     tuning profile (default: default); one of:";
  for (const std::string& name : core::profile_names()) text += " " + name;
  text +=
      "\n"
      "  --tick-ms N timer cadence in milliseconds (default 10, at least 1)\n"
      "  --seed N    seed of the node's random choices (default fixed, so runs repeat)\n"
      "  --capture L the replayable trace written to stderr (rumor replay re-runs it):\n"
      "              hash (default): inputs and a hash of each step's outputs (#out-hash);\n"
      "              full: inputs and every output message (#out), about 5% slower;\n"
      "              off: none. RUMOR_CAPTURE=L in the environment sets it too\n"
      "  --no-capture  the same as --capture off\n";
  return text;
}

std::variant<Options, ExitEarly> parse_options(const std::vector<std::string>& args) {
  Options options;
  std::optional<std::string> profile_name;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--help" || arg == "-h") return ExitEarly{0, usage_text()};
    if (arg == "--no-capture") {
      options.capture = trace::Capture::off;
      continue;
    }
    if (arg == "--tick-ms" || arg == "--seed" || arg == "--capture") {
      if (i + 1 == args.size()) return usage_error(arg + " needs a value");
      const std::string& value = args[++i];
      if (arg == "--capture") {
        auto capture = capture_named(value);
        if (!capture) return usage_error("bad --capture " + value + " (full, hash or off)");
        options.capture = *capture;
      } else if (arg == "--tick-ms") {
        auto tick_ms = parse_integer<std::int64_t>(value);
        if (!tick_ms || *tick_ms < 1) return usage_error("bad --tick-ms " + value);
        options.tick_ms = *tick_ms;
      } else {
        auto seed = parse_integer<std::uint64_t>(value);
        if (!seed) return usage_error("bad --seed " + value);
        options.seed = *seed;
      }
    } else if (arg.starts_with("-")) {
      return usage_error("unknown option " + arg);
    } else if (profile_name) {
      return usage_error("more than one profile given: " + *profile_name + ", " + arg);
    } else {
      profile_name = arg;
    }
  }
  auto profile = core::profile_named(profile_name.value_or(""));
  if (!profile) return usage_error("unknown profile " + *profile_name);
  options.profile = *profile;
  options.args = args;
  return options;
}

}  // namespace rumor::runtime
