#include "script.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <optional>
#include <utility>
#include <variant>
#include <vector>

#include "core/codec.hpp"
#include "core/profile.hpp"
#include "core/step.hpp"

namespace rumor::core::testing {
namespace {

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    auto end = text.find('\n');
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(0, end));
    text.remove_prefix(std::min(end + 1, text.size()));
  }
  return lines;
}

bool starts_with_word(std::string_view line, std::string_view word) {
  return line.starts_with(word) && (line.size() == word.size() || line[word.size()] == ' ');
}

bool is_generated(std::string_view line) {
  for (std::string_view word : {"#at", "#skip", "#log", "#out", "#="}) {
    if (starts_with_word(line, word)) return true;
  }
  return false;
}

// Splits off the first space-separated word of `rest`.
std::string_view next_word(std::string_view& rest) {
  auto end = rest.find(' ');
  auto word = rest.substr(0, end);
  rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
  return word;
}

std::int64_t parse_int(std::string_view word, std::size_t line_number) {
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(word.data(), word.data() + word.size(), value);
  if (error != std::errc{} || end != word.data() + word.size() || word.empty()) {
    throw ScriptError{"line " + std::to_string(line_number) + ": not an integer: '" +
                      std::string(word) + "'"};
  }
  return value;
}

class Runner {
 public:
  std::string rendered;

  void directive(std::string_view line, std::size_t line_number) {
    std::string_view rest = line;
    const auto word = next_word(rest);
    line_number_ = line_number;
    if (word == "#node") return start_node(rest);
    if (word == "#in") return receive(rest);
    if (word == "#tick") return step_on(Tick{parse_int(rest, line_number)}, false);
    if (word == "#ticks") return tick_run(rest);
    if (word == "#state") return summarise();
    fail("unknown directive '" + std::string(word) + "'");
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw ScriptError{"line " + std::to_string(line_number_) + ": " + what};
  }

  State& state() {
    if (!state_) fail("an input before the first #node");
    return *state_;
  }

  void start_node(std::string_view rest) {
    const auto profile = profile_named(next_word(rest));
    if (!profile) fail("unknown profile");
    state_ = make_state(*profile, static_cast<std::uint64_t>(parse_int(rest, line_number_)));
  }

  void receive(std::string_view rest) {
    const auto now_ms = parse_int(next_word(rest), line_number_);
    auto decoded = decode(rest);
    if (const auto* error = std::get_if<DecodeError>(&decoded)) {
      rendered += "#skip " + error->reason + '\n';
      return;
    }
    step_on(Received{std::get<Message>(std::move(decoded)), now_ms}, false);
  }

  void tick_run(std::string_view rest) {
    const auto from_ms = parse_int(next_word(rest), line_number_);
    const auto to_ms = parse_int(next_word(rest), line_number_);
    const auto every_ms = parse_int(rest, line_number_);
    constexpr std::int64_t ticks_per_run_max = 100'000;  // a typo must not hang the test
    if (every_ms <= 0 || to_ms < from_ms) fail("#ticks needs from <= to and every > 0");
    if ((to_ms - from_ms) / every_ms >= ticks_per_run_max) fail("#ticks: more than 100000 ticks");
    for (auto now_ms = from_ms; now_ms <= to_ms; now_ms += every_ms) step_on(Tick{now_ms}, true);
  }

  void step_on(Input input, bool in_run) {
    const auto now_ms = std::visit([](const auto& in) { return in.now_ms; }, input);
    auto result = step(std::move(state()), input);
    state_ = std::move(result.state);
    const auto& output = result.output;
    if (in_run && (!output.messages.empty() || !output.log_lines.empty())) {
      rendered += "#at " + std::to_string(now_ms) + '\n';
    }
    for (const auto& line : output.log_lines) rendered += "#log " + line + '\n';
    for (const auto& message : output.messages) rendered += "#out " + encode(message) + '\n';
  }

  void summarise() {
    const State& node = state();
    std::string summary = "#= ";
    summary += node.initialised() ? "self=" + node.self() : std::string("uninitialised");
    summary += " ids=[";
    for (std::size_t i = 0; i < node.node_ids().size(); ++i) {
      summary += (i ? "," : "") + node.node_ids()[i];
    }
    std::vector<Value> values(node.values.begin(), node.values.end());
    std::sort(values.begin(), values.end());
    summary += "] values=[";
    for (std::size_t i = 0; i < values.size(); ++i) {
      summary += (i ? "," : "") + std::to_string(values[i]);
    }
    rendered += summary + "]\n";
  }

  std::optional<State> state_;
  std::size_t line_number_ = 0;
};

}  // namespace

std::string run_script(std::string_view script) {
  Runner runner;
  std::size_t line_number = 0;
  for (std::string_view line : split_lines(script)) {
    ++line_number;
    if (is_generated(line)) continue;
    runner.rendered += line;
    runner.rendered += '\n';
    if (line.empty() || line == "#" || line.starts_with("# ")) continue;
    runner.directive(line, line_number);
  }
  return runner.rendered;
}

std::string line_diff(std::string_view expected, std::string_view actual) {
  const auto a = split_lines(expected);
  const auto b = split_lines(actual);
  // Longest common subsequence table from the ends; scripts are short, so O(n*m) is fine.
  std::vector<std::vector<std::size_t>> common(a.size() + 1,
                                               std::vector<std::size_t>(b.size() + 1, 0));
  for (std::size_t i = a.size(); i-- > 0;) {
    for (std::size_t j = b.size(); j-- > 0;) {
      common[i][j] =
          a[i] == b[j] ? common[i + 1][j + 1] + 1 : std::max(common[i + 1][j], common[i][j + 1]);
    }
  }
  std::vector<std::pair<char, std::string_view>> edits;
  std::size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i] == b[j]) {
      edits.emplace_back(' ', a[i++]);
      ++j;
    } else if (i < a.size() && (j == b.size() || common[i + 1][j] >= common[i][j + 1])) {
      edits.emplace_back('-', a[i++]);
    } else {
      edits.emplace_back('+', b[j++]);
    }
  }
  constexpr std::size_t context_lines = 2;
  std::string diff;
  for (std::size_t k = 0; k < edits.size(); ++k) {
    bool near_change = false;
    const auto from = k >= context_lines ? k - context_lines : 0;
    for (auto n = from; n < std::min(edits.size(), k + context_lines + 1); ++n) {
      near_change = near_change || edits[n].first != ' ';
    }
    if (!near_change) continue;
    diff += edits[k].first;
    diff += edits[k].second;
    diff += '\n';
  }
  return diff;
}

}  // namespace rumor::core::testing
