#include "replay/journal/diagnose.hpp"

#include <algorithm>
#include <cstdio>
#include <set>
#include <unordered_map>

namespace rumor::replay::journal {
namespace {

std::string ms_text(double ms) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f ms", ms);
  return buffer;
}

bool has(const std::vector<std::int64_t>& sorted, std::int64_t value) {
  return std::binary_search(sorted.begin(), sorted.end(), value);
}

bool in_partition(const std::vector<SpanMs>& partitions, double ms) {
  return std::any_of(partitions.begin(), partitions.end(),
                     [&](const SpanMs& s) { return ms >= s.from_ms && ms <= s.to_ms; });
}

// The end of the partition a time falls in (the heal), for the explanation.
std::optional<double> heal_after(const std::vector<SpanMs>& partitions, double ms) {
  for (const SpanMs& s : partitions) {
    if (ms >= s.from_ms && ms <= s.to_ms) return s.to_ms;
  }
  return std::nullopt;
}

// The non-integer read entries that stand for a value: "7" or 7.0.
struct OtherForms {
  std::string quoted, floating;
  explicit OtherForms(std::int64_t value)
      : quoted("\"" + std::to_string(value) + "\""), floating(std::to_string(value) + ".0") {}
  bool match(const std::string& json) const { return json == quoted || json == floating; }
};

// What the run says about one value, gathered once.
struct Evidence {
  const ClientBroadcast* entry = nullptr;
  std::vector<const PeerMessage*> carriers;  // send order
};

std::vector<Receipt> first_receipts(const Evidence& evidence) {
  std::map<std::string, Receipt, NaturalLess> first;
  if (evidence.entry) {
    const ClientBroadcast& e = *evidence.entry;
    first[e.node] = Receipt{e.node, e.client, e.sent_ms, 0};
  }
  for (const PeerMessage* m : evidence.carriers) {
    if (!m->received_ms) continue;
    const auto found = first.find(m->dest);
    if (found == first.end() || *m->received_ms < found->second.at_ms) {
      first[m->dest] = Receipt{m->dest, m->src, *m->received_ms, m->id};
    }
  }
  std::vector<Receipt> receipts;
  for (auto& [node, receipt] : first) receipts.push_back(receipt);
  std::stable_sort(receipts.begin(), receipts.end(),
                   [](const Receipt& a, const Receipt& b) { return a.at_ms < b.at_ms; });
  return receipts;
}

const Receipt* receipt_of(const std::vector<Receipt>& receipts, const std::string& node) {
  for (const Receipt& r : receipts) {
    if (r.node == node) return &r;
  }
  return nullptr;
}

// "n2 held it and sent it only to n1 (dropped)": where the value went instead.
std::string holders_text(const Evidence& evidence, const std::vector<Receipt>& receipts) {
  if (receipts.empty()) return "no node held it";
  std::string text;
  for (const Receipt& r : receipts) {
    std::set<std::string> dests;
    bool dropped = false;
    for (const PeerMessage* m : evidence.carriers) {
      if (m->src != r.node) continue;
      dests.insert(m->dest);
      dropped = dropped || !m->received_ms;
    }
    text += (text.empty() ? "" : "; ") + r.node + " held it and sent it ";
    if (dests.empty()) {
      text += "to no node";
      continue;
    }
    text += "only to";
    for (const std::string& d : dests) text += " " + d;
    if (dropped) text += " (some copies dropped)";
  }
  return text;
}

// Why a node with no copy of the value never got one, from the messages sent to it.
Lack network_lack(const RunModel& model, const Evidence& evidence,
                  const std::vector<Receipt>& receipts, Lack lack) {
  std::vector<const PeerMessage*> towards;
  for (const PeerMessage* m : evidence.carriers) {
    if (m->dest == lack.node) towards.push_back(m);
  }
  if (towards.empty()) {
    lack.cause = Cause::never_sent_towards;
    lack.why = holders_text(evidence, receipts) + "; none sent it to " + lack.node;
    return lack;
  }
  const PeerMessage& last = *towards.back();
  const auto outside = std::find_if(towards.begin(), towards.end(), [&](const PeerMessage* m) {
    return !in_partition(model.partitions, m->sent_ms);
  });
  if (outside != towards.end()) {
    lack.cause = Cause::arrived_after_final_reads;
    lack.why = (*outside)->src + " sent it to " + lack.node + " at " +
               ms_text((*outside)->sent_ms) + " (msg " + std::to_string((*outside)->id) +
               ", outside any partition); it was " + "still undelivered when the run ended";
    return lack;
  }
  lack.cause = Cause::dropped_not_resent;
  const std::optional<double> heal = heal_after(model.partitions, last.sent_ms);
  lack.why = "sent to " + lack.node + " " + std::to_string(towards.size()) +
             (towards.size() == 1 ? " time" : " times") + ", last by " + last.src + " at " +
             ms_text(last.sent_ms) + " (msg " + std::to_string(last.id) +
             ") during a partition; dropped, and not sent again after the heal at " +
             ms_text(heal.value_or(0));
  return lack;
}

Lack lack_of(const RunModel& model, const Evidence& evidence, const std::vector<Receipt>& receipts,
             const std::string& node, const std::vector<ReadReply>& reads, std::int64_t value) {
  Lack lack{node, Cause::unexplained, "", reads.back().at_ms};
  const double final_ms = reads.back().at_ms;
  const OtherForms forms(value);
  for (const std::string& text : reads.back().other) {
    if (!forms.match(text)) continue;
    lack.cause = Cause::returned_as_other_type;
    lack.why = node + "'s final read returns it as " + text + ", not as an integer";
    return lack;
  }
  const auto returned = std::find_if(reads.begin(), reads.end(),
                                     [&](const ReadReply& r) { return has(r.values, value); });
  const Receipt* receipt = receipt_of(receipts, node);
  if (returned != reads.end()) {
    lack.cause = Cause::forgotten;
    lack.why = node + " returned it in a read at " + ms_text(returned->at_ms) +
               "; its final read at " + ms_text(final_ms) + " lacks it";
    return lack;
  }
  if (receipt && receipt->at_ms <= final_ms) {
    lack.cause = Cause::forgotten;
    lack.why = node + " received it from " + receipt->from + " at " + ms_text(receipt->at_ms) +
               "; its reads from then to its final read at " + ms_text(final_ms) + " lack it";
    return lack;
  }
  if (receipt) {
    lack.cause = Cause::arrived_after_final_reads;
    lack.why = "reached " + node + " from " + receipt->from + " at " + ms_text(receipt->at_ms) +
               ", after its final read at " + ms_text(final_ms);
    return lack;
  }
  if (model.source == ModelSource::history) {
    lack.cause = Cause::needs_journal;
    lack.why = node + " never returned it" +
               (evidence.entry ? " (it entered via " + evidence.entry->node + ")" : "") +
               "; whether it was never sent there, dropped or late is in the network journal";
    return lack;
  }
  return network_lack(model, evidence, receipts, lack);
}

// The value-wide causes that do not depend on one lacking node; nullopt when none holds.
std::optional<std::pair<Cause, std::string>> value_cause(const RunModel& model,
                                                         const Evidence& evidence,
                                                         std::int64_t value, Outcome outcome) {
  bool any_integer = false;
  const OtherForms forms(value);
  const ReadReply* other_form = nullptr;
  std::string other_node;
  for (const auto& [node, reads] : model.reads) {
    for (const ReadReply& r : reads) {
      any_integer = any_integer || has(r.values, value);
      if (other_form) continue;
      for (const std::string& text : r.other) {
        if (forms.match(text)) {
          other_form = &r;
          other_node = node;
          break;
        }
      }
    }
  }
  if (other_form && !any_integer) {
    return std::pair{Cause::returned_as_other_type,
                     other_node + "'s read at " + ms_text(other_form->at_ms) +
                         " returned it as a string, not the integer " + std::to_string(value)};
  }
  const ClientBroadcast* entry = evidence.entry;
  if (!entry || !entry->acked_ms) return std::nullopt;
  const auto found = model.reads.find(entry->node);
  std::size_t later_reads = 0;
  bool returned = false;
  if (found != model.reads.end()) {
    for (const ReadReply& r : found->second) {
      if (r.at_ms >= *entry->acked_ms) ++later_reads;
      returned = returned || has(r.values, value);
    }
  }
  if (later_reads > 0 && !returned) {
    return std::pair{Cause::acknowledger_never_returned,
                     entry->node + " acknowledged it at " + ms_text(*entry->acked_ms) +
                         " and served " + std::to_string(later_reads) +
                         " reads after that; none contained it"};
  }
  if (outcome == Outcome::never_read) {
    bool read_after = false;
    for (const auto& [node, reads] : model.reads) {
      read_after = read_after || (!reads.empty() && reads.back().at_ms >= *entry->acked_ms);
    }
    if (!read_after) {
      return std::pair{Cause::no_read_after_ack,
                       "acknowledged at " + ms_text(*entry->acked_ms) + "; no read came after"};
    }
  }
  return std::nullopt;
}

ValueDiagnosis diagnose_evidence(const RunModel& model, const Evidence& evidence,
                                 std::int64_t value, Outcome outcome) {
  ValueDiagnosis d;
  d.value = value;
  d.outcome = outcome;
  if (evidence.entry) d.entry = *evidence.entry;
  d.receipts = first_receipts(evidence);
  for (const auto& [node, reads] : model.reads) {
    if (reads.empty() || has(reads.back().values, value)) continue;
    d.lacking.push_back(lack_of(model, evidence, d.receipts, node, reads, value));
  }
  if (auto cause = value_cause(model, evidence, value, outcome)) {
    d.cause = cause->first;
    d.why = cause->second;
    return d;
  }
  const auto first =
      std::min_element(d.lacking.begin(), d.lacking.end(),
                       [](const Lack& a, const Lack& b) { return a.cause < b.cause; });
  if (first != d.lacking.end()) {
    d.cause = first->cause;
    d.why = first->why;
  } else {
    d.why = !evidence.entry ? "no client broadcast of it is recorded"
                            : "every node's final read holds it (an earlier read decided)";
  }
  return d;
}

}  // namespace

