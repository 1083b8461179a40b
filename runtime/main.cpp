// rumor-node: the Maelstrom broadcast node binary (see runtime/options.hpp for the command line).
#include <csignal>
#include <cstdio>
#include <cstdlib>
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
  auto& options = std::get<rumor::runtime::Options>(parsed);
  if (!rumor::runtime::apply_capture_env(options, args, std::getenv("RUMOR_CAPTURE"))) {
    std::fputs("rumor-node: RUMOR_CAPTURE must be full, hash or off\n", stderr);
    return 2;
  }
  return rumor::runtime::run_node_loop(options);
}
