#include "runtime/node_core.hpp"

#include <exception>
#include <utility>
#include <variant>

#include "core/codec.hpp"
#include "core/step.hpp"

namespace rumor::runtime {
namespace {

constexpr std::size_t logged_line_bytes_max = 300;  // long junk lines are cut in the log

std::string truncated_for_log(std::string_view line) {
  if (line.size() <= logged_line_bytes_max) return std::string(line);
  return std::string(line.substr(0, logged_line_bytes_max)) + "... (" +
         std::to_string(line.size()) + " bytes)";
}

}  // namespace

void append_log_line(std::string& log, std::string_view text) {
  log += "rumor-node: ";
  log += text;
  log += '\n';
}

NodeCore::NodeCore(const Options& options)
    : profile_(options.profile),
      seed_(options.seed),
      state_(core::make_state(options.profile, options.seed)) {}

bool NodeCore::is_blank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

std::size_t NodeCore::step(const core::Input& input, std::string& out, std::string& log) {
  try {
    core::StepResult result = core::step(std::move(state_), input);
    state_ = std::move(result.state);
    for (const core::Message& message : result.output.messages) {
      core::encode_append(message, out);
      out += '\n';
    }
    for (const std::string& line : result.output.log_lines) {
      log += line;
      log += '\n';
    }
    return result.output.messages.size();
  } catch (const core::InvariantViolation&) {
    throw;  // a bug in the core: fatal, see run_node_loop
  } catch (const std::exception& error) {
    // step() took the state by value, so it is gone; a fresh node answers "not initialised"
    // instead of crashing, which would abort the whole Maelstrom run.
    append_log_line(log, std::string("core step threw (state reset): ") + error.what());
    state_ = core::make_state(profile_, seed_);
  }
  return 0;
}

std::size_t NodeCore::receive_line(std::string_view line, std::int64_t now_ms, std::string& out,
                                   std::string& log) {
  if (is_blank(line)) return 0;
  try {
    auto decoded = core::decode(line);
    if (auto* error = std::get_if<core::DecodeError>(&decoded)) {
      append_log_line(log, "skipped line (" + error->reason + "): " + truncated_for_log(line));
      return 0;
    }
    return step(core::Received{std::get<core::Message>(std::move(decoded)), now_ms}, out, log);
  } catch (const core::InvariantViolation&) {
    throw;
  } catch (const std::exception& error) {
    append_log_line(log,
                    std::string("skipped line (") + error.what() + "): " + truncated_for_log(line));
  }
  return 0;
}

std::size_t NodeCore::tick(std::int64_t now_ms, std::string& out, std::string& log) {
  return step(core::Tick{now_ms}, out, log);
}

}  // namespace rumor::runtime
