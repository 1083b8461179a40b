// Why a run failed: for every lost and never-read value of an invalid run (Jepsen's set-full,
// README "rumor replay"), where it entered, which nodes received it, which nodes' reads lacked
// it up to the end, and the cause, classified. Pure functions over a RunModel, which is built
// from Maelstrom's net journal, rumor's node traces or the history alone (diagnose_model.hpp).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "replay/journal/diagram.hpp"
#include "replay/journal/net_stats.hpp"

namespace rumor::replay::journal {

// A client's broadcast of a value, as its node saw it.
struct ClientBroadcast {
  std::int64_t value = 0;
  std::string client;
  std::string node;  // the node it was sent to (history only: the worker, "p3")
  double sent_ms = 0;
  std::optional<double> acked_ms;  // when the node sent broadcast_ok; nullopt: never acknowledged
};

// A read_ok a node sent. values: the integers it returned, sorted; other: the entries that are
// not integers, as JSON text (a node returning "7" for 7 returns nothing the checker counts).
struct ReadReply {
  double at_ms = 0;
  std::string client;
  std::vector<std::int64_t> values;
  std::vector<std::string> other;
};

// A server-to-server message; values: every integer in its body but the protocol plumbing
// (type, msg_id, in_reply_to), sorted and unique.
struct PeerMessage {
  std::int64_t id = 0;
  std::string src;
  std::string dest;
  double sent_ms = 0;
  std::optional<double> received_ms;  // nullopt: dropped by a partition or still in flight
  std::vector<std::int64_t> values;
};

enum class ModelSource { net_journal, traces, history };

// Everything the diagnosis reads, with times in ms on one clock (the journal's, since its first
// event; the history's for ModelSource::history).
struct RunModel {
  ModelSource source = ModelSource::net_journal;
  std::vector<std::string> nodes;  // natural order
  std::vector<ClientBroadcast> broadcasts;
  std::vector<PeerMessage> messages;  // send order; empty for ModelSource::history
  std::map<std::string, std::vector<ReadReply>, NaturalLess> reads;  // per node, time order
  std::vector<SpanMs> partitions;
  double end_ms = 0;
};

// The causes, most specific first; a value's cause is the first that holds for it.
enum class Cause {
  returned_as_other_type,       // reads returned it, but as a string (or other non-integer)
  acknowledger_never_returned,  // the node that acknowledged it never returned it in a read
  forgotten,                    // a node received it and its later reads lack it
  dropped_not_resent,           // sent during a partition, dropped, never sent again after it
  arrived_after_final_reads,    // sent again after the heal, but arrived after the final reads
  never_sent_towards,           // a node held it but never sent it towards a node that lacks it
  no_read_after_ack,            // never-read: no read began after it was acknowledged
  needs_journal,                // history only: the cause is in the network, which it lacks
  unexplained,
};

const char* cause_name(Cause cause);      // "dropped-not-resent", ...
const char* cause_sentence(Cause cause);  // one line for people
inline constexpr int kCauseCount = 9;

enum class Outcome { lost, never_read };

// How a value first reached a node: from a client (its broadcast) or a peer message.
struct Receipt {
  std::string node;
  std::string from;
  double at_ms = 0;
  std::int64_t message_id = 0;  // 0 for the client broadcast in history/trace models
};

// A node whose reads lacked the value up to the end, and why it lacked it.
struct Lack {
  std::string node;
  Cause cause = Cause::unexplained;
  std::string why;
  std::optional<double> final_read_ms;
};

struct ValueDiagnosis {
  std::int64_t value = 0;
  Outcome outcome = Outcome::lost;
  std::optional<ClientBroadcast> entry;
  std::vector<Receipt> receipts;  // first arrival per node, time order
  std::vector<Lack> lacking;
  Cause cause = Cause::unexplained;
  std::string why;  // the evidence for the cause, in one sentence
};

struct Diagnosis {
  ModelSource source = ModelSource::net_journal;
  std::vector<ValueDiagnosis> values;  // lost first, then never-read, each in value order
  std::vector<SpanMs> partitions;
  std::map<Cause, std::int64_t> counts;  // per cause, over all values
};

// lost and never_read come from the checker (results.edn's :workload, or recomputed).
Diagnosis diagnose(const RunModel& model, const std::vector<std::int64_t>& lost,
                   const std::vector<std::int64_t>& never_read);

// One value alone (exposed for tests).
ValueDiagnosis diagnose_value(const RunModel& model, std::int64_t value, Outcome outcome);

}  // namespace rumor::replay::journal
