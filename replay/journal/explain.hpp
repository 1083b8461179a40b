// `--explain VALUE`: the path of one broadcast value through a run, from the client request that
// introduced it to every server message that carried it and the reads that first showed it.
#pragma once

#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "replay/history/edn.hpp"
#include "replay/journal/journal.hpp"
#include "replay/journal/net_stats.hpp"

namespace rumor::replay::journal {

using history::Edn;
using history::EdnEntry;

// "17" -> integer 17, "\"a\"" or anything else -> that string.
Edn parse_explain_value(const std::string& text);

// True if a body field (other than type/msg_id/in_reply_to, which are protocol plumbing) equals
// the value or is an array/map containing it, at any depth.
bool body_carries(const Edn& body, const Edn& value);

// One message carrying the value. Times are ms since the journal's first event.
struct Carrier {
  std::int64_t message_id = 0;
  std::string src;
  std::string dest;
  std::string type;
  double sent_ms = 0;
  std::optional<double> received_ms;  // nullopt: never delivered (partition or run ended)
};

struct FirstRead {
  std::string client;
  std::int64_t message_id = 0;
  double sent_ms = 0;  // when the node sent the read_ok
};

struct Explanation {
  Edn value;
  std::vector<Carrier> client_requests;  // client -> node messages carrying it (the broadcast)
  std::vector<Carrier> server_messages;  // all other messages carrying it, in send order
  std::map<std::string, Carrier, NaturalLess>
      first_arrival;                        // node -> the delivery that first brought it
  std::vector<std::string> never_received;  // nodes it never reached
  std::vector<std::string> not_forwarded;   // nodes that got it but sent it to no server
  std::map<std::string, FirstRead, NaturalLess>
      first_read;  // node -> first read_ok that contained it
};

// The run's nodes in natural order: the init messages' node_ids when present, else every
// non-client participant.
std::vector<std::string> journal_node_ids(const std::vector<Event>& events);

// Nodes are the init messages' node_ids when present, else every non-client participant.
Explanation explain(const std::vector<Event>& events, const Edn& value);

void print_explanation(std::ostream& out, const Explanation& explanation);

}  // namespace rumor::replay::journal
