#include "runtime/trace_format.hpp"

#include <rapidjson/document.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <optional>

#include "core/bounded_json.hpp"
#include "core/codec.hpp"
#include "core/hex.hpp"

namespace rumor::runtime::trace {
namespace {

void append_int(std::string& out, std::int64_t number) {
  std::array<char, 24> digits{};
  auto result = std::to_chars(digits.data(), digits.data() + digits.size(), number);
  out.append(digits.data(), result.ptr);
}

bool parse_int(std::string_view text, std::int64_t& number) {
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  return error == std::errc{} && end == text.data() + text.size() && !text.empty();
}

Line parse_header(std::string_view rest) {
  Header header;
  constexpr std::string_view args_key = "args=";
  while (!rest.empty() && !rest.starts_with(args_key)) {
    const std::size_t space = rest.find(' ');
    const std::string_view token = rest.substr(0, space);
    if (header.program.empty()) {
      header.program = token;
    } else if (header.version.empty()) {
      header.version = token;
    } else if (const std::size_t equals = token.find('='); equals != std::string_view::npos) {
      header.settings.emplace_back(token.substr(0, equals), token.substr(equals + 1));
    }
    rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1);
  }
  if (!rest.starts_with(args_key)) return BadLine{"trace header without args=[...]"};
  if (!parse_json_string_array(rest.substr(args_key.size()), header.args)) {
    return BadLine{"trace header args are not a JSON array of strings"};
  }
  return header;
}

bool is_token_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.' || c == ':';
}

bool is_token(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), is_token_char);
}

bool is_canonical_id(std::string_view digits) {
  constexpr std::size_t kMaxDigits = 18;  // always fits an int64
  return !digits.empty() && digits.size() <= kMaxDigits &&
         (digits.size() == 1 || digits[0] != '0') &&
         std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
}

constexpr std::string_view kEnvelopeId = "{\"id\":";
constexpr std::string_view kEnvelopeSrc = ",\"src\":\"";
constexpr std::string_view kEnvelopeDest = "\",\"dest\":\"";
constexpr std::string_view kEnvelopeType = "\",\"body\":{\"type\":\"";

// A received line of Maelstrom's usual shape, cut into the parts the compact form keeps.
struct Envelope {
  std::string_view id, src, dest, type, rest;  // rest: the body after its type, less the last '}'
};

std::optional<Envelope> split_envelope(std::string_view line) {
  if (!line.starts_with(kEnvelopeId) || !line.ends_with('}') ||
      line.find('\n') != std::string_view::npos) {
    return std::nullopt;
  }
  std::size_t pos = kEnvelopeId.size();
  const auto take_until = [&](char stop) {
    const std::size_t end = std::min(line.find(stop, pos), line.size());
    const std::string_view part = line.substr(pos, end - pos);
    pos = end;
    return part;
  };
  const auto expect = [&](std::string_view literal) {
    if (line.substr(pos, literal.size()) != literal) return false;
    pos += literal.size();
    return true;
  };
  Envelope envelope;
  envelope.id = take_until(',');
  if (!is_canonical_id(envelope.id) || !expect(kEnvelopeSrc)) return std::nullopt;
  envelope.src = take_until('"');
  if (!is_token(envelope.src) || !expect(kEnvelopeDest)) return std::nullopt;
  envelope.dest = take_until('"');
  if (!is_token(envelope.dest) || !expect(kEnvelopeType)) return std::nullopt;
  envelope.type = take_until('"');
  if (!is_token(envelope.type) || !expect("\"")) return std::nullopt;
  envelope.rest = line.substr(pos, line.size() - 1 - pos);
  return envelope;
}

// The next space-separated word of `rest`, which loses it and the space after it.
std::string_view next_word(std::string_view& rest) {
  const std::size_t space = std::min(rest.find(' '), rest.size());
  const std::string_view word = rest.substr(0, space);
  rest.remove_prefix(std::min(space + 1, rest.size()));
  return word;
}

}  // namespace

std::string json_string_array(const std::vector<std::string>& strings) {
  std::string out = "[";
  for (std::size_t i = 0; i < strings.size(); ++i) {
    if (i > 0) out += ',';
    core::append_json_string(out, strings[i]);
  }
  out += ']';
  return out;
}

