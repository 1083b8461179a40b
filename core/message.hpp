// The closed set of Maelstrom broadcast messages, as typed data (Maelstrom's doc/protocol.md,
// doc/workloads.md, broadcast). The codec turns JSON lines into these and back; the core only ever
// sees these.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/inline_values.hpp"
#include "core/value.hpp"
#include "core/value_log.hpp"

namespace rumor::core {

// Client and setup requests.
struct Init {
  std::string node_id;
  std::vector<std::string> node_ids;
  bool operator==(const Init&) const = default;
};
struct Topology {
  std::map<std::string, std::vector<std::string>> neighbours;
  bool operator==(const Topology&) const = default;
};
struct Broadcast {
  Value message = 0;
  bool operator==(const Broadcast&) const = default;
};
struct Read {
  bool operator==(const Read&) const = default;
};

// Maelstrom error codes used by the core (Maelstrom's doc/protocol.md, errors). An Error read off
// the wire without a code is taken for a crash, Maelstrom's generic indefinite error.
namespace error_code {
inline constexpr int not_supported = 10;
inline constexpr int temporarily_unavailable = 11;
inline constexpr int malformed_request = 12;
inline constexpr int crash = 13;
}  // namespace error_code

// Replies.
struct InitOk {
  bool operator==(const InitOk&) const = default;
};
struct TopologyOk {
  bool operator==(const TopologyOk&) const = default;
};
struct BroadcastOk {
  bool operator==(const BroadcastOk&) const = default;
};
// The node's values in the order learnt: the node's own log as it stood when it answered, shared
// rather than copied (see value_log.hpp).
struct ReadOk {
  ValueLog messages;
  bool operator==(const ReadOk&) const = default;
};
struct Error {
  int code = error_code::crash;
  std::string text;
  bool operator==(const Error&) const = default;
};

// Node to node. One message type carries both data and acknowledgements on a link:
// `values` are the link's stream positions [offset, offset + values.size()) sent by the source;
// `ack` says the source has received the destination's stream up to (not including) that position.
// A message with no values is a pure acknowledgement (wire type "ack", else "gossip").
struct Gossip {
  std::uint64_t offset = 0;
  InlineValues values;  // few, usually: held inline up to six (see inline_values.hpp)
  std::uint64_t ack = 0;
  bool operator==(const Gossip&) const = default;
};

// What the codec produces for requests it cannot turn into one of the above, so the core can
// answer with the right Maelstrom error (Maelstrom's doc/protocol.md, errors): an unknown type gets
// code 10 (not-supported), a known type with missing or ill-typed fields code 12
// (malformed-request).
struct Unsupported {
  std::string type;
  bool operator==(const Unsupported&) const = default;
};
struct Malformed {
  std::string type;
  std::string reason;
  // The request had a msg_id that is not an integer: it is answered all the same (error 12
  // without in_reply_to), rather than ignored like a request that has no msg_id at all.
  bool msg_id_ill_typed = false;
  bool operator==(const Malformed&) const = default;
};

using Body = std::variant<Init, InitOk, Topology, TopologyOk, Broadcast, BroadcastOk, Read, ReadOk,
                          Error, Gossip, Unsupported, Malformed>;

struct Message {
  std::string src;
  std::string dest;
  std::optional<std::int64_t> msg_id;
  std::optional<std::int64_t> in_reply_to;
  Body body;
  bool operator==(const Message&) const = default;
};

// The Maelstrom body "type" string of a body, e.g. "broadcast_ok"; for Unsupported and Malformed
// the type that was received.
std::string_view wire_type(const Body& body);
std::string type_name(const Body& body);

}  // namespace rumor::core
