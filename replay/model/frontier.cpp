#include "replay/model/frontier.hpp"

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace rumor::replay::model {

namespace {

void put_length(std::string& out, std::uint64_t x) {
  while (x >= 0x80) {
    out.push_back(static_cast<char>((x & 0x7f) | 0x80));
    x >>= 7;
  }
  out.push_back(static_cast<char>(x));
}

// The length prefix at `at`, and where the record starts; nullopt when the buffer ends first.
std::optional<std::pair<std::uint64_t, std::size_t>> get_length(const std::string& buffer,
                                                                std::size_t at) {
  std::uint64_t x = 0;
  for (int shift = 0; shift < 64 && at < buffer.size(); shift += 7) {
    const auto b = static_cast<std::uint8_t>(buffer[at++]);
    x |= static_cast<std::uint64_t>(b & 0x7f) << shift;
    if ((b & 0x80) == 0) return std::pair{x, at};
  }
  return std::nullopt;
}

std::runtime_error io_error(const char* what) {
  return std::runtime_error(std::string("model frontier: ") + what + ": " + std::strerror(errno));
}

}  // namespace

FrontierLevel::FrontierLevel(const World& initial, std::size_t chunk_bytes)
    : chunk_bytes_(chunk_bytes), encoder_(initial), decoder_(initial) {}

void FrontierLevel::push(std::uint32_t index, const World& world) {
  if (reading_) throw std::logic_error("model frontier: push after pop");
  std::string& record = record_;
  record.clear();
  for (int i = 0; i < 4; ++i) record.push_back(static_cast<char>((index >> (8 * i)) & 0xff));
  encoder_.encode(world, record);
  put_length(buffer_, record.size());
  buffer_ += record;
  ++size_;
  bytes_ += record.size();
  if (buffer_.size() >= chunk_bytes_) spill();
}

void FrontierLevel::spill() {
  if (!file_) {
    file_.reset(std::tmpfile());
    if (!file_) throw io_error("cannot create a temporary file");
  }
  if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_.get()) != buffer_.size()) {
    throw io_error("cannot write the temporary file");
  }
  buffer_.clear();
}

// Moves what is unread to the front and appends the next chunk; false at the end of the file.
bool FrontierLevel::refill() {
  if (!file_) return false;
  buffer_.erase(0, read_at_);
  read_at_ = 0;
  const std::size_t kept = buffer_.size();
  buffer_.resize(kept + chunk_bytes_);
  const std::size_t got = std::fread(buffer_.data() + kept, 1, chunk_bytes_, file_.get());
  buffer_.resize(kept + got);
  if (got == 0 && std::ferror(file_.get())) throw io_error("cannot read the temporary file");
  return got > 0;
}

std::optional<FrontierEntry> FrontierLevel::pop() {
  if (!reading_) {
    reading_ = true;
    if (file_) {
      spill();
      if (std::fflush(file_.get()) != 0) throw io_error("cannot write the temporary file");
      std::rewind(file_.get());
    }
  }
  for (;;) {
    const auto length = get_length(buffer_, read_at_);
    if (length && length->second + length->first <= buffer_.size()) {
      const auto* at = reinterpret_cast<const std::uint8_t*>(buffer_.data()) + length->second;
      const auto* end = at + length->first;
      if (length->first < 4) throw std::runtime_error("model frontier: truncated record");
      FrontierEntry entry;
      for (int i = 0; i < 4; ++i) entry.index |= static_cast<std::uint32_t>(*at++) << (8 * i);
      entry.world = decoder_.decode(at, end);
      if (at != end) throw std::runtime_error("model frontier: record longer than its state");
      read_at_ = length->second + static_cast<std::size_t>(length->first);
      return entry;
    }
    if (!refill()) {
      if (read_at_ != buffer_.size()) throw std::runtime_error("model frontier: truncated file");
      return std::nullopt;
    }
  }
}

}  // namespace rumor::replay::model
