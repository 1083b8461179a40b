// The explored graph as the liveness check needs it: each state's BFS parent (for shortest
// paths), whether it is converged or cut off by a bound, and the fault-free edges (several per
// state: they are logged to disk and read back only by the liveness check).
//
// What is checked (README, `rumor model`): from every reachable state, every continuation made of
// fault-free transitions only (client broadcasts, deliveries, ticks, time, heal) reaches a
// converged state (the script done, every node holding every value) within a bound, the longest
// such path. A non-converged state with no fault-free way on is "stuck"; a cycle of non-converged
// states is a livelock. States a bound cut off are left out ("inconclusive").
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "replay/model/explore.hpp"
#include "replay/model/record_log.hpp"

namespace rumor::replay::model {

class StateGraph {
 public:
  void add_state(std::uint32_t parent, Transition via, bool converged) {
    parent_.push_back(parent);
    via_.push_back(via);
    flags_.push_back(converged ? converged_flag : 0);
  }
  void add_edge(std::uint32_t from, std::uint32_t to, Transition via) {
    edges_.push(Edge{from, to, via});
  }
  void mark_cut(std::uint32_t index) { flags_[index] |= cut_flag; }
  std::size_t size() const { return parent_.size(); }
  std::size_t bytes() const {
    return parent_.capacity() * 4 + via_.capacity() * sizeof(Transition) + flags_.capacity() +
           edges_.memory_bytes();
  }
  std::size_t edge_count() const { return edges_.size(); }
  std::size_t edge_disk_bytes() const { return edges_.disk_bytes(); }
  // The BFS path from the initial state (state 0): a shortest one.
  std::vector<Transition> path_to(std::uint32_t index) const;

  struct Liveness {
    std::optional<Counterexample> counterexample;
    std::uint64_t bound = 0;
    std::uint64_t inconclusive = 0;
  };
  Liveness check_liveness() const;

 private:
  static constexpr std::uint8_t converged_flag = 1;
  static constexpr std::uint8_t cut_flag = 2;
  std::optional<Counterexample> find_livelock(const std::vector<std::uint32_t>& pending) const;

  std::vector<std::uint32_t> parent_;
  std::vector<Transition> via_;
  std::vector<std::uint8_t> flags_;
  struct Edge {
    std::uint32_t from = 0;
    std::uint32_t to = 0;
    Transition via;
  };
  RecordLog<Edge> edges_;
};

}  // namespace rumor::replay::model
