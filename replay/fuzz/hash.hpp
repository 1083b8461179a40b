// Deterministic randomness for the fuzzer: a splitmix64 generator for choosing a run's knobs, and
// a stateless mix for per-message fates, so a fate depends only on what identifies the message
// (never on how many other draws happened before it) and a shrunk schedule replays exactly.
#pragma once

#include <cstdint>
#include <initializer_list>

namespace rumor::replay::fuzz {

inline std::uint64_t mix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// A hash of several words, e.g. (seed, window id, src, dest, link sequence).
inline std::uint64_t hash_words(std::initializer_list<std::uint64_t> words) {
  std::uint64_t h = 0x243f6a8885a308d3ULL;
  for (std::uint64_t w : words) h = mix64(h ^ (w + 0x9e3779b97f4a7c15ULL));
  return h;
}

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(mix64(seed ^ 0x5eed5eed5eed5eedULL)) {}

  std::uint64_t next() { return mix64(state_ += 0x9e3779b97f4a7c15ULL); }

  // Uniform in [0, bound); 0 when bound is 0.
  std::uint64_t below(std::uint64_t bound) {
    __extension__ using Wide = unsigned __int128;
    return static_cast<std::uint64_t>((static_cast<Wide>(next()) * bound) >> 64);
  }

  // Uniform in [low, high], both included.
  std::int64_t range(std::int64_t low, std::int64_t high) {
    return low + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(high - low) + 1));
  }

  bool coin() { return (next() >> 63) != 0; }

  // True with probability per_mille / 1000.
  bool chance(std::uint64_t per_mille) { return below(1000) < per_mille; }

  template <typename T>
  T pick(std::initializer_list<T> choices) {
    return choices.begin()[below(choices.size())];
  }

 private:
  std::uint64_t state_;
};

}  // namespace rumor::replay::fuzz
