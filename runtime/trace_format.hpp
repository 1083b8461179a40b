// The rumor trace: what a node feeds its core, written as stderr lines so that Maelstrom's
// node-logs/nX.log (and `rumor test`'s) carry a replayable record of every run. Every trace line
// starts with '#', so it coexists with the free-form log lines around it:
//
//   #rumor-trace v2 rumor-node 0.1.0 profile=default seed=491328254834 args=["default"]
//   #in 1718000000123 {"id":0,"src":"c0","dest":"n0","body":{"type":"init",...}}
//   #out {"src":"n0","dest":"c0","body":{"type":"init_ok","in_reply_to":1}}
//   #tick 1718000000130
//
// The header comes first; its args (a JSON array of strings) are the node's command line, from
// which replay rebuilds the same initial state (profile, seed). Then, per input stepped, in
// order: `#in <now_ms> <line exactly as received>` or `#tick <now_ms>`, followed by what the
// step wrote to stdout: with full capture one `#out <json>` per message, byte for byte; with
// hash capture one `#out-hash <count> <16 hex digits>` line (output_hash of the bytes written,
// '\n's included) when the step wrote anything. No output line: the step wrote nothing. Lines
// the codec rejects are recorded too (they were received; replay skips them the same way).
// Blank lines, which the runtime ignores before decoding, are not recorded.
//
// Version 2 (the header says v2; v1 traces read as before) adds a compact input line, which
// InputWriter writes for every received line of Maelstrom's usual shape:
//
//   #i <dt_ms> <id> <src> <dest> <type> <rest>
//
// stands for `#in <now_ms> {"id":<id>,"src":"<src>","dest":"<dest>","body":{"type":"<type>"<rest>}`
// with now_ms = the previous input's time (#in, #i or #tick; 0 before the first) + dt_ms, and
// dest "=" meaning the previous #i line's dest. src, dest and type are plain tokens (letters,
// digits, '_', '-', '.', ':'), id a canonical non-negative integer; <rest> runs to the end of the
// line, verbatim. Any other line is written as `#in`, and so is every line of a full capture.
// Inputs were ≈ 95 % of a hash-captured trace's bytes; this form is under half their size, and
// replay gets back the exact bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace rumor::runtime::trace {

inline constexpr std::string_view header_prefix = "#rumor-trace v2 ";
inline constexpr std::string_view header_prefix_v1 = "#rumor-trace v1 ";
inline constexpr std::string_view compact_in_prefix = "#i ";
inline constexpr std::string_view in_prefix = "#in ";
inline constexpr std::string_view tick_prefix = "#tick ";
inline constexpr std::string_view out_prefix = "#out ";
inline constexpr std::string_view out_hash_prefix = "#out-hash ";

// How much of its outputs a node records: every message (full) or a hash per step (hash: about
// half the bytes written on a busy node, for when capture must cost least).
enum class Capture { off, hash, full };

struct Header {
  std::string program;                                        // e.g. rumor-node
  std::string version;                                        // e.g. 0.1.0
  std::vector<std::pair<std::string, std::string>> settings;  // key=value, for people to read
  std::vector<std::string> args;                              // the node's command line
};

// The header line, '\n' included.
std::string header_line(const Header& header);

// Each appends one trace line, '\n' included, to `log`.
void append_in(std::string& log, std::int64_t now_ms, std::string_view line);
void append_tick(std::string& log, std::int64_t now_ms);
// `encoded` holds whole output lines, each ending in '\n'; appends one #out line per line.
void append_outs(std::string& log, std::string_view encoded);
// One #out-hash line for `encoded` (`count` whole lines), nothing when it is empty.
void append_out_hash(std::string& log, std::string_view encoded, std::size_t count);

// The trace's input lines with what the compact form needs from the lines before: the last
// input's time and the last compact line's dest. One per trace; #in and #tick as above.
class InputWriter {
 public:
  // compact false: every input as `#in` (full capture keeps inputs verbatim, for people to grep).
  explicit InputWriter(bool compact = true) : compact_(compact) {}
  void append_in(std::string& log, std::int64_t now_ms, std::string_view line);
  void append_tick(std::string& log, std::int64_t now_ms);

 private:
  bool compact_ = true;
  std::int64_t last_ms_ = 0;
  std::string last_dest_;
};

// A fast, fixed 64-bit hash of output bytes (8 bytes per round, little-endian words).
std::uint64_t output_hash(std::string_view bytes);

// A parsed stderr line. The views point into the parsed text.
struct NotTrace {};  // a free-form log line
struct In {
  std::int64_t now_ms = 0;
  std::string_view line;
};
struct TickIn {
  std::int64_t now_ms = 0;
};
struct Out {
  std::string_view line;
};
struct OutHash {
  std::uint64_t count = 0;  // messages written
  std::uint64_t hash = 0;
};
struct BadLine {  // starts like a trace line but cannot be one
  std::string reason;
};
using Line = std::variant<NotTrace, Header, In, TickIn, Out, OutHash, BadLine>;

// One line on its own: a compact #i line needs the lines before it, so it is a BadLine here.
Line parse_line(std::string_view text);

// Reads a trace's lines in order, expanding #i lines into In (whose line then points into the
// reader, valid until the next call).
class LineReader {
 public:
  Line parse(std::string_view text);

 private:
  std::int64_t last_ms_ = 0;
  std::string last_dest_;
  std::string expanded_;
};

// JSON array of strings, e.g. ["default","--seed","5"]; and back (nullopt-like failure: false).
std::string json_string_array(const std::vector<std::string>& strings);
bool parse_json_string_array(std::string_view text, std::vector<std::string>& strings);

}  // namespace rumor::runtime::trace
