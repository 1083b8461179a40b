// `rumor`: the deterministic half of the project, with Maelstrom-style subcommands.
#include <CLI/CLI.hpp>
#include <csignal>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "replay/fuzz/fuzz_command.hpp"
#include "replay/history/check_command.hpp"
#include "replay/main_heap.hpp"
#include "replay/merge_command.hpp"
#include "replay/model/model_command.hpp"
#include "replay/replay_command.hpp"
#include "replay/sim/test_command.hpp"

namespace {

constexpr int exit_bad_arguments = 254;  // Maelstrom's (Jepsen's) code for a bad command line

void print_usage(std::ostream& out) {
  out << "usage: rumor <command> [options]\n"
         "commands:\n"
         "  test   run a simulated Maelstrom broadcast test on the embedded node (or --bin PATH)\n"
         "  check  recompute a Maelstrom store directory's results from its history.edn\n"
         "  replay re-run a run's rumor traces byte for byte; message counts, :net, --explain,\n"
         "         --diagram, --state\n"
         "  fuzz   swarm-test the core under faults; shrink and replay failing schedules\n"
         "  merge  join the JSON results of a campaign's shards (fuzz --shard K/N)\n"
         "  model  explore every interleaving of a small cluster of cores (model checking)\n"
         "run `rumor <command> --help` for a command's options\n";
}

}  // namespace

int main(int argc, char** argv) {
  // A node process that exits while `rumor test --bin` still writes to its stdin must cost that
  // write (EPIPE, handled where it happens), not kill rumor with SIGPIPE.
  std::signal(SIGPIPE, SIG_IGN);
  using Command = int (*)(const std::vector<std::string>&);
  const std::pair<const char*, Command> commands[] = {
      {"test", rumor::replay::sim::test_command}, {"check", rumor::replay::history::check_command},
      {"replay", rumor::replay::replay_command},  {"fuzz", rumor::replay::fuzz::fuzz_command},
      {"merge", rumor::replay::merge_command},    {"model", rumor::replay::model::model_command}};
  CLI::App app{"rumor"};
  app.require_subcommand(1);
  app.add_subcommand("help", "print this usage");
  for (const auto& [name, command] : commands) {
    // Each command parses its own flags (and answers its own --help).
    app.add_subcommand(name)->prefix_command()->set_help_flag();
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    print_usage(std::cout);
    return 0;
  } catch (const CLI::ParseError& error) {
    const bool unknown_command = argc >= 2 && argv[1][0] != '-';
    std::cerr << "rumor: "
              << (unknown_command ? "unknown command '" + std::string(argv[1]) + "'" : error.what())
              << "\n";
    print_usage(std::cerr);
    return exit_bad_arguments;
  }
  if (app.got_subcommand("help")) {
    print_usage(std::cout);
    return 0;
  }
  for (const auto& [name, command] : commands) {
    if (!app.got_subcommand(name)) continue;
    // Simulations are short processes that build megabytes (replay/main_heap.hpp); `check` and
    // `model` keep glibc's defaults, which hold their peak memory lower.
    const std::string_view command_name = name;
    if (command_name == "test" || command_name == "fuzz") rumor::replay::prepare_heap();
    return command(app.get_subcommand(name)->remaining());
  }
  return exit_bad_arguments;
}
