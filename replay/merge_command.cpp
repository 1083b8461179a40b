#include "replay/merge_command.hpp"

#include <rapidjson/document.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <utility>

#include "core/bounded_json.hpp"
#include "replay/fuzz/shard_merge.hpp"
#include "replay/fuzz/shard_result.hpp"
#include "replay/model/merge.hpp"
#include "runtime/cli_flags.hpp"

namespace rumor::replay {

namespace {

constexpr int kExitBadArguments = 254;  // Maelstrom's (Jepsen's) code for a bad command line
constexpr int kExitCrash = 255;
// A result lists every failing seed (at most 1,000,000, a few hundred bytes each) and one
// schedule; anything larger is not one of ours.
constexpr std::uintmax_t kResultBytesMax = 512ULL << 20;

struct MergeFlags {
  std::vector<std::string> paths;
  bool json = false;
  std::optional<std::string> schedule_dir;  // write the first failure's shrunk schedule here
};

struct LoadedResult {
  std::string path;
  rapidjson::Document document;
  std::string kind;
};

// Thrown for a result that cannot be read; becomes one line and exit 254.
struct InputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

void print_usage(std::ostream& out) {
  out << "usage: rumor merge RESULT.json... [--json] [--schedule-dir DIR]\n"
         "Joins the results of a campaign's shards (rumor fuzz --shard K/N --result FILE, or\n"
         "rumor model --shard K/N --json) into the campaign's verdict. The shards must have\n"
         "the same options and shard count, none twice and none missing.\n"
         "  --json            print the merged result as one JSON object\n"
         "  --schedule-dir DIR   write the first failing seed's shrunk schedule (carried in its\n"
         "                    shard's result) to DIR/rumor-fuzz-<seed>.schedule\n"
         "exit: as rumor fuzz: 0 clean, 1 safety failure, 2 liveness failure; 254 bad arguments\n"
         "or results that do not fit together, 255 the schedule could not be written\n";
}

LoadedResult load_result(const std::string& path) {
  std::error_code error;
  const std::uintmax_t size = std::filesystem::file_size(path, error);
  if (error) throw InputError(path + ": " + error.message());
  if (size > kResultBytesMax) throw InputError(path + ": larger than any result (512 MiB)");
  std::ifstream in(path, std::ios::binary);
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (!in.good() && !in.eof()) throw InputError(path + ": could not be read");
  LoadedResult loaded{path, rapidjson::Document(), ""};
  if (const auto why = core::json::parse_bounded(loaded.document, text)) {
    throw InputError(path + ": not JSON: " + *why);
  }
  if (!loaded.document.IsObject() || !loaded.document.HasMember("kind") ||
      !loaded.document["kind"].IsString()) {
    throw InputError(path + ": not a rumor result (no \"kind\")");
  }
  loaded.kind = loaded.document["kind"].GetString();
  return loaded;
}

void write_schedule(const fuzz::ShrunkSchedule& schedule, const std::string& dir,
                    std::ostream& out_text) {
  const std::string path = dir + "/rumor-fuzz-" + std::to_string(schedule.seed) + ".schedule";
  std::filesystem::create_directories(dir);
  std::ofstream out(path, std::ios::binary);
  out << schedule.text;
  out.close();
  if (!out) throw std::runtime_error("could not write " + path);
  out_text << "schedule: " << path << "\n  replay: rumor fuzz --replay " << path << "\n";
}

int merge_fuzz(const std::vector<LoadedResult>& results, const MergeFlags& flags) {
  std::vector<fuzz::NamedShard> shards;
  for (const LoadedResult& loaded : results) {
    try {
      shards.push_back({loaded.path, fuzz::parse_shard_result(loaded.document)});
    } catch (const fuzz::ResultError& error) {
      throw InputError(loaded.path + ": " + error.what());
    }
  }
  fuzz::MergedCampaign merged;
  try {
    merged = fuzz::merge_shards(shards);
  } catch (const fuzz::MergeError& error) {
    throw InputError(error.what());
  }
  if (flags.json) {
    std::cout << fuzz::merged_json(merged) << "\n";
  } else {
    fuzz::print_merged(std::cout, merged);
  }
  if (flags.schedule_dir && merged.whole.first_failure) {
    if (merged.whole.first_failure->text.empty()) {
      std::cerr << "rumor merge: the shard that found seed " << merged.whole.first_failure->seed
                << " could not write its schedule\n";
      return kExitCrash;
    }
    try {
      write_schedule(*merged.whole.first_failure, *flags.schedule_dir,
                     flags.json ? std::cerr : std::cout);
    } catch (const std::exception& error) {
      std::cerr << "rumor merge: " << error.what() << "\n";
      return kExitCrash;
    }
  }
  return fuzz::exit_code(merged);
}

// `rumor model --shard K/N --json` results: the union of the shards' fingerprints and the worst
// verdict, with `rumor model`'s exit codes (0 pass, 1 safety, 2 stuck or livelock).
int merge_model(const std::vector<LoadedResult>& results, const MergeFlags& flags) {
  std::vector<std::string> files;
  files.reserve(results.size());
  for (const LoadedResult& loaded : results) files.push_back(loaded.path);
  model::MergedModelResult merged;
  try {
    merged = model::merge_model_results(files);
  } catch (const std::runtime_error& error) {
    throw InputError(error.what());
  }
  if (flags.json) {
    std::cout << model::merged_json(merged) << "\n";
  } else {
    std::cout << "shards: " << merged.shards << (merged.complete ? " (complete)" : " (incomplete)")
              << "\ndistinct states: " << merged.distinct_states
              << "\nexplored states: " << merged.explored_states
              << "\ncpu seconds: " << merged.cpu_seconds << "\n";
    for (const std::string& violation : merged.violations) std::cout << violation << "\n";
    std::cout << "verdict: " << merged.verdict << "\n";
  }
  if (merged.verdict == "pass") return 0;
  return merged.verdict == "safety" ? 1 : 2;
}

// Each kind of result and how its shards merge.
using Merger = int (*)(const std::vector<LoadedResult>&, const MergeFlags&);
const std::pair<const char*, Merger> mergers[] = {{fuzz::fuzz_result_kind, merge_fuzz},
                                                  {"rumor-model", merge_model}};

int merge(const MergeFlags& flags) {
  std::vector<LoadedResult> results;
  results.reserve(flags.paths.size());
  for (const std::string& path : flags.paths) results.push_back(load_result(path));
  const std::string& kind = results.front().kind;
  for (const LoadedResult& loaded : results) {
    if (loaded.kind != kind) {
      throw InputError(loaded.path + " is a " + loaded.kind + " result, " + results.front().path +
                       " a " + kind + " one");
    }
  }
  for (const auto& [name, merger] : mergers) {
    if (kind == name) return merger(results, flags);
  }
  std::string known;
  for (const auto& [name, merger] : mergers)
    known += (known.empty() ? "" : ", ") + std::string(name);
  throw InputError(results.front().path + ": unknown kind '" + kind + "' (rumor merge knows " +
                   known + ")");
}

}  // namespace

int merge_command(const std::vector<std::string>& args) {
  MergeFlags flags;
  CLI::App app{"rumor merge"};
  app.add_option("RESULT", flags.paths, "result files")->required();
  app.add_flag("--json", flags.json);
  app.add_option("--schedule-dir", flags.schedule_dir, "DIR");
  const runtime::cli::Parsed parsed = runtime::cli::parse_flags(app, args);
  if (parsed.help) {
    print_usage(std::cout);
    return 0;
  }
  if (parsed.error) {
    std::cerr << "rumor merge: " << *parsed.error << " (rumor merge --help for usage)\n";
    return kExitBadArguments;
  }
  try {
    return merge(flags);
  } catch (const InputError& error) {
    std::cerr << "rumor merge: " << error.what() << "\n";
    return kExitBadArguments;
  }
}

}  // namespace rumor::replay