bool parse_json_string_array(std::string_view text, std::vector<std::string>& strings) {
  rapidjson::Document document;
  if (core::json::parse_bounded(document, text) || !document.IsArray()) return false;
  strings.clear();
  for (const auto& element : document.GetArray()) {
    if (!element.IsString()) return false;
    strings.emplace_back(element.GetString(), element.GetStringLength());
  }
  return true;
}

std::string header_line(const Header& header) {
  std::string line(header_prefix);
  line += header.program;
  line += ' ';
  line += header.version;
  for (const auto& [key, value] : header.settings) {
    line += ' ';
    line += key;
    line += '=';
    line += value;
  }
  line += " args=";
  line += json_string_array(header.args);
  line += '\n';
  return line;
}

void append_in(std::string& log, std::int64_t now_ms, std::string_view line) {
  log += in_prefix;
  append_int(log, now_ms);
  log += ' ';
  log += line;
  log += '\n';
}

void append_tick(std::string& log, std::int64_t now_ms) {
  log += tick_prefix;
  append_int(log, now_ms);
  log += '\n';
}

void InputWriter::append_in(std::string& log, std::int64_t now_ms, std::string_view line) {
  std::int64_t dt_ms = 0;
  const std::optional<Envelope> envelope =
      compact_ ? split_envelope(line) : std::optional<Envelope>{};
  if (!envelope || __builtin_sub_overflow(now_ms, last_ms_, &dt_ms)) {
    trace::append_in(log, now_ms, line);
    last_ms_ = now_ms;
    return;
  }
  log += compact_in_prefix;
  append_int(log, dt_ms);
  log += ' ';
  log += envelope->id;
  log += ' ';
  log += envelope->src;
  log += ' ';
  if (envelope->dest == last_dest_) {
    log += '=';
  } else {
    log += envelope->dest;
    last_dest_ = envelope->dest;
  }
  log += ' ';
  log += envelope->type;
  log += ' ';
  log += envelope->rest;
  log += '\n';
  last_ms_ = now_ms;
}

void InputWriter::append_tick(std::string& log, std::int64_t now_ms) {
  trace::append_tick(log, now_ms);
  last_ms_ = now_ms;
}

void append_outs(std::string& log, std::string_view encoded) {
  while (!encoded.empty()) {
    const std::size_t end = encoded.find('\n');
    const std::size_t length = end == std::string_view::npos ? encoded.size() : end + 1;
    log += out_prefix;
    log += encoded.substr(0, length);
    if (end == std::string_view::npos) log += '\n';
    encoded.remove_prefix(length);
  }
}

std::uint64_t output_hash(std::string_view bytes) {
  // Four independent lanes, so the multiplications overlap: hashing must stay a small part of
  // a busy node's cost (busy hubs write several times more than they read).
  constexpr std::uint64_t multiplier = 0x9E3779B97F4A7C15ULL;
  std::array<std::uint64_t, 4> lanes = {0x72756d6f72ULL, 0x243F6A8885A308D3ULL,
                                        0x13198A2E03707344ULL, 0xA4093822299F31D0ULL};
  const auto mix = [](std::uint64_t lane, std::uint64_t word) {
    lane ^= word;
    lane *= multiplier;
    return lane ^ (lane >> 29);
  };
  std::size_t k = 0;
  for (; k + 32 <= bytes.size(); k += 32) {
    std::array<std::uint64_t, 4> words{};
    std::memcpy(words.data(), bytes.data() + k, 32);  // little-endian on every target we build for
    for (std::size_t lane = 0; lane < 4; ++lane) lanes[lane] = mix(lanes[lane], words[lane]);
  }
  std::uint64_t hash = bytes.size() * multiplier;
  for (const std::uint64_t lane : lanes) hash = mix(hash, lane);
  for (; k < bytes.size(); k += 8) {
    std::uint64_t tail = 0;
    std::memcpy(&tail, bytes.data() + k, std::min<std::size_t>(8, bytes.size() - k));
    hash = mix(hash, tail);
  }
  hash ^= hash >> 32;
  hash *= multiplier;
  return hash ^ (hash >> 29);
}

