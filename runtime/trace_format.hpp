// The rumor trace: what a node feeds its core, written as stderr lines so that Maelstrom's
// node-logs/nX.log (and `rumor test`'s) carry a replayable record of every run. Every trace line
// starts with '#', so it coexists with the free-form log lines around it:
//
//   #rumor-trace v1 rumor-node 0.1.0 profile=default seed=491328254834 args=["default"]
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
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace rumor::runtime::trace {

inline constexpr std::string_view header_prefix = "#rumor-trace v1 ";
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

Line parse_line(std::string_view text);

// JSON array of strings, e.g. ["default","--seed","5"]; and back (nullopt-like failure: false).
std::string json_string_array(const std::vector<std::string>& strings);
bool parse_json_string_array(std::string_view text, std::vector<std::string>& strings);

}  // namespace rumor::runtime::trace
