// Command-line helpers shared by rumor-node and every `rumor` subcommand, on top of CLI11:
// numeric flags parsed strictly (CLI11 2.1 wraps "-1" and saturates huge values for unsigned
// targets) and range-checked, and argument vectors parsed the way CLI11 wants them.
#pragma once

#include <CLI/CLI.hpp>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <sstream>
#include <string>
#include <system_error>
#include <type_traits>
#include <vector>

namespace rumor::runtime::cli {

// The whole text as a T (an integer or a double), or nullopt: no sign wrapping, no saturation,
// no trailing characters, and no nan or infinity.
template <typename T>
std::optional<T> parse_number(const std::string& text) {
  T value{};
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc{} || stop != end) return std::nullopt;
  if constexpr (std::is_floating_point_v<T>) {
    if (!std::isfinite(value)) return std::nullopt;
  }
  return value;
}

template <typename T>
std::string number_text(T value) {
  if constexpr (std::is_floating_point_v<T>) {
    std::ostringstream out;
    out << value;
    return out.str();
  } else {
    return std::to_string(value);
  }
}

// A validator for a number in [min, max]; CLI11 prefixes its message with the flag's name.
template <typename T>
CLI::Validator number_in(T min, T max) {
  const std::string range = "[" + number_text(min) + ", " + number_text(max) + "]";
  const char* kind = std::is_floating_point_v<T> ? "a finite number" : "an integer";
  return CLI::Validator(
      [min, max, range, kind](std::string& text) -> std::string {
        const std::optional<T> value = parse_number<T>(text);
        if (!value) return "'" + text + "' is not " + kind + " in " + range;
        if (*value < min || *value > max) return text + " is outside " + range;
        return "";
      },
      std::string(std::is_floating_point_v<T> ? "NUM" : "INT") + " in " + range);
}

// A numeric flag bound to `target`, accepted only when it is a number in [min, max].
template <typename T>
CLI::Option* add_number(CLI::App& app, const std::string& name, T& target, T min, T max,
                        const std::string& description) {
  return app
      .add_option_function<std::string>(
          name, [&target](const std::string& text) { target = *parse_number<T>(text); },
          description)
      ->check(number_in(min, max));
}

// Parses args (without the program or subcommand name), which CLI11 takes in reverse order.
inline void parse(CLI::App& app, std::vector<std::string> args) {
  std::reverse(args.begin(), args.end());
  app.parse(args);
}

// What parsing said: --help was asked for, or the one-line reason the flags are bad; neither
// means go on. Every command line answers both the same way (README: bad flags exit 254).
struct Parsed {
  bool help = false;
  std::optional<std::string> error;
};

inline Parsed parse_flags(CLI::App& app, std::vector<std::string> args) {
  try {
    parse(app, std::move(args));
  } catch (const CLI::CallForHelp&) {
    return {true, std::nullopt};
  } catch (const CLI::ParseError& error) {
    return {false, error.what()};
  }
  return {};
}

}  // namespace rumor::runtime::cli
