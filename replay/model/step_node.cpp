#include "replay/model/step_node.hpp"

#include <utility>

#include "runtime/host.hpp"

namespace rumor::replay::model {

NodeStep step_node(const core::State& state, const core::Input& input) {
  NodeStep result;
  // A silent host (no trace, no log): the model keeps the parent state, so the host steps a copy.
  runtime::Host host(state, runtime::silent_host_options());
  core::Output output = std::move(host.step(input));
  if (const auto& failure = host.failure()) {
    const std::string node = state.self().empty() ? std::string("a node") : state.self();
    result.violation = node + " threw: " + failure->reason;
    return result;
  }
  result.state = std::make_shared<const core::State>(std::move(host).release_state());
  result.output = std::move(output);
  return result;
}

}  // namespace rumor::replay::model