const char* cause_name(Cause cause) {
  switch (cause) {
    case Cause::returned_as_other_type:
      return "returned-as-other-type";
    case Cause::acknowledger_never_returned:
      return "acknowledger-never-returned";
    case Cause::forgotten:
      return "forgotten";
    case Cause::dropped_not_resent:
      return "dropped-not-resent";
    case Cause::arrived_after_final_reads:
      return "arrived-after-final-reads";
    case Cause::never_sent_towards:
      return "never-sent-towards";
    case Cause::no_read_after_ack:
      return "no-read-after-ack";
    case Cause::needs_journal:
      return "needs-journal";
    case Cause::unexplained:
      break;
  }
  return "unexplained";
}

const char* cause_sentence(Cause cause) {
  switch (cause) {
    case Cause::returned_as_other_type:
      return "reads returned it, but not as an integer (e.g. the string \"7\"), which the "
             "checker does not count";
    case Cause::acknowledger_never_returned:
      return "the node that acknowledged it never returned it in any read (not stored, or "
             "forgotten)";
    case Cause::forgotten:
      return "a node received it (or returned it) and its later reads lack it";
    case Cause::dropped_not_resent:
      return "sent during a partition, dropped, and never sent again after the heal";
    case Cause::arrived_after_final_reads:
      return "sent after the heal, but arrived after the final reads";
    case Cause::never_sent_towards:
      return "a node held it but never sent it towards a node that lacks it";
    case Cause::no_read_after_ack:
      return "no read began after it was acknowledged";
    case Cause::needs_journal:
      return "a node never got it; why needs the network journal (history only)";
    case Cause::unexplained:
      break;
  }
  return "no cause found";
}

