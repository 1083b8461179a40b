// Jepsen's op generator as Maelstrom configures it (Jepsen's generator): a network-wide staggered
// schedule and the C+1-slot pointer that decides which worker gets each op.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "replay/world/rng.hpp"

namespace rumor::replay::sim {

using world::Rng;
namespace stream = world::stream;

// C client worker slots plus the nemesis slot (index C), which exists even without a nemesis.
// The pointer moves up by one (mod C+1) on every dispatched op, client or nemesis; a client op
// goes to the first free worker at or after the pointer, else the first free one from 0.
class Dispatcher {
 public:
  explicit Dispatcher(std::size_t workers) : workers_(workers) {}

  std::optional<std::size_t> pick_client(const std::vector<bool>& busy) const {
    return pick_client_where([&busy](std::size_t worker) { return busy[worker]; });
  }
  // The same with `is_busy(worker)` asked directly, so no vector is built per op.
  template <class IsBusy>
  std::optional<std::size_t> pick_client_where(IsBusy is_busy) const {
    // From the nemesis slot the search wraps straight to worker 0.
    const std::size_t start = pointer_ < workers_ ? pointer_ : 0;
    for (std::size_t worker = start; worker < workers_; ++worker) {
      if (!is_busy(worker)) return worker;
    }
    for (std::size_t worker = 0; worker < start; ++worker) {
      if (!is_busy(worker)) return worker;
    }
    return std::nullopt;
  }
  void advance() { pointer_ = (pointer_ + 1) % (workers_ + 1); }
  std::size_t pointer() const { return pointer_; }
  std::size_t nemesis_slot() const { return workers_; }

 private:
  std::size_t workers_;
  std::size_t pointer_ = 0;
};

// Jepsen's stagger: ops due at previous op time + U[0, 2·mean) ns, the first one at once.
// `slip_ns` is added to every gap: the time Jepsen's machinery takes per op on a given host
// (real runs show 0–1.7 ms at rate 100), so a run can reproduce that host's op count.
class Stagger {
 public:
  Stagger(double mean_gap_ns, Rng rng, std::int64_t slip_ns = 0)
      : mean_gap_ns_(mean_gap_ns), rng_(rng), slip_ns_(slip_ns) {}

  // The op due at `next_ns()` was issued at `issued_ns` (later when it slipped).
  void issued(std::int64_t issued_ns) { next_ns_ = issued_ns + gap_ns() + slip_ns_; }
  void start(std::int64_t now_ns) { next_ns_ = now_ns; }
  std::int64_t next_ns() const { return next_ns_; }
  std::int64_t gap_ns() { return static_cast<std::int64_t>(rng_.unit() * 2.0 * mean_gap_ns_); }
  Rng& rng() { return rng_; }

 private:
  double mean_gap_ns_;
  Rng rng_;
  std::int64_t slip_ns_ = 0;
  std::int64_t next_ns_ = 0;
};

// Resolves `--concurrency`: "K" or "Kn" (K times the node count); nullopt when malformed.
std::optional<std::size_t> parse_concurrency(const std::string& text, std::size_t node_count);

}  // namespace rumor::replay::sim
