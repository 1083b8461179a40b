#include "replay/sim/run_fingerprint.hpp"

#include <array>
#include <cstddef>
#include <cstring>
#include <string_view>
#include <type_traits>
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

class Hasher {
 public:
  void word(std::uint64_t w) { state_ = mix_word(state_, w); }
  void integer(std::int64_t v) { word(static_cast<std::uint64_t>(v)); }

  // The length first, so adjacent fields cannot trade elements; then four independent lanes,
  // which the processor runs side by side (read values are most of a history's words).
  void integers(const std::vector<std::int64_t>& values) {
    word(values.size());
    std::array<std::uint64_t, 4> lanes{1, 2, 3, 4};
    std::size_t i = 0;
    for (; i + 4 <= values.size(); i += 4) {
      for (std::size_t k = 0; k < 4; ++k) {
        lanes[k] = mix_word(lanes[k], static_cast<std::uint64_t>(values[i + k]));
      }
    }
    for (; i < values.size(); ++i)
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
  std::uint64_t state_ = 0xcbf29ce484222325ULL;
};

void hash_value(Hasher& h, const history::OpValue& value) {
  h.word(value.index());
  std::visit(
      [&h](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::int64_t>) {
          h.integer(v);
        } else if constexpr (std::is_same_v<T, std::vector<std::int64_t>>) {
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
