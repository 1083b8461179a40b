// The one place the model runs a node: the real core::step on a core::State value, with the
// host's policy (README, "The core's wake-ups"): anything the core throws is a broken invariant,
// reported as a safety violation naming the node and what it threw. When runtime/host.* lands,
// this is the function to route through it.
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
