#include "replay/sim/generator.hpp"

#include <charconv>
#include <string>

namespace rumor::replay::sim {

std::optional<std::size_t> parse_concurrency(const std::string& text, std::size_t node_count) {
  std::string digits = text;
  bool times_nodes = false;
  if (!digits.empty() && digits.back() == 'n') {
    times_nodes = true;
    digits.pop_back();
  }
  std::size_t k = 0;
  const char* end = digits.data() + digits.size();
  auto [ptr, ec] = std::from_chars(digits.data(), end, k);
  if (digits.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  const std::size_t workers = times_nodes ? k * node_count : k;
  if (workers == 0) return std::nullopt;
  return workers;
}

}  // namespace rumor::replay::sim
