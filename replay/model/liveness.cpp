#include "replay/model/liveness.hpp"

#include <algorithm>

namespace rumor::replay::model {

std::vector<Transition> StateGraph::path_to(std::uint32_t index) const {
  std::vector<Transition> path;
  while (index != 0) {
    path.push_back(via_[index]);
    index = parent_[index];
  }
  std::reverse(path.begin(), path.end());
  return path;
}

// Peels the fault-free graph from converged states backwards (Kahn's algorithm on the reverse
// edges): a non-converged state is settled once all its fault-free successors are, with a bound
// one more than theirs. What stays unsettled can run forever without converging.
StateGraph::Liveness StateGraph::check_liveness() const {
  Liveness result;
  const std::size_t count = parent_.size();
  std::vector<std::uint32_t> pending(count, 0);  // unsettled fault-free successors
  std::vector<std::uint32_t> reverse_start(count + 1, 0);
  edges_.for_each([&](const Edge& edge) {
    if (!(flags_[edge.from] & converged_flag)) {
      ++pending[edge.from];
      ++reverse_start[edge.to + 1];
    }
  });
  for (std::size_t i = 0; i < count; ++i) reverse_start[i + 1] += reverse_start[i];
  std::vector<std::uint32_t> reverse(reverse_start.back());
  std::vector<std::uint32_t> fill(reverse_start.begin(), reverse_start.end() - 1);
  edges_.for_each([&](const Edge& edge) {
    if (!(flags_[edge.from] & converged_flag)) reverse[fill[edge.to]++] = edge.from;
  });
  fill = {};
  std::vector<std::uint32_t> bound(count, 0);
  std::vector<std::uint32_t> settled;
  for (std::uint32_t i = 0; i < count; ++i) {
    if (pending[i] != 0) continue;
    if (!(flags_[i] & (converged_flag | cut_flag))) {
      result.counterexample = Counterexample{
          Verdict::stuck, "no fault-free transition is left and the nodes have not converged",
          path_to(i), 0};
      return result;  // states are numbered in BFS order: the first is a shortest path
    }
    if ((flags_[i] & cut_flag) && !(flags_[i] & converged_flag)) ++result.inconclusive;
    settled.push_back(i);
  }
  for (std::size_t next = 0; next < settled.size(); ++next) {
    const std::uint32_t state = settled[next];
    for (std::uint32_t k = reverse_start[state]; k < reverse_start[state + 1]; ++k) {
      const std::uint32_t from = reverse[k];
      bound[from] = std::max(bound[from], bound[state] + 1);
      if (--pending[from] == 0) settled.push_back(from);
    }
  }
  for (std::uint32_t i = 0; i < count; ++i) {
    result.bound = std::max<std::uint64_t>(result.bound, bound[i]);
  }
  if (settled.size() < count) result.counterexample = find_livelock(pending);
  return result;
}

// The first unsettled state in BFS order, then fault-free steps through unsettled states until
// one repeats: the path to the repeated state and the cycle back to it.
std::optional<Counterexample> StateGraph::find_livelock(
    const std::vector<std::uint32_t>& pending) const {
  const auto first = static_cast<std::uint32_t>(
      std::find_if(pending.begin(), pending.end(), [](std::uint32_t p) { return p != 0; }) -
      pending.begin());
  // One fault-free edge per unsettled state that stays among unsettled states (one exists,
  // or the state would have settled).
  constexpr std::uint32_t none = ~std::uint32_t{0};
  std::vector<std::uint32_t> next_to(parent_.size(), none);
  std::vector<Transition> next_via(parent_.size());
  edges_.for_each([&](const Edge& edge) {
    if (pending[edge.from] != 0 && pending[edge.to] != 0 && next_to[edge.from] == none) {
      next_to[edge.from] = edge.to;
      next_via[edge.from] = edge.via;
    }
  });
  std::vector<bool> seen(parent_.size(), false);
  std::uint32_t state = first;
  while (!seen[state] && next_to[state] != none) {
    seen[state] = true;
    state = next_to[state];
  }
  Counterexample counterexample{
      Verdict::livelock, "a cycle of fault-free transitions never converges", {}, 0};
  counterexample.path = path_to(state);
  counterexample.cycle_start = counterexample.path.size();
  // Once round the cycle, back to `state`.
  std::uint32_t at = state;
  do {
    counterexample.path.push_back(next_via[at]);
    at = next_to[at];
  } while (at != state && next_to[at] != none);
  return counterexample;
}

}  // namespace rumor::replay::model
