// rumor-node: the Maelstrom broadcast node binary (see runtime/options.hpp for the command line).
#include <csignal>
#include <cstdio>
#include <string>
#include <variant>
#include <vector>

#include "runtime/node_loop.hpp"
#include "runtime/options.hpp"

int main(int argc, char** argv) {
  // A closed stdout must surface as a write error (exit 1), not kill the process silently.
  std::signal(SIGPIPE, SIG_IGN);
  const std::vector<std::string> args(argv + 1, argv + argc);
  auto parsed = rumor::runtime::parse_options(args);
  if (auto* exit_early = std::get_if<rumor::runtime::ExitEarly>(&parsed)) {
    std::fputs(exit_early->text.c_str(), exit_early->exit_code == 0 ? stdout : stderr);
    return exit_early->exit_code;
  }
  return rumor::runtime::run_node_loop(std::get<rumor::runtime::Options>(parsed));
}
