#include "replay/journal/history_scan.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace rumor::replay::journal {
namespace {

// The token after ":key " on an EDN map line ("" if the key is absent): enough for the scalar
// values we look at (:type, :process, :f, :time and the start of :value).
std::string token_after(const std::string& line, const std::string& key) {
  const std::string needle = key + " ";
  std::size_t at = line.find(needle);
  // Skip matches that are inside a longer key, e.g. ":f" in ":final?" never ends in a space, but
  // a value string could contain the needle; keys follow "{" or ", " in Maelstrom's output.
  while (at != std::string::npos && at > 0 && line[at - 1] != '{' && line[at - 1] != ' ') {
    at = line.find(needle, at + 1);
  }
  if (at == std::string::npos) return "";
  const std::size_t start = at + needle.size();
  const std::size_t end = line.find_first_of(",}", start);
  return line.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

}  // namespace

HistorySummary scan_history(std::istream& in) {
  HistorySummary summary;
  // A bool beside the time rather than std::optional: g++ 12 warns falsely on the latter here.
  bool open = false;
  std::int64_t open_from_ns = 0;
  std::int64_t last_time_ns = 0;
  std::string line;
  while (std::getline(in, line)) {
    const std::string time = token_after(line, ":time");
    if (time.empty()) continue;
    const std::int64_t time_ns = std::atoll(time.c_str());
    last_time_ns = std::max(last_time_ns, time_ns);
    const std::string process = token_after(line, ":process");
    if (process != ":nemesis") {
      if (token_after(line, ":type") == ":invoke") {
        ++summary.op_count;
        if (!summary.first_invoke_ns) summary.first_invoke_ns = time_ns;
      }
      continue;
    }
    const std::string f = token_after(line, ":f");
    if (f == ":start-partition" && !open) {
      open = true;
      open_from_ns = time_ns;
    }
    if (f == ":stop-partition" && open && token_after(line, ":value") == ":network-healed") {
      summary.partitions.push_back({open_from_ns, time_ns});
      open = false;
    }
  }
  if (open) summary.partitions.push_back({open_from_ns, last_time_ns});
  return summary;
}

std::optional<HistorySummary> scan_history_file(const std::string& path) {
  if (!std::filesystem::exists(path)) return std::nullopt;
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open");
  HistorySummary summary = scan_history(in);
  if (in.bad()) throw std::runtime_error(path + ": read error");
  return summary;
}

}  // namespace rumor::replay::journal
