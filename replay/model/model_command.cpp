#include "replay/model/model_command.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

#include "replay/model/explore.hpp"
#include "replay/model/options.hpp"
#include "replay/model/path_file.hpp"
#include "replay/model/report.hpp"

namespace rumor::replay::model {

namespace {

constexpr int exit_bad_arguments = 254;
constexpr int exit_crash = 3;

std::string shard_fingerprints_file(const ModelOptions& options) {
  const auto& config = options.config;
  return (std::filesystem::path(options.out_dir) /
          ("rumor-model-shard-" + std::to_string(config.shard_index + 1) + "-of-" +
           std::to_string(config.shard_count) + ".fingerprints"))
      .string();
}

// Sorted fingerprints, 8 bytes each, little-endian (the machines a campaign spans agree on it).
void write_fingerprints(const std::string& file, std::vector<std::uint64_t> fingerprints) {
  std::sort(fingerprints.begin(), fingerprints.end());
  std::ofstream out(file, std::ios::binary);
  for (std::uint64_t fingerprint : fingerprints) {
    unsigned char bytes[8];
    for (int i = 0; i < 8; ++i) bytes[i] = static_cast<unsigned char>(fingerprint >> (8 * i));
    out.write(reinterpret_cast<const char*>(bytes), 8);
  }
  if (!out.flush()) throw std::runtime_error("cannot write " + file);
}

ReportFiles write_files(const ModelOptions& options, const ExploreResult& result) {
  ReportFiles files;
  std::filesystem::create_directories(options.out_dir);
  if (const auto& counterexample = result.counterexample) {
    std::string name = verdict_name(counterexample->verdict);
    std::replace(name.begin(), name.end(), ' ', '-');
    const auto file =
        (std::filesystem::path(options.out_dir) / ("rumor-model-" + name + ".path")).string();
    PathFile path{options.config, counterexample->path,
                  std::string(verdict_name(counterexample->verdict)) + ": " + counterexample->what};
    write_path_file(file, path);
    files.path_file = file;
  }
  if (options.config.shard_count > 1) {
    files.fingerprints_file = shard_fingerprints_file(options);
    write_fingerprints(*files.fingerprints_file, result.fingerprints);
  }
  return files;
}

void print_path(const ModelConfig& config, const Counterexample& counterexample) {
  PathFile path{config, counterexample.path, ""};
  try {
    std::cout << "shortest path:\n";
    std::ostringstream steps;
    replay_path(path, &steps, std::nullopt);
    std::istringstream lines(steps.str());
    int number = 0;
    for (std::string line; std::getline(lines, line);) {
      std::cout << "  " << ++number << ". " << line << "\n";
    }
  } catch (const std::exception& error) {
    std::cout << "  (cannot re-run the path: " << error.what() << ")\n";
  }
}

}  // namespace

int model_command(const std::vector<std::string>& args) {
  ModelOptions options;
  try {
    options = parse_model_options(args);
  } catch (const std::invalid_argument& error) {
    std::cerr << "rumor model: " << error.what() << " (rumor model --help lists the flags)\n";
    return exit_bad_arguments;
  }
  if (options.help) {
    std::cout << model_usage;
    return 0;
  }
  ExploreOptions explore_options;
  explore_options.keep_fingerprints = options.config.shard_count > 1;
  const bool tty = isatty(STDERR_FILENO) != 0;
  if (tty) {
    explore_options.progress = [](const ExploreStats& stats) {
      std::cerr << "\r" << progress_line(stats) << "\033[K" << std::flush;
    };
  }
  try {
    const ExploreResult result = explore(options.config, explore_options);
    if (tty) std::cerr << "\r\033[K" << std::flush;
    const ReportFiles files = write_files(options, result);
    if (options.json) {
      std::cout << report_json(options.config, result, files) << "\n";
    } else {
      print_report(std::cout, options.config, result, files);
      if (result.counterexample) print_path(options.config, *result.counterexample);
    }
    return verdict_exit_code(result);
  } catch (const std::exception& error) {
    std::cerr << "rumor model: " << error.what() << "\n";
    return exit_crash;
  }
}

}  // namespace rumor::replay::model
