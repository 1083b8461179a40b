#include "runtime/line_buffer.hpp"

namespace rumor::runtime {

void LineBuffer::append(std::string_view bytes) {
  // Drop consumed lines first so the buffer only ever holds one partial line plus the new chunk.
  if (begin_ > 0) {
    bytes_.erase(0, begin_);
    scanned_ -= begin_;
    begin_ = 0;
  }
  if (bytes_.size() + bytes.size() > line_bytes_max && bytes.find('\n') == std::string_view::npos) {
    bytes_.clear();
    scanned_ = 0;
    overflowed_ = overflowed_ || !skipping_long_line_;  // reported once per dropped line
    skipping_long_line_ = true;
    return;
  }
  bytes_.append(bytes);
}

std::string_view LineBuffer::take_rest() {
  std::string_view rest(bytes_.data() + begin_, bytes_.size() - begin_);
  if (skipping_long_line_) rest = {};
  begin_ = scanned_ = bytes_.size();
  skipping_long_line_ = false;
  return rest;
}

bool LineBuffer::take_overflow() {
  const bool overflowed = overflowed_;
  overflowed_ = false;
  return overflowed;
}

}  // namespace rumor::runtime
