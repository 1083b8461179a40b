// Text and checksums in Fressian streams: strings are UTF-16 units written as 1-3 bytes each
// (CESU-8 style), footers carry an Adler-32.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace rumor::replay::journal {

// The UTF-8 text of a Fressian string's bytes: surrogate pairs joined, a lone surrogate as U+FFFD.
// On bad bytes, returns "" and sets error to why.
std::string decode_fressian_text(const std::string& raw, std::string& error);

std::uint32_t adler32(std::string_view bytes);

}  // namespace rumor::replay::journal
