// Out of line: the fuzzer names nodes on its hot path, where inlining these grows its loop.
#include "core/node_names.hpp"

#include <charconv>
#include <limits>

namespace rumor::core {
namespace {

// Built in place: one string, no temporary for the digits.
std::string numbered(char prefix, std::size_t index) {
  char text[2 + std::numeric_limits<std::size_t>::digits10];
  text[0] = prefix;
  const char* end = std::to_chars(text + 1, text + sizeof text, index).ptr;
  return std::string(text, static_cast<std::size_t>(end - text));
}

}  // namespace

std::string node_name(std::size_t index) { return numbered('n', index); }

std::string client_name(std::size_t index) { return numbered('c', index); }

std::vector<std::string> node_names(std::size_t count) {
  std::vector<std::string> names;
  names.reserve(count);
  for (std::size_t index = 0; index < count; ++index) names.push_back(node_name(index));
  return names;
}

}  // namespace rumor::core
