#include "replay/sim/run_fingerprint.hpp"

#include <array>
#include <cstddef>
#include <cstring>
#include <span>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <variant>

#include "replay/world/rng.hpp"

namespace rumor::replay::sim {

namespace {

using world::golden_gamma;

// One word into one lane: a multiply spreads low bits upwards, the shift brings the high ones
// back down, so every input bit reaches the whole lane within a word or two.
constexpr std::uint64_t mix_word(std::uint64_t lane, std::uint64_t word) {
  lane = (lane ^ word) * golden_gamma;
  return lane ^ (lane >> 32);
}

// Where the processor has AVX2, the four lanes below run as one 256-bit vector (a 64-bit
// multiply in three 32-bit ones): ≈ 3 instructions a value instead of ≈ 7. Same arithmetic,
// same fingerprint; other processors run the plain loop.
#if defined(__x86_64__) && defined(__ELF__)
#define RUMOR_LANES_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define RUMOR_LANES_CLONES
#endif

using Lanes = std::array<std::uint64_t, 4>;

// Values i, i+4, i+8, ... into lane i % 4, over the whole groups of four of `values`. Plain
// variables rather than an array index: both compilers vectorise that form.
RUMOR_LANES_CLONES Lanes mix_lanes(Lanes lanes, const std::int64_t* values, std::size_t groups) {
  std::uint64_t a = lanes[0], b = lanes[1], c = lanes[2], d = lanes[3];
  for (std::size_t g = 0; g < groups; ++g) {
    const std::int64_t* group = values + 4 * g;
    a = mix_word(a, static_cast<std::uint64_t>(group[0]));
    b = mix_word(b, static_cast<std::uint64_t>(group[1]));
    c = mix_word(c, static_cast<std::uint64_t>(group[2]));
    d = mix_word(d, static_cast<std::uint64_t>(group[3]));
  }
  return {a, b, c, d};
}

class Hasher {
 public:
  void word(std::uint64_t w) { state_ = mix_word(state_, w); }
  void integer(std::int64_t v) { word(static_cast<std::uint64_t>(v)); }

  // The length first, so adjacent fields cannot trade elements; then four independent lanes,
  // which the processor runs side by side (read values are most of a history's words).
  // A simulated history's reads of one node share that node's log (history::OpValue holds a
  // core::ValueLog), each read a prefix of the storage later ones see: the lanes over the
  // longest prefix mixed so far are kept per storage, so a value is mixed once, not once per
  // read holding it. The inputs are const while hashing, so a storage's prefix never changes.
  void integers(std::span<const std::int64_t> values) {
    word(values.size());
    const std::size_t groups = values.size() / 4;
    Lanes lanes = initial_lanes;
    if (groups > 0) {
      PrefixLanes& prefix = prefixes_[values.data()];
      const std::size_t done = prefix.groups <= groups ? prefix.groups : 0;
      lanes = mix_lanes(done > 0 ? prefix.lanes : initial_lanes, values.data() + 4 * done,
                        groups - done);
      if (groups >= prefix.groups) prefix = {groups, lanes};
    }
    for (std::size_t i = 4 * groups; i < values.size(); ++i)
      lanes[0] = mix_word(lanes[0], static_cast<std::uint64_t>(values[i]));
    for (const std::uint64_t lane : lanes) word(lane);
  }

  // The length, then eight bytes a word (the last word zero-padded).
  void text(std::string_view s) {
    word(s.size());
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
      std::uint64_t w = 0;
      std::memcpy(&w, s.data() + i, 8);
      word(w);
    }
    if (i < s.size()) {
      std::uint64_t w = 0;
      std::memcpy(&w, s.data() + i, s.size() - i);
      word(w);
    }
  }

  std::uint64_t result() const {
    return world::mix64(state_);
  }  // full avalanche for the value printed

 private:
  static constexpr Lanes initial_lanes{1, 2, 3, 4};
  struct PrefixLanes {
    std::size_t groups = 0;
    Lanes lanes = initial_lanes;
  };
  std::uint64_t state_ = 0xcbf29ce484222325ULL;
  // Looked up by address only, never iterated: the order of the map cannot reach the result.
  std::unordered_map<const std::int64_t*, PrefixLanes> prefixes_;
};

void hash_value(Hasher& h, const history::OpValue& value) {
  h.word(value.index());
  std::visit(
      [&h](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::int64_t>) {
          h.integer(v);
        } else if constexpr (std::is_same_v<T, core::ValueLog>) {
          h.integers(v);
        } else if constexpr (std::is_same_v<T, history::RawEdn>) {
          h.text(v.text);
        }
      },
      value);
}

void hash_op(Hasher& h, const history::Op& op) {
  h.integer(op.index);
  h.integer(op.time_ns);
  h.word(static_cast<std::uint64_t>(op.type));
  h.word(op.process.has_value());
  if (op.process) h.integer(*op.process);
  h.text(op.f);
  hash_value(h, op.value);
  h.word(op.error.has_value());
  if (op.error) h.text(*op.error);
  h.word(op.final_read);
  h.word(op.extra.size());
  for (const auto& [key, edn] : op.extra) {
    h.text(key);
    h.text(edn);
  }
}

}  // namespace

std::uint64_t run_fingerprint(const history::History& history,
                              const std::vector<std::string>& nodes,
                              const std::vector<std::vector<std::int64_t>>& final_values) {
  Hasher h;
  h.word(history.size());
  for (const history::Op& op : history) hash_op(h, op);
  h.word(nodes.size());
  for (std::size_t k = 0; k < nodes.size(); ++k) {
    h.text(nodes[k]);
    h.word(k < final_values.size());
    if (k < final_values.size()) h.integers(final_values[k]);
  }
  return h.result();
}

}  // namespace rumor::replay::sim