ValueDiagnosis diagnose_value(const RunModel& model, std::int64_t value, Outcome outcome) {
  Evidence evidence;
  for (const ClientBroadcast& b : model.broadcasts) {
    if (b.value == value && !evidence.entry) evidence.entry = &b;
  }
  for (const PeerMessage& m : model.messages) {
    if (has(m.values, value)) evidence.carriers.push_back(&m);
  }
  return diagnose_evidence(model, evidence, value, outcome);
}

Diagnosis diagnose(const RunModel& model, const std::vector<std::int64_t>& lost,
                   const std::vector<std::int64_t>& never_read) {
  // One pass over the messages for all the values asked about, not one per value.
  std::unordered_map<std::int64_t, Evidence> evidence;
  for (const auto* list : {&lost, &never_read}) {
    for (std::int64_t v : *list) evidence[v];
  }
  for (const ClientBroadcast& b : model.broadcasts) {
    const auto found = evidence.find(b.value);
    if (found != evidence.end() && !found->second.entry) found->second.entry = &b;
  }
  for (const PeerMessage& m : model.messages) {
    for (std::int64_t v : m.values) {
      const auto found = evidence.find(v);
      if (found != evidence.end()) found->second.carriers.push_back(&m);
    }
  }
  Diagnosis diagnosis;
  diagnosis.source = model.source;
  diagnosis.partitions = model.partitions;
  for (const auto& [list, outcome] :
       {std::pair{&lost, Outcome::lost}, std::pair{&never_read, Outcome::never_read}}) {
    std::vector<std::int64_t> sorted = *list;
    std::sort(sorted.begin(), sorted.end());
    for (std::int64_t v : sorted) {
      diagnosis.values.push_back(diagnose_evidence(model, evidence[v], v, outcome));
      ++diagnosis.counts[diagnosis.values.back().cause];
    }
  }
  return diagnosis;
}

}  // namespace rumor::replay::journal
