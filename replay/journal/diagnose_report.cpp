#include "replay/journal/diagnose_report.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdio>

#include "replay/json_members.hpp"

namespace rumor::replay::journal {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

std::string ms_text(double ms) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f ms", ms);
  return buffer;
}

const char* outcome_name(Outcome outcome) {
  return outcome == Outcome::lost ? "lost" : "never-read";
}

std::int64_t count_of(const Diagnosis& d, Outcome outcome) {
  std::int64_t count = 0;
  for (const ValueDiagnosis& v : d.values) count += v.outcome == outcome;
  return count;
}

// What the history alone cannot tell, said once (README "rumor replay").
constexpr const char* kHistoryOnly =
    "history only: entries, acknowledgements and reads are per worker (each bound to one node);\n"
    "which nodes received a value, from whom and when, and the network causes (dropped, never\n"
    "sent, arrived late) need the run's net-journal/ or rumor node traces in node-logs/.\n";

void print_value(std::ostream& out, const ValueDiagnosis& v) {
  out << "  value " << v.value << " (" << outcome_name(v.outcome) << "): " << cause_name(v.cause)
      << "\n    why: " << v.why << "\n";
  if (v.entry) {
    out << "    entered: " << v.entry->client << " -> " << v.entry->node << " at "
        << ms_text(v.entry->sent_ms) << ", "
        << (v.entry->acked_ms ? "acknowledged at " + ms_text(*v.entry->acked_ms)
                              : std::string("never acknowledged"))
        << "\n";
  } else {
    out << "    entered: no client broadcast of it is recorded\n";
  }
  out << "    received by:";
  for (const Receipt& r : v.receipts) {
    out << " " << r.node << " (from " << r.from << " at " << ms_text(r.at_ms) << ")";
  }
  if (v.receipts.empty()) out << " no node";
  out << "\n    reads lacking it up to the end:";
  if (v.lacking.empty()) out << " none";
  out << "\n";
  for (const Lack& l : v.lacking) {
    out << "      " << l.node << ": " << cause_name(l.cause) << " — " << l.why << "\n";
  }
}

}  // namespace

const char* source_name(ModelSource source) {
  switch (source) {
    case ModelSource::net_journal:
      return "net-journal";
    case ModelSource::traces:
      return "traces";
    case ModelSource::history:
      break;
  }
  return "history";
}

void print_diagnosis(std::ostream& out, const Diagnosis& d, const DiagnosisHeader& header,
                     bool detail) {
  out << "diagnosis of " << header.run_dir << " (from " << source_name(d.source)
      << "; verdict from " << (header.recomputed ? "the checker over history.edn" : "results.edn")
      << "; times in ms since the first "
      << (d.source == ModelSource::history ? "history op" : "journal event") << ")\n";
  out << "  " << count_of(d, Outcome::lost) << " lost, " << count_of(d, Outcome::never_read)
      << " never read\n";
  for (const SpanMs& p : d.partitions) {
    out << "  partition " << ms_text(p.from_ms) << " to " << ms_text(p.to_ms) << "\n";
  }
  if (d.source == ModelSource::history) out << kHistoryOnly;
  out << "\ncauses:\n";
  for (const auto& [cause, count] : d.counts) {
    char line[64];
    std::snprintf(line, sizeof line, "  %5lld  %-28s ", static_cast<long long>(count),
                  cause_name(cause));
    out << line << cause_sentence(cause) << "\n";
  }
  if (detail) {
    out << "\nevery value:\n";
    for (const ValueDiagnosis& v : d.values) print_value(out, v);
    return;
  }
  out << "\none example per cause (--detail shows every value):\n";
  for (const auto& [cause, count] : d.counts) {
    for (const ValueDiagnosis& v : d.values) {
      if (v.cause != cause) continue;
      print_value(out, v);
      break;
    }
  }
}

namespace {

void entry_json(JsonWriter& w, const ClientBroadcast& e) {
  w.StartObject();
  json::member(w, "client", e.client);
  json::member(w, "node", e.node);
  json::member(w, "sent-ms", e.sent_ms);
  w.Key("acked-ms");
  if (e.acked_ms) {
    w.Double(*e.acked_ms);
  } else {
    w.Null();
  }
  w.EndObject();
}

void value_json(JsonWriter& w, const ValueDiagnosis& v) {
  w.StartObject();
  json::member(w, "value", v.value);
  json::member(w, "outcome", outcome_name(v.outcome));
  json::member(w, "cause", cause_name(v.cause));
  json::member(w, "why", v.why);
  w.Key("entry");
  if (v.entry) {
    entry_json(w, *v.entry);
  } else {
    w.Null();
  }
  w.Key("receipts");
  w.StartArray();
  for (const Receipt& r : v.receipts) {
    w.StartObject();
    json::member(w, "node", r.node);
    json::member(w, "from", r.from);
    json::member(w, "at-ms", r.at_ms);
    json::member(w, "msg-id", r.message_id);
    w.EndObject();
  }
  w.EndArray();
  w.Key("lacking");
  w.StartArray();
  for (const Lack& l : v.lacking) {
    w.StartObject();
    json::member(w, "node", l.node);
    json::member(w, "cause", cause_name(l.cause));
    json::member(w, "why", l.why);
    w.Key("final-read-ms");
    if (l.final_read_ms) {
      w.Double(*l.final_read_ms);
    } else {
      w.Null();
    }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

}  // namespace

std::string diagnosis_json(const Diagnosis& d) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  json::member(w, "source", source_name(d.source));
  json::member(w, "lost-count", count_of(d, Outcome::lost));
  json::member(w, "never-read-count", count_of(d, Outcome::never_read));
  w.Key("causes");
  w.StartObject();
  for (const auto& [cause, count] : d.counts) {
    w.Key(cause_name(cause));
    w.Int64(count);
  }
  w.EndObject();
  w.Key("needs-journal");
  w.StartArray();
  if (d.source == ModelSource::history) {
    for (const char* what :
         {"receipts", "dropped-not-resent", "arrived-after-final-reads", "never-sent-towards"}) {
      w.String(what);
    }
  }
  w.EndArray();
  w.Key("partitions");
  w.StartArray();
  for (const SpanMs& p : d.partitions) {
    w.StartArray();
    w.Double(p.from_ms);
    w.Double(p.to_ms);
    w.EndArray();
  }
  w.EndArray();
  w.Key("values");
  w.StartArray();
  for (const ValueDiagnosis& v : d.values) value_json(w, v);
  w.EndArray();
  w.EndObject();
  return buffer.GetString();
}

}  // namespace rumor::replay::journal
