// A compact byte form of model states for the search's frontier (README, `rumor model`): varints
// for the parts of a world that change, and nothing for the parts of a node that init and the
// topology fixed (ids, the topology, the profile), which come back from the initialised cluster.
// A node equal to the same node of the previous record written (a successor shares every node
// its transition did not step) takes one byte, and decodes to that record's node, shared.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "replay/model/world.hpp"

namespace rumor::replay::model {

class WorldEncoder {
 public:
  explicit WorldEncoder(const World& initial);
  // Appends `world` to `out`. Records must be decoded in the order they were encoded.
  void encode(const World& world, std::string& out);

 private:
  std::vector<std::shared_ptr<const core::State>> templates_;
  std::vector<std::shared_ptr<const core::State>> previous_;  // kept alive: addresses stay unique
};

class WorldDecoder {
 public:
  explicit WorldDecoder(const World& initial);
  // Reads one record from [*at, end), advancing *at; throws on a truncated or corrupt record.
  World decode(const std::uint8_t*& at, const std::uint8_t* end);

 private:
  std::vector<std::shared_ptr<const core::State>> templates_;
  std::vector<std::shared_ptr<const core::State>> previous_;
};

}  // namespace rumor::replay::model
