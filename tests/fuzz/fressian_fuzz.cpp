// libFuzzer target: the Fressian decoder (replay/journal/fressian.hpp) and the journal record
// reader on arbitrary bytes. Bad input must be a FressianError or JournalError, never a crash,
// a stack overflow or unbounded memory (the decoded-size budget); what decodes must print.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "replay/journal/fressian.hpp"
#include "replay/journal/journal.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    for (const rumor::replay::history::Edn& value :
         rumor::replay::journal::decode_fressian(bytes, "fuzz")) {
      (void)rumor::replay::history::to_json(value);
      (void)rumor::replay::history::to_edn(value);
      try {
        const rumor::replay::journal::Event event =
            rumor::replay::journal::event_from_value(value, "fuzz");
        (void)rumor::replay::journal::body_type(event.message);
      } catch (const rumor::replay::journal::JournalError&) {
      }
    }
  } catch (const rumor::replay::journal::FressianError&) {
  }
  return 0;
}
