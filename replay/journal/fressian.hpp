// A decoder for Fressian (the binary format of Clojure's data.fressian), limited to what
// Maelstrom's net journal writes plus the common scalar and collection codes: packed and 64-bit
// ints, float/double, booleans, nil, packed/sized/chunked strings and bytes, packed/sized/closed/
// open lists, maps, sets, keywords, symbols, insts, bigints that fit 64 bits, typed arrays,
// user structs (STRUCTTYPE/STRUCT and the packed struct cache), the priority cache
// (PUT_PRIORITY_CACHE, GET_PRIORITY_CACHE and the packed 0x80-0x9F codes), RESET_CACHES and FOOTER
// (with length and Adler-32 checks). Anything else fails loudly rather than guessing.
// Values decode to replay/'s one value tree (history/edn.hpp): lists and typed arrays become
// vectors (Fressian does not tell them apart), a keyword's namespace is joined with '/', a
// struct is its tag over a vector of its fields (#msg [...]), an inst is #inst over epoch
// milliseconds and bytes are #bytes over their hex text.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "replay/history/edn.hpp"

namespace rumor::replay::journal {

using history::Edn;
using history::EdnEntry;

// Thrown on an unknown code, a truncated stream or an inconsistent footer/cache reference.
// what() reads "SOURCE: offset N: reason", N being the byte offset of the offending code.
class FressianError : public std::runtime_error {
 public:
  FressianError(const std::string& source_name, std::size_t offset, const std::string& reason);
  std::size_t offset() const { return offset_; }

 private:
  std::size_t offset_;
};

// Every top-level value of one stream, in order. As in the reference reader, the caches live for
// the whole stream and are cleared only by RESET_CACHES or a footer.
std::vector<Edn> decode_fressian(std::string_view bytes, const std::string& source_name);

// Reads and decodes a whole file; throws std::runtime_error naming the file if it can't be read.
std::vector<Edn> read_fressian_file(const std::string& path);

}  // namespace rumor::replay::journal
