// Splits a byte stream into lines. Bytes arrive in arbitrary chunks from read(2); complete lines
// are handed out as views into the buffer, valid until the next append.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace rumor::runtime {

class LineBuffer {
 public:
  // A line longer than this is dropped (reported by take_overflow) rather than buffered without
  // bound. The largest real inputs, an init naming the 10,000 nodes core/limits.hpp allows or a
  // topology of a few thousand nodes, are well under it (a read_ok of a million values, as a
  // node process might print in `rumor test --bin`, just fits), while a parsed line costs up to
  // about 10 times its size: 8 MiB keeps a hostile line's cost near 100 MB, not near 1 GB.
  static constexpr std::size_t line_bytes_max = 8 * 1024 * 1024;

  void append(std::string_view bytes);

  // Calls on_line(std::string_view) for each complete line, without its '\n' (or "\r\n").
  template <typename OnLine>
  void for_each_line(OnLine&& on_line);

  // The unterminated rest, for end of input; empties the buffer.
  std::string_view take_rest();

  // True once if a line was dropped for exceeding line_bytes_max.
  bool take_overflow();

 private:
  std::string bytes_;
  std::size_t begin_ = 0;    // start of the first unconsumed line
  std::size_t scanned_ = 0;  // no '\n' in [begin_, scanned_)
  bool skipping_long_line_ = false;
  bool overflowed_ = false;
};

template <typename OnLine>
void LineBuffer::for_each_line(OnLine&& on_line) {
  while (true) {
    const std::size_t newline = bytes_.find('\n', scanned_);
    if (newline == std::string::npos) {
      scanned_ = bytes_.size();
      return;
    }
    std::string_view line(bytes_.data() + begin_, newline - begin_);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    begin_ = scanned_ = newline + 1;
    if (skipping_long_line_) {
      skipping_long_line_ = false;  // this was the tail of a dropped line
      continue;
    }
    on_line(line);
  }
}

}  // namespace rumor::runtime
