// A minimal Fressian encoder for tests: it writes the same codes as the reference writer
// (smallest packed int form, packed string/list lengths, priority-cache puts and gets, struct
// types and the struct cache) so the decoder can be checked on streams we fully control.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace rumor::replay::journal::testing {

class FressianWriter {
 public:
  const std::string& bytes() const { return bytes_; }

  FressianWriter& raw(std::initializer_list<int> codes) {
    for (int c : codes) bytes_ += static_cast<char>(c);
    return *this;
  }

  FressianWriter& integer(std::int64_t i) {
    if (i >= 0 && i <= 63) return raw({static_cast<int>(i)});
    if (i == -1) return raw({0xFF});
    if (fits(i, 13)) return packed(0x50, i, 1);
    if (fits(i, 20)) return packed(0x68, i, 2);
    if (fits(i, 26)) return packed(0x72, i, 3);
    if (fits(i, 34)) return packed(0x76, i, 4);
    if (fits(i, 42)) return packed(0x7A, i, 5);
    if (fits(i, 50)) return packed(0x7E, i, 6);
    raw({0xF8});
    return big_endian(static_cast<std::uint64_t>(i), 8);
  }

  FressianWriter& string(const std::string& s) {
    if (s.size() < 8) {
      raw({0xDA + static_cast<int>(s.size())});
    } else {
      raw({0xE3});
      integer(static_cast<std::int64_t>(s.size()));
    }
    bytes_ += s;
    return *this;
  }

  // Keyword via the priority cache the way Maelstrom's writer does: the first use puts the
  // keyword (and, nested, its name string); later uses are a one-byte get.
  FressianWriter& keyword(const std::string& name) {
    const std::string cache_key = ":" + name;
    if (auto found = cache_.find(cache_key); found != cache_.end()) return get(found->second);
    cache_[cache_key] = next_slot_++;
    raw({0xCD, 0xCA, 0xF7});
    return cached_string(name);
  }

  FressianWriter& cached_string(const std::string& s) {
    if (auto found = cache_.find(s); found != cache_.end()) return get(found->second);
    cache_[s] = next_slot_++;
    raw({0xCD});
    return string(s);
  }

  FressianWriter& list_header(std::size_t count) {
    if (count < 8) return raw({0xE4 + static_cast<int>(count)});
    raw({0xEC});
    return integer(static_cast<std::int64_t>(count));
  }

  // MAP followed by a closed list; the caller writes keys and values then calls end().
  FressianWriter& begin_map() { return raw({0xC0, 0xED}); }
  FressianWriter& end() { return raw({0xFD}); }

  // A user struct: STRUCTTYPE with its tag the first time, a packed struct-cache code after.
  FressianWriter& struct_header(const std::string& tag, int fields) {
    for (std::size_t i = 0; i < struct_tags_.size(); ++i) {
      if (struct_tags_[i] == tag) return raw({0xA0 + static_cast<int>(i)});
    }
    struct_tags_.push_back(tag);
    raw({0xEF});
    string(tag);
    return integer(fields);
  }

 private:
  static bool fits(std::int64_t i, int bits) {
    const std::int64_t limit = std::int64_t{1} << (bits - 1);
    return i >= -limit && i < limit;
  }

  FressianWriter& packed(int zero, std::int64_t i, int byte_count) {
    raw({zero + static_cast<int>(i >> (8 * byte_count))});
    return big_endian(static_cast<std::uint64_t>(i), byte_count);
  }

  FressianWriter& big_endian(std::uint64_t v, int byte_count) {
    for (int k = byte_count - 1; k >= 0; --k) bytes_ += static_cast<char>((v >> (8 * k)) & 0xFF);
    return *this;
  }

  FressianWriter& get(int slot) {
    if (slot < 32) return raw({0x80 + slot});
    raw({0xCC});
    return integer(slot);
  }

  std::string bytes_;
  std::map<std::string, int> cache_;
  int next_slot_ = 0;
  std::vector<std::string> struct_tags_;
};

}  // namespace rumor::replay::journal::testing
