// The store directory Maelstrom writes (Maelstrom's doc/results.md): store/broadcast/<time>/ with
// history.edn, history.txt, results.edn and node-logs/, plus the store/latest and
// store/broadcast/latest symlinks. The wall clock names the directory and is used nowhere else.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "replay/history/op.hpp"

namespace rumor::replay::sim {

struct StoreContents {
  std::string history_edn;
  std::string history_txt;
  std::string results_edn;
  std::vector<std::string> nodes;      // node ids, for node-logs/<id>.log
  std::vector<std::string> node_logs;  // same order
  // When set, the plots Maelstrom's store holds are drawn from it (plots.hpp): latency-raw.svg,
  // latency-quantiles.svg, rate.svg and messages.html.
  const history::History* history = nullptr;
};

// Jepsen's "basic date-time" in UTC, e.g. 20260316T065145.052Z.
std::string basic_date_time_now();

// Writes the run under `store_root` (normally ./store) and returns the run directory. Throws
// std::filesystem::filesystem_error or std::runtime_error when a file cannot be written.
std::filesystem::path write_store(const std::filesystem::path& store_root,
                                  const StoreContents& contents);

// The same in steps, for process mode, whose node logs are written by the nodes during the run:
// a fresh store/broadcast/<time>/ with its node-logs/ directory; the files (node logs only when
// `node_logs` is true, else the plots read the logs the nodes wrote); then the latest symlinks.
std::filesystem::path create_run_dir(const std::filesystem::path& store_root);
void write_run_files(const std::filesystem::path& run_dir, const StoreContents& contents,
                     bool node_logs);
void link_latest(const std::filesystem::path& store_root, const std::filesystem::path& run_dir);

}  // namespace rumor::replay::sim
