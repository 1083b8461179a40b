// The EDN and JSON writers of edn.hpp.
#include <charconv>
#include <cmath>
#include <string>
#include <system_error>

#include "core/codec.hpp"
#include "core/short_escape.hpp"
#include "replay/history/edn.hpp"

namespace rumor::replay::history {
namespace {

// Formats a finite number the way Java's Double/Float.toString does (what Clojure prints):
// shortest digits that read back to the same value, plain notation for 1e-3 <= |x| < 1e7 with at
// least one digit after the point ("1.0"), otherwise "d.dddE<exp>" ("1.0E-4"). Valid JSON as well.
std::string format_java_number(double value, bool single_precision) {
  char buffer[64];
  std::to_chars_result result =
      single_precision
          ? std::to_chars(buffer, buffer + sizeof buffer, static_cast<float>(value),
                          std::chars_format::scientific)
          : std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
  const std::string scientific(buffer, result.ptr);  // e.g. "-3.3333333e+00"
  const std::size_t e = scientific.find('e');
  std::string digits;
  bool negative = false;
  for (std::size_t i = 0; i < e; ++i) {
    if (scientific[i] == '-') negative = true;
    if (scientific[i] >= '0' && scientific[i] <= '9') digits += scientific[i];
  }
  const int exponent = std::stoi(scientific.substr(e + 1));
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();

  std::string out = negative ? "-" : "";
  const double magnitude = std::fabs(value);
  if (magnitude == 0.0 || (magnitude >= 1e-3 && magnitude < 1e7)) {
    if (magnitude == 0.0) return out + "0.0";
    if (exponent >= 0) {
      const auto integer_digits = static_cast<std::size_t>(exponent) + 1;
      while (digits.size() < integer_digits) digits += '0';
      std::string fraction = digits.substr(integer_digits);
      out += digits.substr(0, integer_digits) + "." + (fraction.empty() ? "0" : fraction);
    } else {
      out += "0." + std::string(static_cast<std::size_t>(-exponent - 1), '0') + digits;
    }
    return out;
  }
  out += digits.substr(0, 1) + "." + (digits.size() > 1 ? digits.substr(1) : "0");
  return out + "E" + std::to_string(exponent);
}

// Clojure prints a string with the short escapes only (other control characters raw); JSON
// strings are core's, which also escape those and repair invalid UTF-8.
void write_edn_string(std::string& out, const std::string& text) {
  out += '"';
  for (const char c : text) {
    const char* escape = core::short_escape(c);
    if (escape) {
      out += escape;
    } else {
      out += c;
    }
  }
  out += '"';
}

void write_edn_char(std::string& out, const std::string& utf8) {
  if (utf8 == "\n") {
    out += "\\newline";
  } else if (utf8 == " ") {
    out += "\\space";
  } else if (utf8 == "\t") {
    out += "\\tab";
  } else if (utf8 == "\r") {
    out += "\\return";
  } else if (utf8 == "\b") {
    out += "\\backspace";
  } else if (utf8 == "\f") {
    out += "\\formfeed";
  } else {
    out += '\\';
    out += utf8;
  }
}

void write_scalar_edn(std::string& out, const Edn& value) {
  switch (value.kind) {
    case Edn::Kind::nil:
      out += "nil";
      break;
    case Edn::Kind::boolean:
      out += value.boolean ? "true" : "false";
      break;
    case Edn::Kind::integer: {
      char digits[24];  // an int64 with its sign
      const auto end = std::to_chars(digits, digits + sizeof digits, value.integer).ptr;
      out.append(digits, end);
      break;
    }
    case Edn::Kind::floating:
      if (std::isnan(value.floating)) {
        out += "##NaN";
      } else if (std::isinf(value.floating)) {
        out += value.floating > 0 ? "##Inf" : "##-Inf";
      } else {
        out += format_java_number(value.floating, value.single_precision);
      }
      break;
    case Edn::Kind::string:
      write_edn_string(out, value.text);
      break;
    case Edn::Kind::character:
      write_edn_char(out, value.text);
      break;
    case Edn::Kind::keyword:
      out += ':';
      out += value.text;
      break;
    default:  // symbol
      out += value.text;
      break;
  }
}

const char* open_bracket(Edn::Kind kind) {
  switch (kind) {
    case Edn::Kind::vector:
      return "[";
    case Edn::Kind::list:
      return "(";
    case Edn::Kind::set:
      return "#{";
    default:
      return "{";
  }
}

const char* close_bracket(Edn::Kind kind) {
  switch (kind) {
    case Edn::Kind::vector:
      return "]";
    case Edn::Kind::list:
      return ")";
    default:
      return "}";
  }
}

bool is_collection(const Edn& value) {
  return value.kind == Edn::Kind::vector || value.kind == Edn::Kind::list ||
         value.kind == Edn::Kind::set || value.kind == Edn::Kind::map ||
         value.kind == Edn::Kind::tagged;
}

// Records print as "#tag{...}"; other tagged values need a space ("#inst \"...\"").
std::string tag_prefix(const Edn& tagged) {
  const bool glued = tagged.items.front().kind == Edn::Kind::map;
  return "#" + tagged.text + (glued ? "" : " ");
}

void write_edn(std::string& out, const Edn& value) {
  if (!is_collection(value)) return write_scalar_edn(out, value);
  if (value.kind == Edn::Kind::tagged) {
    out += tag_prefix(value);
    return write_edn(out, value.items.front());
  }
  out += open_bracket(value.kind);
  if (value.kind == Edn::Kind::map) {
    for (std::size_t i = 0; i < value.entries.size(); ++i) {
      if (i > 0) out += ", ";
      write_edn(out, value.entries[i].key);
      out += ' ';
      write_edn(out, value.entries[i].value);
    }
  } else {
    for (std::size_t i = 0; i < value.items.size(); ++i) {
      if (i > 0) out += ' ';
      write_edn(out, value.items[i]);
    }
  }
  out += close_bracket(value.kind);
}

// column: where the value starts on the current line.
void write_pretty(std::string& out, const Edn& value, std::size_t column, std::size_t width) {
  std::string flat = to_edn(value);
  if (!is_collection(value) || column + flat.size() <= width) {
    out += flat;
    return;
  }
  if (value.kind == Edn::Kind::tagged) {
    const std::string prefix = tag_prefix(value);
    out += prefix;
    return write_pretty(out, value.items.front(), column + prefix.size(), width);
  }
  const std::string open = open_bracket(value.kind);
  std::string indent(column + open.size() + 1, ' ');  // a newline, then the alignment
  indent.front() = '\n';
  out += open;
  if (value.kind == Edn::Kind::map) {
    for (std::size_t i = 0; i < value.entries.size(); ++i) {
      if (i > 0) (out += ',') += indent;
      const std::string key = to_edn(value.entries[i].key);
      (out += key) += ' ';
      write_pretty(out, value.entries[i].value, column + open.size() + key.size() + 1, width);
    }
  } else {
    for (std::size_t i = 0; i < value.items.size(); ++i) {
      if (i > 0) out += indent;
      write_pretty(out, value.items[i], column + open.size(), width);
    }
  }
  out += close_bracket(value.kind);
}

void write_json_string(std::string& out, const std::string& text) {
  core::append_json_string(out, text);
}

void write_json_key(std::string& out, const Edn& key) {
  switch (key.kind) {
    case Edn::Kind::string:
    case Edn::Kind::keyword:
    case Edn::Kind::symbol:
    case Edn::Kind::character:
      return write_json_string(out, key.text);
    default:
      return write_json_string(out, to_edn(key));
  }
}

void write_json(std::string& out, const Edn& value) {
  switch (value.kind) {
    case Edn::Kind::nil:
      out += "null";
      return;
    case Edn::Kind::floating:
      if (!std::isfinite(value.floating)) {
        out += "null";  // JSON has no NaN or infinity
        return;
      }
      return write_scalar_edn(out, value);
    case Edn::Kind::boolean:
    case Edn::Kind::integer:
      return write_scalar_edn(out, value);
    case Edn::Kind::string:
    case Edn::Kind::keyword:
    case Edn::Kind::symbol:
    case Edn::Kind::character:
      return write_json_string(out, value.text);
    case Edn::Kind::tagged:
      return write_json(out, value.items.front());
    case Edn::Kind::map:
      out += '{';
      for (std::size_t i = 0; i < value.entries.size(); ++i) {
        if (i > 0) out += ',';
        write_json_key(out, value.entries[i].key);
        out += ':';
        write_json(out, value.entries[i].value);
      }
      out += '}';
      return;
    default:  // vector, list, set
      out += '[';
      for (std::size_t i = 0; i < value.items.size(); ++i) {
        if (i > 0) out += ',';
        write_json(out, value.items[i]);
      }
      out += ']';
      return;
  }
}

}  // namespace

std::string to_edn(const Edn& value) {
  std::string out;
  write_edn(out, value);
  return out;
}

std::string to_edn_pretty(const Edn& value, std::size_t width) {
  std::string out;
  write_pretty(out, value, 0, width);
  return out;
}

std::string to_json(const Edn& value) {
  std::string out;
  write_json(out, value);
  return out;
}

}  // namespace rumor::replay::history
