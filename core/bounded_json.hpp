// The one way the project parses JSON text it did not write (node stdin, trace lines, a node
// process's stdout): RapidJSON, fed through a handler that bounds what one line can do.
// - Nesting deeper than depth_max is a parse error, so the recursive parser's stack stays small
//   (one line of 100,000 '[' used to overflow it and kill the process).
// - The whole text must be one value plus JSON whitespace: `{...}\0garbage` is an error (a
//   NUL-terminated stream would have stopped at the NUL and accepted the line).
// - Strings must decode to well-formed UTF-8: RapidJSON turns a lone low-surrogate escape
//   (`\udc00`) into bytes that are not UTF-8, which an encoder would later replace with U+FFFD,
//   silently changing a node id; such text is rejected instead.
// - Numbers::lenient parses every well-formed number: one no double can hold (`1e999`) parses as
//   the largest double of its sign, so a field that wants an integer reports an ill-typed field
//   instead of "not JSON". (RapidJSON refuses such numbers even when asked for their text.)
#pragma once

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>
#include <rapidjson/stream.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rumor::core::json {

// Maelstrom's messages nest four levels (envelope, body, topology, a neighbour list); 64 leaves
// room for any node's own bodies and keeps the parser's recursion a few kilobytes of stack.
inline constexpr unsigned depth_max = 64;

enum class Numbers { strict, lenient };

// Parses `text` into `document`; nullopt on success, else why not ("... at offset N").
template <typename Document>
std::optional<std::string> parse_bounded(Document& document, std::string_view text,
                                         Numbers numbers = Numbers::strict);

// The same, but copies `text` into `scratch` and parses it there in place, so the document's
// strings point into `scratch` (valid until it changes) instead of being copied one by one.
template <typename Document>
std::optional<std::string> parse_bounded_in_place(Document& document, std::string_view text,
                                                  std::string& scratch,
                                                  Numbers numbers = Numbers::strict);

// True when `text` (valid UTF-8 but for decoded escapes) encodes no UTF-16 surrogate: in UTF-8
// those are the only three-byte sequences that start 0xED 0xA0..0xBF.
inline bool has_no_surrogates(std::string_view text) {
  for (std::size_t i = text.find('\xED'); i != std::string_view::npos;
       i = text.find('\xED', i + 1)) {
    if (i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0xA0) return false;
  }
  return true;
}

// ---- implementation of the templates above ----

namespace detail {

// Forwards RapidJSON's SAX events to a document, refusing what the rules above forbid.
template <typename Document>
class BoundedHandler {
 public:
  using Ch = char;
  explicit BoundedHandler(Document& document) : document_(document) {}

  bool Null() { return document_.Null(); }
  bool Bool(bool b) { return document_.Bool(b); }
  bool Int(int i) { return document_.Int(i); }
  bool Uint(unsigned u) { return document_.Uint(u); }
  bool Int64(std::int64_t i) { return document_.Int64(i); }
  bool Uint64(std::uint64_t u) { return document_.Uint64(u); }
  bool Double(double d) { return document_.Double(d); }
  bool RawNumber(const char* text, rapidjson::SizeType length, bool copy) {  // never asked for
    return document_.RawNumber(text, length, copy);
  }
  bool String(const char* text, rapidjson::SizeType length, bool copy) {
    if (!has_no_surrogates({text, length})) return refuse("a lone surrogate escape in a string");
    return document_.String(text, length, copy);
  }
  bool Key(const char* text, rapidjson::SizeType length, bool copy) {
    return String(text, length, copy);
  }
  bool StartObject() { return enter() && document_.StartObject(); }
  bool EndObject(rapidjson::SizeType members) {
    --depth_;
    return document_.EndObject(members);
  }
  bool StartArray() { return enter() && document_.StartArray(); }
  bool EndArray(rapidjson::SizeType elements) {
    --depth_;
    return document_.EndArray(elements);
  }

  const char* refusal() const { return refusal_; }

 private:
  bool enter() {
    if (++depth_ <= depth_max) return true;
    return refuse("nesting deeper than 64");
  }
  bool refuse(const char* why) {
    refusal_ = why;
    return false;
  }

  Document& document_;
  unsigned depth_ = 0;
  const char* refusal_ = nullptr;
};

inline bool is_json_whitespace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

struct Outcome {
  std::optional<std::string> why;  // nullopt: parsed
  bool number_too_big = false;     // a lenient second pass would parse it
};

// Runs the reader over `stream` as a document generator (GenericDocument::Populate).
template <unsigned flags, typename Document, typename Stream>
Outcome parse_stream(Document& document, Stream& stream, std::string_view text) {
  rapidjson::ParseResult result;
  const char* refusal = nullptr;
  auto generate = [&](Document& target) {
    BoundedHandler<Document> handler(target);
    rapidjson::Reader reader;
    result = reader.Parse<flags | rapidjson::kParseStopWhenDoneFlag |
                          rapidjson::kParseValidateEncodingFlag>(stream, handler);
    refusal = handler.refusal();
    return !result.IsError();
  };
  document.Populate(generate);
  std::size_t offset = result.Offset();
  if (!result.IsError()) {
    offset = stream.Tell();
    while (offset < text.size() && is_json_whitespace(text[offset])) ++offset;
    if (offset == text.size()) return {};
  }
  const std::string why = refusal != nullptr ? refusal
                          : result.IsError() ? rapidjson::GetParseError_En(result.Code())
                                             : "bytes after the JSON value";
  return {why + " at offset " + std::to_string(offset),
          result.Code() == rapidjson::kParseErrorNumberTooBig};
}

template <typename Document>
Outcome parse_text(Document& document, std::string_view text) {
  rapidjson::MemoryStream bytes(text.data(), text.size());
  rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::MemoryStream> stream(bytes);
  return parse_stream<rapidjson::kParseDefaultFlags>(document, stream, text);
}

// `text` with every number outside strings that no double holds replaced by the largest double
// of its sign (one pass, so a line of a million such numbers costs one more parse, not a million).
std::string clamp_huge_numbers(std::string_view text);

}  // namespace detail

template <typename Document>
std::optional<std::string> parse_bounded(Document& document, std::string_view text,
                                         Numbers numbers) {
  detail::Outcome outcome = detail::parse_text(document, text);
  if (outcome.number_too_big && numbers == Numbers::lenient) {
    outcome = detail::parse_text(document, detail::clamp_huge_numbers(text));
  }
  return outcome.why;
}

template <typename Document>
std::optional<std::string> parse_bounded_in_place(Document& document, std::string_view text,
                                                  std::string& scratch, Numbers numbers) {
  // In place, RapidJSON validates a multi-byte UTF-8 sequence by taking all of its bytes before
  // checking any, so text ending in a lead byte inside a string read up to three bytes past the
  // terminating NUL, past the buffer (found by tests/fuzz/codec_fuzz). Four NULs keep those
  // reads inside it; the first one ends the stream.
  scratch.assign(text);
  scratch.append(4, '\0');
  rapidjson::InsituStringStream stream(scratch.data());
  detail::Outcome outcome = detail::parse_stream<rapidjson::kParseInsituFlag>(
      document, stream, std::string_view(scratch.data(), text.size()));
  if (outcome.number_too_big && numbers == Numbers::lenient) {
    scratch = detail::clamp_huge_numbers(text);  // the document's strings now point into it
    outcome = detail::parse_text(document, scratch);
  }
  return outcome.why;
}

}  // namespace rumor::core::json
