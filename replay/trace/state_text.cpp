#include "replay/trace/state_text.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace rumor::replay::trace {
namespace {

constexpr std::size_t values_shown_max = 200;  // the count is always shown; the list is cut

void print_list(std::ostream& out, const std::vector<std::string>& items) {
  out << '[';
  for (std::size_t k = 0; k < items.size(); ++k) out << (k ? " " : "") << items[k];
  out << ']';
}

void print_values(std::ostream& out, const core::ValueLog& values) {
  out << "values (" << values.size() << ", in the order learnt):";
  for (std::size_t k = 0; k < values.size() && k < values_shown_max; ++k) out << ' ' << values[k];
  if (values.size() > values_shown_max) {
    out << " ... (" << values.size() - values_shown_max << " more)";
  }
  out << '\n';
}

void print_link(std::ostream& out, const std::string& peer, const core::Link& link) {
  out << "  " << peer << "  out: acked " << link.out_acked << ", sent " << link.out_sent
      << ", queued " << link.out_acked + link.out_unacked.size() << " (unacked "
      << link.out_unacked.size() << "), retransmit due " << link.out_retransmit_due_ms
      << " ms\n       in: contiguous " << link.in_contiguous << ", ranges beyond "
      << link.in_ranges.size() << ", ack owed ";
  if (link.ack_owed_since_ms) {
    out << "since " << *link.ack_owed_since_ms << " ms";
  } else {
    out << "no";
  }
  out << '\n';
}

}  // namespace

void print_state(std::ostream& out, const core::State& state) {
  out << "self: " << (state.self().empty() ? "(none)" : state.self())
      << (state.initialised() ? "" : " (not initialised)") << '\n';
  out << "profile: " << state.profile.name << '\n';
  out << "node ids: ";
  print_list(out, state.node_ids());
  out << '\n';
  if (const auto& neighbours = state.topology_neighbours()) {
    out << "topology neighbours: ";
    print_list(out, *neighbours);
    out << '\n';
  }
  out << "last now: " << state.last_now_ms << " ms, rng: " << state.rng << '\n';
  print_values(out, state.values);
  out << "links (per peer):\n";
  for (std::size_t k = 0; k < state.links.size() && k < state.node_ids().size(); ++k) {
    if (k == state.self_index()) continue;
    print_link(out, state.node_ids()[k], state.links[k]);
  }
}

}  // namespace rumor::replay::trace
