#include "replay/journal/fressian.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <optional>

#include "core/hex.hpp"
#include "replay/journal/fressian_codes.hpp"
#include "replay/journal/fressian_text.hpp"

namespace rumor::replay::journal {

FressianError::FressianError(const std::string& source_name, std::size_t offset,
                             const std::string& reason)
    : std::runtime_error(source_name + ": offset " + std::to_string(offset) + ": " + reason),
      offset_(offset) {}

namespace {

// Bytes have no EDN literal: they decode to #bytes "0a1b..." (a tag over their hex text).
Edn bytes_value(std::string_view raw) {
  return Edn::of_tagged("bytes", Edn::of_string(core::hex_bytes(raw)));
}

const std::string* bytes_hex(const Edn& value) {
  const bool is_bytes = value.kind == Edn::Kind::tagged && value.text == "bytes" &&
                        value.items.front().kind == Edn::Kind::string;
  return is_bytes ? &value.items.front().text : nullptr;
}

constexpr int kMaxDepth = 1000;  // corrupt input must not blow the stack

// Priority-cache references copy the cached value, so a few bytes can stand for a large tree
// (a cached list of references to a cached list of ...). The decoded size, counted as bytes of
// Edn nodes and their text, may be at most this multiple of the input size (plus a floor that
// small real chunks never approach); a plain value costs about one node per input byte.
constexpr std::uint64_t kDecodedBytesPerInputByte = 1024;
constexpr std::uint64_t kDecodedBytesFloor = std::uint64_t{64} << 20;

class Reader {
 public:
  Reader(std::string_view bytes, const std::string& source)
      : bytes_(bytes),
        source_(source),
        decoded_budget_(kDecodedBytesFloor + kDecodedBytesPerInputByte * bytes.size()) {}

  std::vector<Edn> read_all() {
    std::vector<Edn> values;
    while (pos_ < bytes_.size()) {
      const int c = peek();
      if (c == code::kFooter) {
        read_footer();
      } else if (c == code::kResetCaches) {
        ++pos_;
        reset_caches();
      } else {
        values.push_back(read_value(0));
      }
    }
    return values;
  }

 private:
  struct StructType {
    std::string tag;
    std::int64_t fields;
  };
  // A cached value with what a copy of it costs: its decoded bytes and its nesting height.
  struct CacheEntry {
    Edn value;
    std::uint64_t decoded_bytes = 0;
    int height = 0;
  };

  [[noreturn]] void fail(std::size_t offset, const std::string& reason) const {
    throw FressianError(source_, offset, reason);
  }

  int peek() const {
    if (pos_ >= bytes_.size()) fail(pos_, "unexpected end of stream");
    return static_cast<unsigned char>(bytes_[pos_]);
  }

  int next_code() {
    const int c = peek();
    ++pos_;
    return c;
  }

  std::uint64_t raw_unsigned(int byte_count) {
    if (bytes_.size() - pos_ < static_cast<std::size_t>(byte_count)) {
      fail(pos_, "unexpected end of stream in a " + std::to_string(byte_count) + "-byte field");
    }
    std::uint64_t result = 0;
    for (int i = 0; i < byte_count; ++i) {
      result = (result << 8) | static_cast<unsigned char>(bytes_[pos_++]);
    }
    return result;
  }

  std::string raw_bytes(std::int64_t count) {
    if (count < 0 || bytes_.size() - pos_ < static_cast<std::uint64_t>(count)) {
      fail(pos_, "byte/string length " + std::to_string(count) + " runs past the end");
    }
    spend(static_cast<std::uint64_t>(count), pos_);
    std::string out(bytes_.substr(pos_, static_cast<std::size_t>(count)));
    pos_ += static_cast<std::size_t>(count);
    return out;
  }

  // Packed ints: the code's low bits are the high part (biased by the "zero" code), followed
  // by 1-6 raw big-endian bytes.
  std::optional<std::int64_t> packed_int(int c) {
    auto packed = [&](int zero, int byte_count) {
      const std::uint64_t high = static_cast<std::uint64_t>(static_cast<std::int64_t>(c - zero));
      return static_cast<std::int64_t>((high << (8 * byte_count)) | raw_unsigned(byte_count));
    };
    if (c == code::kMinusOne) return -1;
    if (c < 0x40) return c;
    if (c < 0x60) return packed(0x50, 1);
    if (c < 0x70) return packed(0x68, 2);
    if (c < 0x74) return packed(0x72, 3);
    if (c < 0x78) return packed(0x76, 4);
    if (c < 0x7C) return packed(0x7A, 5);
    if (c < 0x80) return packed(0x7E, 6);
    if (c == code::kInt) return static_cast<std::int64_t>(raw_unsigned(8));
    return std::nullopt;
  }

