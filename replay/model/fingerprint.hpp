// Canonical 64-bit fingerprints of model states (README, `rumor model`): times relative to the
// present (and the present only modulo the batch grid's period), the in-flight multiset hashed
// without order, nodes the profile treats alike renamed to the smallest fingerprint, and fields
// that can no longer change any future step left out (value order, spent resend marks, the
// streams and generator of a node that holds every value, pure acks' offsets).
#pragma once

#include <cstdint>
#include <vector>

#include "replay/model/world.hpp"

namespace rumor::replay::model {

// permutation[old index] = new index.
using Permutation = std::vector<std::uint8_t>;

// The renamings that map the cluster onto itself: a star's hub stays put, a topology's
// neighbourhoods are kept; the identity first. Taken from an initialised world's nodes.
std::vector<Permutation> node_symmetries(const World& world);

struct WorldParts;  // the hashes of a world's parts that do not depend on node names

class Fingerprinter {
 public:
  // `values`: how many values the client broadcasts (the script's length); with it, what a node
  // holding all of them can no longer change is left out (0: unknown, nothing left out).
  explicit Fingerprinter(const World& initial, bool reduce_symmetry = true, int values = 0);
  std::uint64_t operator()(const World& world) const;
  // The fingerprint of the world with its nodes renamed by `permutation` (no reduction).
  std::uint64_t under(const World& world, const Permutation& permutation) const;
  std::size_t symmetry_count() const { return symmetries_.size(); }

 private:
  std::uint64_t combine(const World& world, const WorldParts& parts, const Permutation& permutation,
                        const Permutation& inverse) const;

  std::vector<Permutation> symmetries_;
  std::vector<Permutation> inverses_;  // computed once: fingerprints run millions of times
  std::size_t values_all_ = 0;         // the script's length, 0 when unknown
  std::int64_t period_ms_ = 1;         // behaviour depends on absolute time only modulo this
};

}  // namespace rumor::replay::model
