// Faults of the simulated world between nodes (clients are never faulted): while fault windows
// are active, loss, duplication, extra delay (reordering) and partitions, one-way or symmetric,
// plus each message's latency. Every fate is a hash of (seed, window id, link, the link's message
// number), so the same windows always give the same fates, whatever else changed in the run
// (`rumor fuzz` shrinks schedules of them).
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <utility>
#include <vector>

#include "replay/world/latency.hpp"
#include "replay/world/rng.hpp"

namespace rumor::replay::world {

// A set of node indices (clusters of at most 64 nodes).
using NodeSet = std::uint64_t;
inline constexpr int nodes_max = 64;
inline bool contains(NodeSet set, int node) { return ((set >> node) & 1U) != 0; }
inline NodeSet only(int node) { return NodeSet{1} << node; }

enum class LinkFaultKind { loss, duplicate, delay };

// While active, each node-to-node message from `from` to `to` is, with probability
// per_mille/1000, lost, sent twice, or held back by up to extra_delay_ms_max (reordering).
struct LinkFault {
  LinkFaultKind kind = LinkFaultKind::loss;
  std::int64_t start_ms = 0;
  std::int64_t end_ms = 0;
  NodeSet from = 0;
  NodeSet to = 0;
  int per_mille = 1000;
  std::int64_t extra_delay_ms_max = 0;
  bool operator==(const LinkFault&) const = default;
};

// While active, nothing from `from` reaches `to` (and, when symmetric, nothing from `to` reaches
// `from`): checked when a message is sent and again when it would be delivered.
struct Partition {
  std::int64_t start_ms = 0;
  std::int64_t end_ms = 0;
  NodeSet from = 0;
  NodeSet to = 0;
  bool symmetric = true;
  bool operator==(const Partition&) const = default;
};

// The delays of one send's copies: none, one, or two when duplicated. Held inline, as a send
// happens for most events a fuzz run handles and a heap allocation per send was ≈ 5 % of one.
class Delays {
 public:
  static constexpr std::size_t capacity = 2;
  void push_back(std::int64_t delay_ms) {
    // A send has one copy, or two when duplicated: a third is a bug in Faults, not a fate.
    if (size_ == capacity) throw std::logic_error("Delays: more than two copies of one send");
    delays_ms_[size_++] = delay_ms;
  }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::int64_t operator[](std::size_t copy) const { return delays_ms_[copy]; }
  const std::int64_t* begin() const { return delays_ms_.data(); }
  const std::int64_t* end() const { return delays_ms_.data() + size_; }
  friend bool operator==(const Delays& a, const Delays& b) {
    return a.size_ == b.size_ && std::equal(a.begin(), a.end(), b.begin());
  }

 private:
  std::array<std::int64_t, capacity> delays_ms_{};
  std::size_t size_ = 0;
};

// What happens to one node-to-node send: delivered after each of delays_ms (none: lost; two:
// duplicated).
struct Fate {
  Delays delays_ms;
  bool partitioned = false;  // lost to a partition rather than to a loss window
};

struct FaultPlan {
  std::uint64_t seed = 0;
  int nodes = 1;
  LatencyModel latency;
  std::vector<std::pair<std::uint32_t, LinkFault>> link_faults;  // (window id, window)
  std::vector<Partition> partitions;
};

class Faults {
 public:
  explicit Faults(FaultPlan plan);

  // The fate of the next message from `from` to `to`, sent at global time now_ms. Inline for
  // the usual case, no window active (every send after the heal): then only its latency.
  Fate send(int from, int to, std::int64_t now_ms) {
    Link& link = links_[static_cast<std::size_t>(from * plan_.nodes + to)];
    const std::uint64_t sequence = link.sequence++;
    if (sequence == 0) link.latency_prefix = latency_prefix(from, to);
    const Active& active = active_at(now_ms);
    if (!active.calm()) return windowed_send(active, from, to, link.latency_prefix, sequence);
    Fate fate;
    fate.delays_ms.push_back(latency_ms(plan_.latency, hash_more(link.latency_prefix, {sequence})));
    return fate;
  }

  // A partition cuts from -> to at now_ms (also checked at delivery time).
  bool cut(int from, int to, std::int64_t now_ms) {
    const Active& active = active_at(now_ms);
    return !active.partitions.empty() && partition_cuts(active, from, to);
  }

 private:
  // Per (from, to): its message count and, from its first send on, the hash of the words its
  // messages' latency draws start with (hash_more), so a draw mixes in only the sequence.
  struct Link {
    std::uint64_t sequence = 0;
    std::uint64_t latency_prefix = 0;  // hash_words({seed, latency_draw, from, to})
  };
  // Per link fault window: hash_words({seed, window id, draw}) of its two draws.
  struct WindowPrefix {
    std::uint64_t fault = 0;
    std::uint64_t delay = 0;
  };
  // The windows active throughout [from_ms, until_ms), in plan order. Sends and deliveries come
  // in time order, so this changes only at a window's start or end: each send scans the windows
  // active then, not every window of the plan, and none at all when none is active.
  struct Active {
    std::int64_t from_ms = 0;
    std::int64_t until_ms = 0;               // empty at first: the first question fills it in
    std::vector<std::uint32_t> link_faults;  // indices into plan_.link_faults
    std::vector<std::uint32_t> partitions;   // indices into plan_.partitions
    bool calm() const { return link_faults.empty() && partitions.empty(); }
  };

  const Active& active_at(std::int64_t now_ms) {
    if (now_ms < active_.from_ms || now_ms >= active_.until_ms) find_active(now_ms);
    return active_;
  }
  void find_active(std::int64_t now_ms);
  std::uint64_t latency_prefix(int from, int to) const;
  // send() while some window is active.
  Fate windowed_send(const Active& active, int from, int to, std::uint64_t latency_prefix,
                     std::uint64_t sequence) const;
  bool partition_cuts(const Active& active, int from, int to) const;

  FaultPlan plan_;
  std::vector<Link> links_;
  std::vector<WindowPrefix> window_prefixes_;  // as plan_.link_faults
  Active active_;
};

}  // namespace rumor::replay::world
