// A partition as Jepsen's "grudge": for each receiving node, the nodes whose messages it drops.
// Nodes are named by their index in the test's node order; clients are never partitioned.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace rumor::replay::world {

class Grudge {
 public:
  Grudge() = default;
  explicit Grudge(std::size_t node_count)
      : node_count_(node_count), drops_(node_count * node_count, 0) {}

  std::size_t node_count() const { return node_count_; }
  bool drops(std::size_t receiver, std::size_t sender) const {
    return receiver < node_count_ && sender < node_count_ &&
           drops_[receiver * node_count_ + sender] != 0;
  }
  void set_drop(std::size_t receiver, std::size_t sender) {
    drops_[receiver * node_count_ + sender] = 1;
  }
  bool empty() const {
    for (auto d : drops_) {
      if (d != 0) return false;
    }
    return true;
  }
  bool operator==(const Grudge&) const = default;

 private:
  std::size_t node_count_ = 0;
  std::vector<std::uint8_t> drops_;  // row = receiver, column = sender
};

}  // namespace rumor::replay::world
