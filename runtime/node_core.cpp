#include "runtime/node_core.hpp"

#include <utility>
#include <variant>

#include "core/codec.hpp"
#include "core/log_text.hpp"
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
  core::append_log_text(log, text);  // escaped: only the runner writes trace lines
  log += '\n';
}

NodeCore::NodeCore(const Options& options)
    : state_(core::make_state(options.profile, options.seed)) {}

bool NodeCore::is_blank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

std::size_t NodeCore::step(const core::Input& input, std::string& out, std::string& log) {
  // Exceptions propagate (see node_core.hpp): step() took the state by value, so after a throw
  // there is no state to go on with, and inventing a fresh one would forget acknowledged values.
  core::StepResult result = core::step(std::move(state_), input);
  state_ = std::move(result.state);
  // Encoded aside and appended whole, so a failure while encoding leaves no partial line in `out`.
  encoded_.clear();
  for (const core::Message& message : result.output.messages) {
    core::encode_append(message, encoded_);
    encoded_ += '\n';
  }
  for (const std::string& line : result.output.log_lines) {
    log += line;
    log += '\n';
  }
  out += encoded_;
  return result.output.messages.size();
}

std::size_t NodeCore::receive_line(std::string_view line, std::int64_t now_ms, std::string& out,
                                   std::string& log) {
  if (is_blank(line)) return 0;
  auto decoded = core::decode(line);
  if (auto* error = std::get_if<core::DecodeError>(&decoded)) {
    append_log_line(log, "skipped line (" + error->reason + "): " + truncated_for_log(line));
    return 0;
  }
  return step(core::Received{std::get<core::Message>(std::move(decoded)), now_ms}, out, log);
}

std::size_t NodeCore::tick(std::int64_t now_ms, std::string& out, std::string& log) {
  return step(core::Tick{now_ms}, out, log);
}

}  // namespace rumor::runtime
