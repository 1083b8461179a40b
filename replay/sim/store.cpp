#include "replay/sim/store.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "replay/sim/plots.hpp"

namespace rumor::replay::sim {

namespace fs = std::filesystem;

namespace {

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

// Points `link` at `target` (relative), replacing an older link.
void replace_symlink(const fs::path& target, const fs::path& link) {
  std::error_code ignored;
  fs::remove(link, ignored);
  fs::create_directory_symlink(target, link);
}

}  // namespace

std::string basic_date_time_now() {
  const auto now = std::chrono::system_clock::now();
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch());
  const std::time_t seconds = static_cast<std::time_t>(ms.count() / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[96];  // generous: the compiler cannot bound the int fields
  std::snprintf(text, sizeof text, "%04d%02d%02dT%02d%02d%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<int>(ms.count() % 1000));
  return text;
}

fs::path create_run_dir(const fs::path& store_root) {
  const fs::path test_dir = store_root / "broadcast";
  std::string name = basic_date_time_now();
  // Two runs in the same millisecond must not share a directory.
  for (int suffix = 1; fs::exists(test_dir / name); ++suffix) {
    name = basic_date_time_now() + "-" + std::to_string(suffix);
  }
  const fs::path run_dir = test_dir / name;
  fs::create_directories(run_dir / "node-logs");
  return run_dir;
}

void write_run_files(const fs::path& run_dir, const StoreContents& contents, bool node_logs) {
  write_file(run_dir / "history.edn", contents.history_edn);
  write_file(run_dir / "history.txt", contents.history_txt);
  // A crashed run (exit 255) has no analysis, like Maelstrom's.
  if (!contents.results_edn.empty()) write_file(run_dir / "results.edn", contents.results_edn);
  if (node_logs) {
    for (std::size_t k = 0; k < contents.nodes.size(); ++k) {
      const std::string& log = k < contents.node_logs.size() ? contents.node_logs[k] : "";
      write_file(run_dir / "node-logs" / (contents.nodes[k] + ".log"), log);
    }
  }
  if (!contents.history) return;
  if (node_logs) {
    write_store_plots(run_dir, *contents.history, contents.nodes, contents.node_logs);
    return;
  }
  std::vector<std::string> written;  // process mode: the logs the nodes wrote themselves
  for (const std::string& node : contents.nodes) {
    std::ifstream in(run_dir / "node-logs" / (node + ".log"), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    written.push_back(text.str());
  }
  write_store_plots(run_dir, *contents.history, contents.nodes, written);
}

void link_latest(const fs::path& store_root, const fs::path& run_dir) {
  const fs::path name = run_dir.filename();
  replace_symlink(name, store_root / "broadcast" / "latest");
  replace_symlink(fs::path("broadcast") / name, store_root / "latest");
}

fs::path write_store(const fs::path& store_root, const StoreContents& contents) {
  const fs::path run_dir = create_run_dir(store_root);
  write_run_files(run_dir, contents, true);
  link_latest(store_root, run_dir);
  return run_dir;
}

}  // namespace rumor::replay::sim
