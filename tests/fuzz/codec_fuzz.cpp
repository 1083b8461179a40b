// libFuzzer target: the codec. Any bytes decode to a message or a clear error without crashing;
// a decoded message survives encode -> decode unchanged (a Malformed one, whose bad fields the
// encoder cannot write back, at least decodes to a message that then round-trips), and every
// encoded line is one line.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <variant>

#include "core/codec.hpp"

namespace {

using namespace rumor::core;

void require(bool condition, const char* what, std::string_view line) {
  if (condition) return;
  std::fprintf(stderr, "codec_fuzz: %s: %.*s\n", what, static_cast<int>(line.size()), line.data());
  std::abort();
}

const Message* decoded_message(const std::variant<Message, DecodeError>& result) {
  return std::get_if<Message>(&result);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  const auto first = decode(line);
  const Message* message = decoded_message(first);
  if (message == nullptr) return 0;
  const std::string encoded = encode(*message);
  require(encoded.find('\n') == std::string::npos, "encoded a line break", encoded);
  const auto second = decode(encoded);
  const Message* again = decoded_message(second);
  require(again != nullptr, "an encoded message does not decode", encoded);
  if (!std::holds_alternative<Malformed>(message->body)) {
    require(*again == *message, "decode(encode(m)) differs from m", encoded);
  } else {
    const std::string encoded_again = encode(*again);
    const auto third = decode(encoded_again);
    require(decoded_message(third) != nullptr && *decoded_message(third) == *again,
            "a re-encoded malformed message does not round-trip", encoded_again);
  }
  return 0;
}
