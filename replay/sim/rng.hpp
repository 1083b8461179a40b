// The simulator's PRNG: splitmix64, small, fast and identical on every platform (the standard
// library's distributions are implementation-defined, so none are used). One Rng per concern
// (generator, latency, nemesis, ...) is split from the run seed, so adding a draw in one concern
// never perturbs the others.
#pragma once

#include <cstdint>

namespace rumor::replay::sim {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}

  // A child generator for one concern; `stream` names the concern so streams never collide.
  static Rng split(std::uint64_t seed, std::uint64_t stream) {
    Rng mixer(seed ^ (stream * 0xd1b54a32d192ed03ULL));
    mixer.next();
    return Rng(mixer.next());
  }

  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

  // Uniform in [0, 1) with 53 bits, like java.util.Random#nextDouble.
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

  // Uniform integer in [0, bound); bound 0 gives 0. Multiply-shift: unbiased enough for a
  // simulator and branch-free.
  std::uint64_t below(std::uint64_t bound) {
    __extension__ using Wide = unsigned __int128;
    return static_cast<std::uint64_t>((static_cast<Wide>(next()) * bound) >> 64);
  }

  bool coin() { return (next() >> 63) != 0; }

 private:
  std::uint64_t state_;
};

// Stream names, one per concern.
namespace stream {
inline constexpr std::uint64_t generator = 1;
inline constexpr std::uint64_t latency = 2;
inline constexpr std::uint64_t nemesis = 3;
inline constexpr std::uint64_t ticks = 4;
inline constexpr std::uint64_t nodes = 5;
inline constexpr std::uint64_t client_schedule = 6;
inline constexpr std::uint64_t nemesis_schedule = 7;
}  // namespace stream

}  // namespace rumor::replay::sim
