// Maelstrom's checks on each line a node process writes to stdout (Maelstrom's doc/protocol.md),
// for `rumor test --bin`. A line that is not a valid envelope is an error that kills the node's
// stdout reader (the node goes mute); a reply to a client that breaks the RPC's closed response
// schema is delivered as a core::Malformed body, which the client turns into an :info
// "indeterminate: Malformed RPC response" op.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "core/message.hpp"

namespace rumor::replay::sim {

struct NodeOutput {
  core::Message message;  // typed, for clients and statistics
  std::string raw_body;   // the body's JSON, delivered verbatim to other nodes
};

struct OutputViolation {
  std::string text;  // Maelstrom's complaint, e.g. "... not well-formed JSON: ..."
};

std::variant<NodeOutput, OutputViolation> check_node_output(std::string_view line);

}  // namespace rumor::replay::sim