  std::int64_t read_int() {
    const std::size_t at = pos_;
    const int c = next_code();
    if (auto value = packed_int(c)) return *value;
    fail(at, "expected an int, found code 0x" + hex(c));
  }

  std::int64_t read_count() {
    const std::size_t at = pos_;
    const std::int64_t count = read_int();
    if (count < 0 || count > static_cast<std::int64_t>(bytes_.size())) {
      fail(at, "implausible count " + std::to_string(count));
    }
    return count;
  }

  static std::string hex(int c) { return core::hex_bytes(std::string(1, static_cast<char>(c))); }

  std::string decode_utf8_units(const std::string& raw, std::size_t at) {
    std::string error;
    std::string text = decode_fressian_text(raw, error);
    if (!error.empty()) fail(at, error);
    return text;
  }

  // A chunked string or byte array: chunks of `chunk_code`, ending with a packed or sized piece.
  std::string read_chunks(int packed_start, int packed_end, int sized_code, int chunk_code) {
    std::string raw = raw_bytes(read_count());
    for (;;) {
      const std::size_t at = pos_;
      const int c = next_code();
      if (c >= packed_start && c < packed_end) return raw + raw_bytes(c - packed_start);
      if (c == sized_code) return raw + raw_bytes(read_count());
      if (c != chunk_code) fail(at, "expected the next chunk, found code 0x" + hex(c));
      raw += raw_bytes(read_count());
    }
  }

  std::vector<Edn> read_n(std::int64_t count, int depth) {
    std::vector<Edn> items;
    for (std::int64_t i = 0; i < count; ++i) items.push_back(read_value(depth + 1));
    return items;
  }

  std::vector<Edn> read_until_end(int depth, bool open) {
    std::vector<Edn> items;
    for (;;) {
      if (open && pos_ >= bytes_.size()) return items;
      if (peek() == code::kEndCollection) {
        ++pos_;
        return items;
      }
      items.push_back(read_value(depth + 1));
    }
  }

  std::vector<Edn> read_list_field(int depth) {
    const std::size_t at = pos_;
    Edn list = read_value(depth + 1);
    if (list.kind != Edn::Kind::vector) fail(at, "expected a list inside a map or set");
    return std::move(list.items);
  }

  std::string read_name_part(int depth) {
    const std::size_t at = pos_;
    Edn part = read_value(depth + 1);
    if (part.kind == Edn::Kind::nil) return "";
    if (part.kind != Edn::Kind::string) fail(at, "keyword/symbol part is not a string");
    return part.text;
  }

  // Built-in tags get their meaning; any other tag (Maelstrom's records) stays a tagged struct.
  Edn handle_struct(const std::string& tag, std::int64_t fields, std::size_t at, int depth) {
    if (tag == "map") {
      std::vector<Edn> flat = read_list_field(depth);
      if (flat.size() % 2 != 0) fail(at, "map with an odd number of keys and values");
      std::vector<EdnEntry> entries;
      for (std::size_t i = 0; i < flat.size(); i += 2) {
        entries.push_back({std::move(flat[i]), std::move(flat[i + 1])});
      }
      return Edn::of_map(std::move(entries));
    }
    if (tag == "set") return Edn::of_set(read_list_field(depth));
    if (tag == "key" || tag == "sym") {
      std::string ns = read_name_part(depth);
      std::string name = read_name_part(depth);
      std::string qualified = ns.empty() ? std::move(name) : ns + "/" + name;
      return tag == "key" ? Edn::of_keyword(std::move(qualified))
                          : Edn::of_symbol(std::move(qualified));
    }
    if (tag == "inst") return Edn::of_tagged("inst", Edn::of_int(read_int()));
    if (tag == "bigint") return bigint(read_value(depth + 1), at);
    return Edn::of_tagged(tag, Edn::of_vector(read_n(fields, depth)));
  }

