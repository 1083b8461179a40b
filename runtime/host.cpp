#include "runtime/host.hpp"

#include <stdexcept>
#include <utility>
#include <variant>

#include "core/codec.hpp"
#include "core/log_text.hpp"

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
  core::append_log_text(log, text);  // escaped: only the host writes trace lines
  log += '\n';
}

Host::Host(core::State initial, HostOptions options)
    : state_(std::move(initial)),
      options_(std::move(options)),
      trace_inputs_(options_.capture != trace::Capture::full) {
  wake_at_ms_ = core::next_wake_ms(*state_);
  if (options_.capture != trace::Capture::off && options_.header) {
    log_ = trace::header_line(*options_.header);
  }
}

bool Host::is_blank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

void Host::throw_no_state() const {
  throw std::logic_error("the node failed and has no state: " + failure_->reason);
}

core::State Host::release_state() && {
  if (!state_) throw_no_state();
  return std::move(*state_);
}

void Host::fail(const std::exception& error) noexcept {
  state_.reset();
  output_ = core::Output{};  // whatever the failed step wrote so far goes with it
  wake_at_ms_.reset();
  HostFailure failure;
  if (dynamic_cast<const core::InvariantViolation*>(&error) != nullptr) {
    failure.kind = HostFailure::Kind::invariant_violation;
  }
  try {
    failure.reason = error.what();
  } catch (const std::bad_alloc&) {  // out of memory: the kind still says what happened
  }
  failure_ = std::move(failure);
}

bool Host::step_core(const core::Input& input, bool encode) {
  // After a throw the state is unspecified (core/step.hpp), and inventing a fresh one would forget
  // acknowledged values: the host fails instead.
  try {
    options_.step(*state_, input, output_);
    if (options_.keep_log_lines) {
      for (const std::string& line : output_.log_lines) {
        log_ += line;
        log_ += '\n';
      }
    }
    if (encode || options_.capture != trace::Capture::off) {
      // Encoded aside and appended whole, so a failure while encoding leaves no partial line.
      encoded_.clear();
      for (const core::Message& message : output_.messages) {
        core::encode_append(message, encoded_);
        encoded_ += '\n';
      }
      if (options_.capture == trace::Capture::full) trace::append_outs(log_, encoded_);
      if (options_.capture == trace::Capture::hash) {
        trace::append_out_hash(log_, encoded_, output_.messages.size());
      }
    }
    wake_at_ms_ = output_.wake_at_ms;
    return true;
  } catch (const std::exception& error) {
    fail(error);
    return false;
  }
}

std::size_t Host::step_line(const core::Input& input, std::string& out) {
  if (!step_core(input, true)) return 0;
  out += encoded_;
  return output_.messages.size();
}

std::size_t Host::receive_line(std::string_view line, std::int64_t now_ms, std::string& out) {
  if (failed() || is_blank(line)) return 0;
  if (options_.capture != trace::Capture::off) trace_inputs_.append_in(log_, now_ms, line);
  auto decoded = core::decode(line);
  if (auto* error = std::get_if<core::DecodeError>(&decoded)) {
    append_log_line(log_, "skipped line (" + error->reason + "): " + truncated_for_log(line));
    return 0;
  }
  return step_line(core::Received{std::get<core::Message>(std::move(decoded)), now_ms}, out);
}

std::size_t Host::tick(std::int64_t now_ms, std::string& out) {
  if (failed()) return 0;
  if (options_.capture != trace::Capture::off) trace_inputs_.append_tick(log_, now_ms);
  return step_line(core::Tick{now_ms}, out);
}

core::Output& Host::step(const core::Input& input, std::optional<std::int64_t> network_id) {
  if (failed()) return output_;  // emptied when the host failed
  if (options_.capture != trace::Capture::off) {
    if (const auto* received = std::get_if<core::Received>(&input)) {
      // The line a process would have read, with Maelstrom's network id.
      trace_inputs_.append_in(log_, received->now_ms, core::encode(received->message, network_id));
    } else {
      trace_inputs_.append_tick(log_, std::get<core::Tick>(input).now_ms);
    }
  }
  step_core(input, false);
  return output_;
}

}  // namespace rumor::runtime
