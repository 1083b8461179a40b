#include "replay/fuzz/progress.hpp"

#include <cstdio>
#include <string>

namespace rumor::replay::fuzz {

namespace {

constexpr int bar_width = 30;
constexpr auto terminal_interval = std::chrono::milliseconds(100);
constexpr auto plain_interval = std::chrono::seconds(5);

}  // namespace

Progress::Progress(std::ostream& out, bool terminal, std::uint64_t total_runs)
    : out_(out),
      terminal_(terminal),
      total_runs_(total_runs),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

double Progress::elapsed_s() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void Progress::update(std::uint64_t runs_done, std::uint64_t failures) {
  const auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < (terminal_ ? terminal_interval : plain_interval)) return;
  last_draw_ = now;
  draw(runs_done, failures);
}

void Progress::finish(std::uint64_t runs_done, std::uint64_t failures) {
  if (!terminal_) return;  // the summary line follows on stdout
  draw(runs_done, failures);
  out_ << "\n" << std::flush;
}

void Progress::draw(std::uint64_t runs_done, std::uint64_t failures) {
  const double seconds = elapsed_s();
  const double rate = seconds > 0 ? static_cast<double>(runs_done) / seconds : 0.0;
  char figures[128];
  std::snprintf(figures, sizeof figures, "%llu/%llu runs, %llu failed, %.1f runs/s",
                static_cast<unsigned long long>(runs_done),
                static_cast<unsigned long long>(total_runs_),
                static_cast<unsigned long long>(failures), rate);
  if (!terminal_) {
    out_ << "fuzz: " << figures << "\n" << std::flush;
    return;
  }
  const auto filled =
      static_cast<int>(total_runs_ == 0 ? bar_width : bar_width * runs_done / total_runs_);
  out_ << "\r[" << std::string(static_cast<std::size_t>(filled), '#')
       << std::string(static_cast<std::size_t>(bar_width - filled), '.') << "] " << figures << "   "
       << std::flush;
}

}  // namespace rumor::replay::fuzz