  Edn bigint(const Edn& bytes, std::size_t at) {
    const std::string* hex = bytes_hex(bytes);
    if (!hex || hex->empty() || hex->size() > 16) {
      fail(at, "bigint wider than 64 bits is not supported");
    }
    const std::uint64_t magnitude = std::stoull(*hex, nullptr, 16);
    const std::size_t bits = 4 * hex->size();
    const bool negative = bits < 64 && ((magnitude >> (bits - 1)) & 1) != 0;
    const std::uint64_t v = negative ? magnitude | (~std::uint64_t{0} << bits) : magnitude;
    return Edn::of_int(static_cast<std::int64_t>(v));
  }

  // Counts decoded bytes against the budget, failing before anything is allocated past it.
  void spend(std::uint64_t decoded_bytes, std::size_t at) {
    decoded_bytes_ += decoded_bytes;
    if (decoded_bytes_ > decoded_budget_) {
      fail(at, "decoded size exceeds " + std::to_string(kDecodedBytesPerInputByte) +
                   " bytes per input byte (priority-cache references nested without bound?)");
    }
  }

  Edn cached(std::int64_t index, std::size_t at, int depth) {
    if (index < 0 || static_cast<std::size_t>(index) >= priority_cache_.size() ||
        !priority_cache_[static_cast<std::size_t>(index)]) {
      fail(at, "priority cache index " + std::to_string(index) + " not (yet) defined");
    }
    const CacheEntry& entry = *priority_cache_[static_cast<std::size_t>(index)];
    if (depth + entry.height > kMaxDepth) {
      fail(at, "nesting deeper than " + std::to_string(kMaxDepth) + " through the priority cache");
    }
    deepest_ = std::max(deepest_, depth + entry.height);
    spend(entry.decoded_bytes, at);
    return entry.value;
  }

  // PUT_PRIORITY_CACHE: the slot is taken before the value is read, so nested puts get later
  // indices; the entry records the decoded bytes and height the value took to read.
  Edn put_cached(int depth) {
    const std::size_t slot = priority_cache_.size();
    const std::uint64_t resets_before = resets_;
    priority_cache_.emplace_back();
    const std::uint64_t bytes_before = decoded_bytes_;
    const int deepest_before = deepest_;
    deepest_ = depth + 1;
    Edn v = read_value(depth + 1);
    const int height = deepest_ - (depth + 1);
    deepest_ = std::max(deepest_before, deepest_);
    // A RESET_CACHES inside the value emptied the cache, slot included: nothing to fill then.
    if (resets_ == resets_before) {
      priority_cache_[slot] = CacheEntry{v, decoded_bytes_ - bytes_before, height};
    }
    return v;
  }

  Edn read_struct(std::int64_t index, std::size_t at, int depth) {
    if (index < 0 || static_cast<std::size_t>(index) >= struct_cache_.size()) {
      fail(at, "struct cache index " + std::to_string(index) + " not defined");
    }
    const StructType type = struct_cache_[static_cast<std::size_t>(index)];
    return handle_struct(type.tag, type.fields, at, depth);
  }

  Edn read_value(int depth) {
    if (depth > kMaxDepth) fail(pos_, "nesting deeper than " + std::to_string(kMaxDepth));
    // A run of RESET_CACHES codes before a value is skipped in a loop, not by recursion.
    while (peek() == code::kResetCaches) {
      ++pos_;
      reset_caches();
    }
    const std::size_t at = pos_;
    deepest_ = std::max(deepest_, depth);
    spend(sizeof(Edn), at);
    const int c = next_code();
    if (c < 0x80 || c == code::kMinusOne || c == code::kInt) return Edn::of_int(*packed_int(c));
    if (c < code::kPriorityCachePackedEnd) {
      return cached(c - code::kPriorityCachePackedStart, at, depth);
    }
    if (c < code::kStructCachePackedEnd) {
      return read_struct(c - code::kStructCachePackedStart, at, depth);
    }
    if (c >= code::kBytesPackedStart && c < code::kBytesChunk) {
      return bytes_value(raw_bytes(c - code::kBytesPackedStart));
    }
    if (c >= code::kStringPackedStart && c < code::kStringChunk) {
      return Edn::of_string(decode_utf8_units(raw_bytes(c - code::kStringPackedStart), at));
    }
    if (c >= code::kListPackedStart && c < code::kList) {
      return Edn::of_vector(read_n(c - code::kListPackedStart, depth));
    }
    if (c >= code::kLongArray && c <= code::kObjectArray) {
      return Edn::of_vector(read_n(read_count(), depth));  // typed arrays: count, then items
    }
    return read_unpacked(c, at, depth);
  }

