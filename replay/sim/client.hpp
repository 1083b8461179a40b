// Maelstrom's client semantics (Maelstrom's doc/protocol.md and its errors): how a reply, an error
// or a timeout becomes the completion of a history operation.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/message.hpp"
#include "replay/history/op.hpp"

namespace rumor::replay::sim {

inline constexpr std::int64_t rpc_timeout_ms = 5000;
inline constexpr std::int64_t init_timeout_ms = 10000;

enum class RpcKind { broadcast, read };

// What a worker asked, enough to judge the reply.
struct Request {
  RpcKind kind = RpcKind::read;
  std::int64_t value = 0;  // the broadcast value
  std::int64_t msg_id = 0;
  std::string node;  // who was asked
};

// A completion, minus index/time/process, which the caller owns.
struct Outcome {
  history::OpType type = history::OpType::ok;
  history::OpValue value;
  std::optional<std::string> error;                        // raw EDN
  std::vector<std::pair<std::string, std::string>> extra;  // e.g. :exception
  bool info() const { return type == history::OpType::info; }
};

struct ErrorCode {
  std::string_view name;  // keyword name, e.g. "temporarily-unavailable"
  bool definite = false;
};
ErrorCode error_code_named(int code);  // unknown codes: {"unknown", false}

history::OpValue request_value(const Request& request);  // broadcast: the value; read: nil

// The matching reply (same in_reply_to) decides the op: the expected type → :ok; an error body →
// :fail when definite or a read, else :info; anything else → :info "indeterminate: Malformed
// RPC response ..." with an :exception map, as Maelstrom's schema check throws. The reply is taken
// as an rvalue so a read's values move into the op, and the message itself is not moved first.
Outcome outcome_of_reply(const Request& request, core::Message&& reply);
// No reply within 5 s: a read :fail, a broadcast :info, both with :error :net-timeout.
Outcome outcome_of_timeout(const Request& request);

// A body as the EDN map Maelstrom would print it, e.g. {:type "read_ok", :messages [1 2], ...}.
std::string body_edn(const core::Message& message);

}  // namespace rumor::replay::sim
