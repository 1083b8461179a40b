#include "replay/model/path_file.hpp"

#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

#include "core/codec.hpp"
#include "replay/journal/jsonl_journal.hpp"
#include "replay/model/fingerprint.hpp"

namespace rumor::replay::model {

namespace {

std::string config_line(const ModelConfig& config) {
  return "config nodes=" + std::to_string(config.nodes) +
         " values=" + std::to_string(config.values) + " drops=" + std::to_string(config.drops) +
         " dups=" + std::to_string(config.dups) +
         " partitions=" + std::to_string(config.partitions) + " profile=" + config.profile +
         " in-flight-max=" + std::to_string(config.in_flight_max) +
         " partition-wakes=" + std::to_string(config.partition_wakes) +
         (config.message_wakes >= 0 ? " message-wakes=" + std::to_string(config.message_wakes)
                                    : std::string()) +
         (config.dup_beyond_max ? " dup-beyond-max=1" : "");
}

void parse_config(std::istringstream& words, ModelConfig& config) {
  std::string word;
  while (words >> word) {
    const auto eq = word.find('=');
    if (eq == std::string::npos) throw std::runtime_error("config word without '=': " + word);
    const std::string key = word.substr(0, eq);
    const std::string value = word.substr(eq + 1);
    if (key == "profile") {
      config.profile = value;
      continue;
    }
    const int number = std::stoi(value);
    if (key == "nodes")
      config.nodes = number;
    else if (key == "values")
      config.values = number;
    else if (key == "drops")
      config.drops = number;
    else if (key == "dups")
      config.dups = number;
    else if (key == "partitions")
      config.partitions = number;
    else if (key == "in-flight-max")
      config.in_flight_max = number;
    else if (key == "partition-wakes")
      config.partition_wakes = number;
    else if (key == "message-wakes")
      config.message_wakes = number;
    else if (key == "dup-beyond-max")
      config.dup_beyond_max = number != 0;
    else
      throw std::runtime_error("unknown config key " + key);
  }
  if (config.nodes < 1 || config.nodes > 8) throw std::runtime_error("nodes out of 1..8");
}

std::optional<Kind> kind_named(const std::string& name) {
  for (int k = 0; k < kind_count; ++k) {
    if (name == kind_name(static_cast<Kind>(k))) return static_cast<Kind>(k);
  }
  return std::nullopt;
}

class JournalRecorder : public Recorder {
 public:
  explicit JournalRecorder(const std::string& file) : writer_(file) {}
  void record(What what, std::int64_t now_ms, std::int64_t id,
              const core::Message& message) override {
    const auto kind = what == What::send      ? journal::JournalKind::send
                      : what == What::deliver ? journal::JournalKind::deliver
                                              : journal::JournalKind::drop;
    // Events at one model instant keep their order in the journal by a nanosecond apart.
    writer_.record(kind, now_ms * 1'000'000 + (sequence_++ % 1'000'000), id, core::encode(message));
  }
  void close() { writer_.close(); }

 private:
  journal::JsonlJournalWriter writer_;
  std::int64_t sequence_ = 0;
};

}  // namespace

void write_path_file(const std::string& file, const PathFile& path) {
  std::ofstream out(file);
  out << path_file_header << "\n";
  std::istringstream comment(path.comment);
  for (std::string line; std::getline(comment, line);) out << "# " << line << "\n";
  out << config_line(path.config) << "\n";
  for (const auto& transition : path.path) {
    out << kind_name(transition.kind) << " " << transition.arg << "\n";
  }
  if (!out.flush()) throw std::runtime_error("cannot write " + file);
}

bool is_path_file(const std::string& file) {
  std::ifstream in(file);
  std::string first;
  return std::getline(in, first) && first == path_file_header;
}

PathFile read_path_file(const std::string& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file);
  PathFile path;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (number == 1 || line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    std::string first;
    words >> first;
    try {
      if (first == "config") {
        parse_config(words, path.config);
        continue;
      }
      const auto kind = kind_named(first);
      long long arg = -1;
      if (!kind || !(words >> arg) || arg < 0) throw std::runtime_error("not a transition");
      path.path.push_back(Transition{*kind, static_cast<std::uint32_t>(arg)});
    } catch (const std::exception& error) {
      throw std::runtime_error(file + ":" + std::to_string(number) + ": " + error.what());
    }
  }
  return path;
}

PathReplay replay_path(const PathFile& path, std::ostream* log,
                       const std::optional<std::string>& journal_file) {
  const auto profile = core::profile_named(path.config.profile);
  if (!profile) throw std::runtime_error("unknown profile " + path.config.profile);
  std::optional<JournalRecorder> recorder;
  if (journal_file) recorder.emplace(*journal_file);
  Recorder* sink = recorder ? &*recorder : nullptr;
  PathReplay result;
  Successor state = initial_world(path.config, *profile, sink);
  const Fingerprinter fingerprint(state.world, true, path.config.values);
  std::vector<std::uint64_t> seen{fingerprint(state.world)};
  std::vector<Transition> enabled;
  for (const auto& transition : path.path) {
    if (state.violation) break;
    enabled_transitions(state.world, path.config, enabled);
    if (std::find(enabled.begin(), enabled.end(), transition) == enabled.end()) {
      throw std::runtime_error("step " + std::to_string(result.steps + 1) + " (" +
                               kind_name(transition.kind) + " " + std::to_string(transition.arg) +
                               ") is not possible there");
    }
    if (log) *log << describe(state.world, transition) << "\n";
    state = apply(state.world, transition, path.config, sink);
    seen.push_back(fingerprint(state.world));
    ++result.steps;
  }
  if (recorder) recorder->close();
  if (state.violation) {
    result.verdict = Verdict::safety;
    result.what = *state.violation;
    return result;
  }
  if (converged(state.world, path.config.values)) return result;
  enabled_transitions(state.world, path.config, enabled);
  const bool fault_free_left = std::any_of(enabled.begin(), enabled.end(),
                                           [](const Transition& t) { return !is_fault(t.kind); });
  if (!fault_free_left) {
    result.verdict = Verdict::stuck;
    result.what = "no fault-free transition is left and the nodes have not converged";
  } else if (std::count(seen.begin(), seen.end(), seen.back()) > 1) {
    result.verdict = Verdict::livelock;
    result.what = "the path returns to a state it passed without converging";
  }
  return result;
}

int replay_path_command(const std::string& file, const std::filesystem::path& journal_dir,
                        bool log) {
  PathReplay result;
  PathFile path;
  try {
    path = read_path_file(file);
    std::filesystem::create_directories(journal_dir);
    result = replay_path(path, log ? &std::cout : nullptr,
                         (journal_dir / journal::jsonl_journal_file).string());
  } catch (const std::exception& error) {
    std::cerr << "rumor fuzz: " << error.what() << "\n";
    return 254;
  }
  std::cerr << "rumor fuzz: message journal in " << journal_dir.string() << "\n";
  std::cout << "replay " << file << ": rumor model path, " << result.steps << " steps ("
            << config_line(path.config).substr(7) << ")\n"
            << "verdict: " << verdict_name(result.verdict)
            << (result.what.empty() ? "" : ": " + result.what) << "\n";
  if (result.verdict == Verdict::pass) return 0;
  return result.verdict == Verdict::safety ? 1 : 2;
}

}  // namespace rumor::replay::model
