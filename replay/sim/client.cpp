#include "replay/sim/client.hpp"

#include <span>
#include <type_traits>
#include <vector>

#include "replay/history/edn.hpp"

namespace rumor::replay::sim {

namespace {

using history::Edn;

Edn value_vector(std::span<const core::Value> values) {
  std::vector<Edn> items;
  items.reserve(values.size());
  for (auto v : values) items.push_back(Edn::of_int(v));
  return Edn::of_vector(std::move(items));
}

Edn body_map(const core::Message& message) {
  Edn map = Edn::of_map();
  map.set("type", Edn::of_string(core::type_name(message.body)));
  if (message.in_reply_to) map.set("in_reply_to", Edn::of_int(*message.in_reply_to));
  if (message.msg_id) map.set("msg_id", Edn::of_int(*message.msg_id));
  std::visit(
      [&](const auto& b) {
        using T = std::decay_t<decltype(b)>;
        if constexpr (std::is_same_v<T, core::Broadcast>) {
          map.set("message", Edn::of_int(b.message));
        } else if constexpr (std::is_same_v<T, core::ReadOk>) {
          map.set("messages", value_vector(b.messages));
        } else if constexpr (std::is_same_v<T, core::Error>) {
          map.set("code", Edn::of_int(b.code));
          map.set("text", Edn::of_string(b.text));
        } else if constexpr (std::is_same_v<T, core::Gossip>) {
          map.set("offset", Edn::of_int(static_cast<std::int64_t>(b.offset)));
          map.set("values", value_vector(b.values));
          map.set("ack", Edn::of_int(static_cast<std::int64_t>(b.ack)));
        } else if constexpr (std::is_same_v<T, core::Init>) {
          map.set("node_id", Edn::of_string(b.node_id));
        }
      },
      message.body);
  return map;
}

std::string request_text(const Request& request) {
  if (request.kind == RpcKind::broadcast) {
    return "{:type \"broadcast\", :message " + std::to_string(request.value) + ", :msg_id " +
           std::to_string(request.msg_id) + "}";
  }
  return "{:type \"read\", :msg_id " + std::to_string(request.msg_id) + "}";
}

std::string expected_schema(RpcKind kind) {
  if (kind == RpcKind::broadcast) {
    return "{:type (eq \"broadcast_ok\"), {:k :msg_id} Int, :in_reply_to Int}";
  }
  return "{:type (eq \"read_ok\"),\n :messages [Any],\n {:k :msg_id} Int,\n :in_reply_to Int}";
}

// Schema problems found on the raw reply (process mode: extra keys, a non-integer in_reply_to)
// travel as a Malformed body whose reason is already in plumatic/schema's words.
std::string malformed_because(const char* expected_type, const core::Message& reply) {
  if (const auto* malformed = std::get_if<core::Malformed>(&reply.body)) {
    if (malformed->type == expected_type && malformed->reason.starts_with("{")) {
      return malformed->reason;
    }
  }
  return "{:type (not (= \"" + std::string(expected_type) + "\" \"" + core::type_name(reply.body) +
         "\"))}";
}

Outcome malformed(const Request& request, const core::Message& reply) {
  const char* expected_type = request.kind == RpcKind::broadcast ? "broadcast_ok" : "read_ok";
  const Edn body = body_map(reply);
  const std::string message = "Malformed RPC response. Maelstrom sent node " + request.node +
                              " the following request:\n\n" + request_text(request) +
                              "\n\nAnd expected a response of the form:\n\n" +
                              expected_schema(request.kind) + "\n\n... but instead received\n\n" +
                              history::to_edn(body) + "\n\nThis is malformed because:\n\n" +
                              malformed_because(expected_type, reply) +
                              "\n\nSee doc/protocol.md for more guidance.";
  Edn data = Edn::of_map();
  data.set("type", Edn::of_keyword("malformed-rpc-response"));
  data.set("body", body);
  Edn via = Edn::of_map();
  via.set("type", Edn::of_symbol("clojure.lang.ExceptionInfo"));
  via.set("message", Edn::of_string(message));
  via.set("data", data);
  Edn exception = Edn::of_map();
  exception.set("via", Edn::of_vector({via}));
  exception.set("cause", Edn::of_string(message));
  exception.set("data", data);
  Outcome outcome;
  outcome.type = history::OpType::info;
  outcome.value = request_value(request);
  outcome.extra.emplace_back("exception", history::to_edn(exception));
  outcome.error = history::to_edn(Edn::of_string("indeterminate: " + message));
  return outcome;
}

}  // namespace

ErrorCode error_code_named(int code) {
  switch (code) {
    case 0:
      return {"timeout", false};
    case 1:
      return {"node-not-found", true};
    case 10:
      return {"not-supported", true};
    case 11:
      return {"temporarily-unavailable", true};
    case 12:
      return {"malformed-request", true};
    case 13:
      return {"crash", false};
    case 14:
      return {"abort", true};
    case 20:
      return {"key-does-not-exist", true};
    case 21:
      return {"key-already-exists", true};
    case 22:
      return {"precondition-failed", true};
    case 30:
      return {"txn-conflict", true};
    default:
      return {"unknown", false};
  }
}

history::OpValue request_value(const Request& request) {
  if (request.kind == RpcKind::broadcast) return history::OpValue{request.value};
  return history::OpValue{};
}

Outcome outcome_of_reply(const Request& request, core::Message&& reply) {
  if (const auto* error = std::get_if<core::Error>(&reply.body)) {
    const ErrorCode code = error_code_named(error->code);
    Outcome outcome;
    outcome.type = (code.definite || request.kind == RpcKind::read) ? history::OpType::fail
                                                                    : history::OpType::info;
    outcome.value = request_value(request);
    outcome.error =
        "[:" + std::string(code.name) + " " + history::to_edn(Edn::of_string(error->text)) + "]";
    return outcome;
  }
  if (request.kind == RpcKind::broadcast && std::holds_alternative<core::BroadcastOk>(reply.body)) {
    Outcome outcome;
    outcome.value = request_value(request);
    return outcome;
  }
  if (request.kind == RpcKind::read) {
    if (auto* read_ok = std::get_if<core::ReadOk>(&reply.body)) {
      Outcome outcome;
      // The history shares the reply's view of the node's log (a reference count, no copy).
      outcome.value = std::move(read_ok->messages);
      return outcome;
    }
  }
  return malformed(request, reply);
}

Outcome outcome_of_timeout(const Request& request) {
  Outcome outcome;
  outcome.type = request.kind == RpcKind::read ? history::OpType::fail : history::OpType::info;
  outcome.value = request_value(request);
  outcome.error = ":net-timeout";
  return outcome;
}

std::string body_edn(const core::Message& message) { return history::to_edn(body_map(message)); }

}  // namespace rumor::replay::sim
