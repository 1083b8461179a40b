// `rumor model`'s command line.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "replay/model/world.hpp"

namespace rumor::replay::model {

extern const char* const model_usage;

struct ModelOptions {
  ModelConfig config;
  bool json = false;
  bool help = false;
  std::string out_dir = ".";  // where counterexample paths and shard fingerprints go
};

// Throws std::invalid_argument with one line naming the flag.
ModelOptions parse_model_options(const std::vector<std::string>& args);

}  // namespace rumor::replay::model
