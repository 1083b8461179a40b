// `rumor`: the deterministic half of the project, with Maelstrom-style subcommands.
#include <iostream>
#include <string>
#include <vector>

#include "replay/fuzz/fuzz_command.hpp"
#include "replay/history/check_command.hpp"
#include "replay/journal/replay_command.hpp"
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
         "run `rumor <command> --help` for a command's options\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    print_usage(std::cerr);
    return exit_bad_arguments;
  }
  const std::string command = argv[1];
  const std::vector<std::string> args(argv + 2, argv + argc);
  if (command == "test") return rumor::sim::test_command(args);
  if (command == "check") return rumor::history::check_command(args);
  if (command == "replay") return rumor::journal::replay_command(args);
  if (command == "fuzz") return rumor::fuzz::fuzz_command(args);
  if (command == "--help" || command == "-h" || command == "help") {
    print_usage(std::cout);
    return 0;
  }
  std::cerr << "rumor: unknown command '" << command << "'\n";
  print_usage(std::cerr);
  return exit_bad_arguments;
}
