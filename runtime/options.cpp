#include "runtime/options.hpp"

#include <limits>
#include <optional>
#include <string_view>

#include "runtime/cli_flags.hpp"

namespace rumor::runtime {
namespace {

ExitEarly usage_error(const std::string& problem) {
  return ExitEarly{2, "rumor-node: " + problem + " (rumor-node --help for usage)\n"};
}

void add_flags(CLI::App& app, Options& options, std::string& profile_name) {
  app.add_option("PROFILE", profile_name)->check([](const std::string& name) {
    if (core::profile_named(name)) return std::string();
    std::string why = "unknown profile " + name + " (one of:";
    for (const std::string& known : core::profile_names()) why += " " + known;
    return why + ")";
  });
  cli::add_number(app, "--tick-ms", options.tick_ms, std::int64_t{1}, core::tick_ms_max, "ms");
  cli::add_number(app, "--seed", options.seed, std::uint64_t{0},
                  std::numeric_limits<std::uint64_t>::max(), "seed");
  app.add_option_function<std::string>(
         "--capture",
         [&options](const std::string& name) { options.capture = *capture_named(name); })
      ->check([](const std::string& name) {
        return capture_named(name) ? std::string()
                                   : "bad --capture " + name + " (full, hash or off)";
      });
  app.add_flag_callback("--no-capture", [&options] { options.capture = trace::Capture::off; });
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
      "  --tick-ms N timer granularity in milliseconds, 1..60000 (default 10): the node\n"
      "              wakes on multiples of N, and only when its core has a timer due\n"
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
  std::string profile_name;
  CLI::App app{"rumor-node"};
  add_flags(app, options, profile_name);
  const cli::Parsed parsed = cli::parse_flags(app, args);
  if (parsed.help) return ExitEarly{0, usage_text()};
  if (parsed.error) return usage_error(*parsed.error);
  options.profile = *core::profile_named(profile_name);
  options.args = args;
  return options;
}

}  // namespace rumor::runtime
