// libFuzzer target: the EDN reader (replay/history/edn.hpp) on arbitrary text. Bad input must
// be an EdnParseError, never a crash; what parses must print, and print the same after a
// second round (parse(print(v)) prints as v does), and the streaming readers must agree.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "replay/history/edn.hpp"

namespace {

using rumor::replay::history::Edn;

void check_round_trip(const Edn& value) {
  const std::string printed = rumor::replay::history::to_edn(value);
  const std::string reprinted =
      rumor::replay::history::to_edn(rumor::replay::history::parse_edn(printed));
  if (reprinted != printed) std::abort();
  (void)rumor::replay::history::to_edn_pretty(value);
  (void)rumor::replay::history::to_json(value);
}

void check_streaming(std::string_view text, const Edn& value) {
  std::size_t pos = 0;
  rumor::replay::history::skip_edn_value_at(text, pos);
  const rumor::replay::history::EdnIntegerItems items =
      rumor::replay::history::parse_edn_integer_items(text);
  if (items.kind != value.kind) std::abort();
  if (value.kind == Edn::Kind::vector || value.kind == Edn::Kind::list ||
      value.kind == Edn::Kind::set) {
    if (items.item_count != value.items.size()) std::abort();
    std::size_t k = 0;
    for (const Edn& item : value.items) {
      if (item.kind != Edn::Kind::integer) continue;
      if (k >= items.integers.size() || items.integers[k++] != item.integer) std::abort();
    }
    if (k != items.integers.size()) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    for (const Edn& value : rumor::replay::history::parse_edn_all(text)) check_round_trip(value);
  } catch (const rumor::replay::history::EdnParseError&) {
  }
  try {
    const Edn value = rumor::replay::history::parse_edn(text);
    check_streaming(text, value);
  } catch (const rumor::replay::history::EdnParseError&) {
  }
  return 0;
}
