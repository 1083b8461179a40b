// libFuzzer target: history.edn text → read_history_edn → Maelstrom's checkers. A bad history
// must be a std::runtime_error naming the line; a readable one must check without throwing (a
// checker's own failure becomes :valid? :unknown) and its results must print.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>

#include "replay/history/check.hpp"
#include "replay/history/history_io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  rumor::replay::history::History history;
  try {
    history = rumor::replay::history::read_history_edn(in, "fuzz.edn");
  } catch (const std::runtime_error&) {
    return 0;
  }
  const rumor::replay::history::Edn results = rumor::replay::history::check(history, std::nullopt);
  (void)rumor::replay::history::validity_of(results);
  (void)rumor::replay::history::to_edn_pretty(results);
  (void)rumor::replay::history::to_json(results);
  std::ostringstream written;
  rumor::replay::history::write_history_edn(history, written);
  rumor::replay::history::write_history_txt(history, written);
  return 0;
}
