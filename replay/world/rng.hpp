// The simulated world's randomness: splitmix64, small, fast and identical on every platform (the
// standard library's distributions are implementation-defined, so none are used). Two ways to
// use it: an Rng per concern, split from the run seed, so adding a draw in one concern never
// perturbs the others (`rumor test`); and hash_words, a stateless mix for per-message fates, so a
// fate depends only on what identifies the message (`rumor fuzz`: a shrunk schedule replays
// exactly).
#pragma once

#include <cstdint>
#include <initializer_list>

namespace rumor::replay::world {

// splitmix64's output function.
inline std::uint64_t mix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

inline constexpr std::uint64_t golden_gamma = 0x9e3779b97f4a7c15ULL;  // splitmix64's increment

// hash_words(a..., b...) == hash_more(hash_words(a...), {b...}): words mixed in one at a time,
// so a caller can keep the hash of a prefix that many hashes share.
inline std::uint64_t hash_more(std::uint64_t h, std::initializer_list<std::uint64_t> words) {
  for (std::uint64_t w : words) h = mix64(h ^ (w + golden_gamma));
  return h;
}

// A hash of several words, e.g. (seed, window id, src, dest, link sequence).
inline std::uint64_t hash_words(std::initializer_list<std::uint64_t> words) {
  return hash_more(0x243f6a8885a308d3ULL, words);
}

class Rng {
 public:
  explicit Rng(std::uint64_t state) : state_(state) {}

  // A child generator for one concern; `stream` names the concern so streams never collide.
  static Rng split(std::uint64_t seed, std::uint64_t stream) {
    Rng mixer(seed ^ (stream * 0xd1b54a32d192ed03ULL));
    mixer.next();
    return Rng(mixer.next());
  }
  // A generator whose first state is the seed mixed, so nearby seeds start far apart.
  static Rng mixed(std::uint64_t seed) { return Rng(mix64(seed ^ 0x5eed5eed5eed5eedULL)); }

  std::uint64_t next() { return mix64(state_ += golden_gamma); }

  // Uniform in [0, 1) with 53 bits, like java.util.Random#nextDouble.
  double unit() { return unit_of(next()); }
  static double unit_of(std::uint64_t draw) { return static_cast<double>(draw >> 11) * 0x1.0p-53; }

  // Uniform integer in [0, bound); bound 0 gives 0. Multiply-shift: unbiased enough for a
  // simulator and branch-free.
  std::uint64_t below(std::uint64_t bound) { return below_of(next(), bound); }
  static std::uint64_t below_of(std::uint64_t draw, std::uint64_t bound) {
    __extension__ using Wide = unsigned __int128;
    return static_cast<std::uint64_t>((static_cast<Wide>(draw) * bound) >> 64);
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

// Stream names of `rumor test`'s generators, one per concern.
namespace stream {
inline constexpr std::uint64_t generator = 1;
inline constexpr std::uint64_t latency = 2;
inline constexpr std::uint64_t nemesis = 3;
inline constexpr std::uint64_t ticks = 4;
inline constexpr std::uint64_t nodes = 5;
inline constexpr std::uint64_t client_schedule = 6;
inline constexpr std::uint64_t nemesis_schedule = 7;
}  // namespace stream

}  // namespace rumor::replay::world