  // A value whose code stands alone (not one of the packed ranges above), one case per code.
  Edn read_unpacked(int c, std::size_t at, int depth) {
    switch (c) {
      case code::kPutPriorityCache:
        return put_cached(depth);
      case code::kGetPriorityCache:
        return cached(read_int(), at, depth);
      case code::kStructType: {
        const std::size_t tag_at = pos_;
        Edn tag = read_value(depth + 1);
        if (tag.kind != Edn::Kind::string) fail(tag_at, "struct tag is not a string");
        const std::int64_t fields = read_count();
        struct_cache_.push_back({tag.text, fields});
        return handle_struct(tag.text, fields, at, depth);
      }
      case code::kStruct:
        return read_struct(read_int(), at, depth);
      case code::kMap:
        return handle_struct("map", 1, at, depth);
      case code::kSet:
        return handle_struct("set", 1, at, depth);
      case code::kKey:
        return handle_struct("key", 2, at, depth);
      case code::kSym:
        return handle_struct("sym", 2, at, depth);
      case code::kInst:
        return handle_struct("inst", 1, at, depth);
      case code::kBigint:
        return handle_struct("bigint", 1, at, depth);
      case code::kString:
        return Edn::of_string(decode_utf8_units(raw_bytes(read_count()), at));
      case code::kStringChunk:
        return Edn::of_string(
            decode_utf8_units(read_chunks(code::kStringPackedStart, code::kStringChunk,
                                          code::kString, code::kStringChunk),
                              at));
      case code::kBytes:
        return bytes_value(raw_bytes(read_count()));
      case code::kBytesChunk:
        return bytes_value(read_chunks(code::kBytesPackedStart, code::kBytesChunk, code::kBytes,
                                       code::kBytesChunk));
      case code::kList:
        return Edn::of_vector(read_n(read_count(), depth));
      case code::kBeginClosedList:
        return Edn::of_vector(read_until_end(depth, false));
      case code::kBeginOpenList:
        return Edn::of_vector(read_until_end(depth, true));
      case code::kTrue:
        return Edn::of_bool(true);
      case code::kFalse:
        return Edn::of_bool(false);
      case code::kNull:
        return Edn::nil_value();
      case code::kFloat:
        return Edn::of_double(std::bit_cast<float>(static_cast<std::uint32_t>(raw_unsigned(4))));
      case code::kDouble:
        return Edn::of_double(std::bit_cast<double>(raw_unsigned(8)));
      case code::kDouble0:
        return Edn::of_double(0.0);
      case code::kDouble1:
        return Edn::of_double(1.0);
      case code::kFooter:
        fail(at, "footer inside a value");
      default:
        fail(at, "unsupported Fressian code 0x" + hex(c));
    }
  }

  // FOOTER: magic CFCFCFCF, then the byte length and Adler-32 of everything since the stream
  // start or the previous footer; it also ends the caches' lifetime.
  void read_footer() {
    const std::size_t at = pos_;
    if (raw_unsigned(4) != 0xCFCFCFCFu) fail(at, "bad footer magic");
    const std::uint64_t length = raw_unsigned(4);
    const std::uint64_t checksum = raw_unsigned(4);
    const std::string_view covered = bytes_.substr(segment_start_, at - segment_start_);
    if (length != covered.size()) {
      fail(at, "footer length " + std::to_string(length) + " but " +
                   std::to_string(covered.size()) + " bytes were read");
    }
    if (checksum != adler32(covered)) fail(at, "footer checksum mismatch");
    segment_start_ = pos_;
    reset_caches();
  }

  void reset_caches() {
    resets_ += 1;
    priority_cache_.clear();
    struct_cache_.clear();
  }

  std::string_view bytes_;
  const std::string& source_;
  std::size_t pos_ = 0;
  std::size_t segment_start_ = 0;
  std::vector<std::optional<CacheEntry>> priority_cache_;
  std::vector<StructType> struct_cache_;
  std::uint64_t decoded_budget_;
  std::uint64_t decoded_bytes_ = 0;  // Edn nodes and text decoded so far, cache copies included
  std::uint64_t resets_ = 0;         // RESET_CACHES and footers so far
  int deepest_ = 0;                  // the deepest nesting reached since the innermost cache put
};

}  // namespace

std::vector<Edn> decode_fressian(std::string_view bytes, const std::string& source_name) {
  return Reader(bytes, source_name).read_all();
}

std::vector<Edn> read_fressian_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot open");
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw std::runtime_error(path + ": read error");
  return decode_fressian(bytes, path);
}

}  // namespace rumor::replay::journal
