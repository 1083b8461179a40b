// The one place the model runs a node: the real core::step on a core::State value, through the
// host every runner uses (runtime/host.hpp) and its failure policy: a step that throws leaves the
// host failed, which the model reports as a safety violation naming the node and what it threw.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/step.hpp"

namespace rumor::replay::model {

struct NodeStep {
  std::shared_ptr<const core::State> state;  // null when the step threw
  core::Output output;
  std::optional<std::string> violation;
};

NodeStep step_node(const core::State& state, const core::Input& input);

}  // namespace rumor::replay::model
