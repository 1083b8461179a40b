// `--diagram FILE.html`: a self-contained Lamport diagram of a run's net journal (like
// Maelstrom's messages.svg, Maelstrom's doc/results.md), with in-page filters so a 25-node run
// stays readable.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "replay/journal/history_scan.hpp"
#include "replay/journal/journal.hpp"

namespace rumor::replay::journal {

// A span in ms since the journal's first event.
struct SpanMs {
  double from_ms = 0;
  double to_ms = 0;
};

// History times are ns since the test's relative-time origin, journal times are the JVM's
// System.nanoTime. The first client :invoke in the history is recorded just before its request
// goes on the wire, so we equate it with the journal's first client request that is not
// init/topology (those precede the test's time origin). Offsets are then exact to within the
// client's dispatch delay (microseconds). With no such pair, history time 0 is the first event.
std::vector<SpanMs> partition_spans_ms(const std::vector<Event>& events,
                                       const HistorySummary& history);

struct DiagramOptions {
  std::string title;
  std::vector<SpanMs> partitions;
  std::size_t max_arrows = 1000;  // default page limit; the page can change it
};

// Maelstrom's diagram leaves init/init_ok out; so does the page by default (a checkbox adds them).
bool shown_by_default(const Message& message);

// How many arrows (delivered messages) the page draws with its default filters: the first
// max_arrows default-shown messages in send order, minus those never delivered.
std::size_t default_arrow_count(const std::vector<Event>& events, std::size_t max_arrows);

// Text safe inside HTML elements and attribute values.
std::string html_escape(const std::string& text);

void write_diagram_html(std::ostream& out, const std::vector<Event>& events,
                        const DiagramOptions& options);

// One arrow of the page: ms since the first event; ranks are positions in the time-ordered
// event list (the page's y without "y = time"); body_json is the body as a JSON object.
struct DiagramMessage {
  std::int64_t id = 0;
  std::string src;
  std::string dest;
  std::string type;
  std::string body_json;
  double send_ms = 0;
  std::size_t send_rank = 0;
  std::optional<double> recv_ms;  // nullopt: never delivered
  std::size_t recv_rank = 0;
};

// One end of an arrow, for rank_arrow_ends: its time in the caller's unit, whether it is the
// delivery, and the index of its message.
struct ArrowEnd {
  std::int64_t time = 0;
  bool recv = false;
  std::size_t message = 0;
};

// Orders the ends by time (a send before a delivery at the same time, otherwise as given) and
// sets each message's send/recv ms, from the first end's time (`units_per_ms` converts), and
// ranks. Returns the first end's time, 0 when there is none.
std::int64_t rank_arrow_ends(std::vector<ArrowEnd> ends, double units_per_ms,
                             std::vector<DiagramMessage>& messages);

// The same page from messages already paired (the store's diagram, from the node traces).
void write_diagram_html(std::ostream& out, const std::vector<DiagramMessage>& messages,
                        const DiagramOptions& options);

}  // namespace rumor::replay::journal
