#include "replay/model/step_node.hpp"

#include <exception>
#include <utility>

namespace rumor::replay::model {

NodeStep step_node(const core::State& state, const core::Input& input) {
  NodeStep result;
  try {
    core::StepResult stepped = core::step(state, input);
    result.state = std::make_shared<const core::State>(std::move(stepped.state));
    result.output = std::move(stepped.output);
  } catch (const std::exception& error) {
    const std::string node = state.self.empty() ? std::string("a node") : state.self;
    result.violation = node + " threw: " + error.what();
  }
  return result;
}

}  // namespace rumor::replay::model
