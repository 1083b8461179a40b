// `rumor model`: exhaustive model checking of small clusters of the real core (README).
#pragma once

#include <string>
#include <vector>

namespace rumor::replay::model {

int model_command(const std::vector<std::string>& args);

}  // namespace rumor::replay::model
