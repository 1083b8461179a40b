// One JSON member ("name": value) in one call, for every object rumor writes with RapidJSON
// (rumor fuzz and rumor merge results, rumor replay's reports). The value's type picks the
// writer call: bool, signed and unsigned integers, floating point, or text.
#pragma once

#include <rapidjson/rapidjson.h>

#include <string_view>
#include <type_traits>

namespace rumor::replay::json {

template <typename Writer>
void key(Writer& w, std::string_view name) {
  w.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
}

template <typename Writer, typename T>
void member(Writer& w, std::string_view name, const T& value) {
  key(w, name);
  if constexpr (std::is_same_v<T, bool>) {
    w.Bool(value);
  } else if constexpr (std::is_integral_v<T> && std::is_signed_v<T>) {
    w.Int64(value);
  } else if constexpr (std::is_integral_v<T>) {
    w.Uint64(value);
  } else if constexpr (std::is_floating_point_v<T>) {
    w.Double(value);
  } else {
    const std::string_view text(value);
    w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
  }
}

}  // namespace rumor::replay::json
