#include "core/state.hpp"

#include <limits>
#include <memory>
#include <utility>

namespace rumor::core {

State make_state(Profile profile, std::uint64_t seed) {
  State state;
  state.profile = std::move(profile);
  state.rng = seed;
  return state;
}

const std::shared_ptr<const ClusterView>& uninitialised_cluster_view() {
  static const std::shared_ptr<const ClusterView> view = std::make_shared<const ClusterView>();
  return view;
}

std::optional<std::size_t> find_node_by_index(const ClusterView& cluster, std::string_view id) {
  auto it = cluster.node_index.find(id);
  if (it == cluster.node_index.end()) return std::nullopt;
  return it->second;
}

ClusterView take_cluster_view(State& state) {
  // Views are made mutable (std::make_shared<ClusterView>) except the shared uninitialised one,
  // which its static owner keeps from ever being the only owner here.
  if (state.cluster.use_count() == 1) return std::move(const_cast<ClusterView&>(*state.cluster));
  return *state.cluster;
}

}  // namespace rumor::core

namespace rumor::core {

std::uint64_t next_random(std::uint64_t& rng) {
  std::uint64_t z = (rng += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace rumor::core