void append_out_hash(std::string& log, std::string_view encoded, std::size_t count) {
  if (encoded.empty()) return;
  log += out_hash_prefix;
  append_int(log, static_cast<std::int64_t>(count));
  log += ' ';
  const std::uint64_t hash = output_hash(encoded);
  log += core::hex64(hash);
  log += '\n';
}

Line parse_line(std::string_view text) {
  if (text.empty() || text.front() != '#') return NotTrace{};
  if (text.starts_with(out_prefix)) return Out{text.substr(out_prefix.size())};
  if (text.starts_with(out_hash_prefix)) {
    const std::string_view rest = text.substr(out_hash_prefix.size());
    const std::size_t space = rest.find(' ');
    std::int64_t count = 0;
    OutHash out_hash;
    const std::string_view hex = space == std::string_view::npos ? "" : rest.substr(space + 1);
    auto [end, error] = std::from_chars(hex.data(), hex.data() + hex.size(), out_hash.hash, 16);
    if (space == std::string_view::npos || !parse_int(rest.substr(0, space), count) || count < 0 ||
        hex.size() != 16 || error != std::errc{} || end != hex.data() + hex.size()) {
      return BadLine{"bad #out-hash line"};
    }
    out_hash.count = static_cast<std::uint64_t>(count);
    return out_hash;
  }
  if (text.starts_with(in_prefix)) {
    const std::string_view rest = text.substr(in_prefix.size());
    const std::size_t space = rest.find(' ');
    In in;
    if (space == std::string_view::npos || !parse_int(rest.substr(0, space), in.now_ms)) {
      return BadLine{"#in without a time and a line"};
    }
    in.line = rest.substr(space + 1);
    return in;
  }
  if (text.starts_with(tick_prefix)) {
    TickIn tick;
    if (!parse_int(text.substr(tick_prefix.size()), tick.now_ms)) return BadLine{"bad #tick time"};
    return tick;
  }
  if (text.starts_with(header_prefix)) return parse_header(text.substr(header_prefix.size()));
  if (text.starts_with(header_prefix_v1)) {
    return parse_header(text.substr(header_prefix_v1.size()));
  }
  if (text.starts_with(compact_in_prefix))
    return BadLine{"#i line read without the trace before it"};
  return NotTrace{};  // a free-form line that happens to start with '#'
}

Line LineReader::parse(std::string_view text) {
  if (!text.starts_with(compact_in_prefix)) {
    Line line = parse_line(text);
    if (const auto* in = std::get_if<In>(&line)) last_ms_ = in->now_ms;
    if (const auto* tick = std::get_if<TickIn>(&line)) last_ms_ = tick->now_ms;
    return line;
  }
  std::string_view rest = text.substr(compact_in_prefix.size());
  std::int64_t dt_ms = 0;
  In in;
  if (!parse_int(next_word(rest), dt_ms) || __builtin_add_overflow(last_ms_, dt_ms, &in.now_ms)) {
    return BadLine{"#i without a time step"};
  }
  const std::string_view id = next_word(rest);
  const std::string_view src = next_word(rest);
  std::string_view dest = next_word(rest);
  const std::size_t type_end = rest.find(' ');
  if (type_end == std::string_view::npos) return BadLine{"#i line cut short"};
  const std::string_view type = rest.substr(0, type_end);
  rest.remove_prefix(type_end + 1);
  if (dest == "=") dest = last_dest_;
  if (!is_canonical_id(id) || !is_token(src) || !is_token(dest) || !is_token(type)) {
    return BadLine{"#i line with a bad id, src, dest or type"};
  }
  expanded_.assign(kEnvelopeId);
  expanded_ += id;
  expanded_ += kEnvelopeSrc;
  expanded_ += src;
  expanded_ += kEnvelopeDest;
  expanded_ += dest;
  expanded_ += kEnvelopeType;
  expanded_ += type;
  expanded_ += '"';
  expanded_ += rest;
  expanded_ += '}';
  if (dest.data() != last_dest_.data()) last_dest_ = dest;
  last_ms_ = in.now_ms;
  in.line = expanded_;
  return in;
}

}  // namespace rumor::runtime::trace
