// Reading and writing Jepsen histories in Maelstrom's file formats (Maelstrom's doc/results.md):
// history.edn (one EDN map per line) and history.txt (tab separated, for people).
#pragma once

#include <iosfwd>
#include <string>

#include "replay/history/edn.hpp"
#include "replay/history/op.hpp"

namespace rumor::replay::history {

// Reads history.edn. Throws std::runtime_error "FILE:LINE[:COLUMN]: reason" (1-based) when a
// line is not an EDN map or lacks a well-typed :type, :process, :f or :time. Blank lines are
// skipped; a missing :index defaults to the op's position in the file.
History read_history_edn(const std::string& path);
// Same, from a stream; source_name stands for the file in error messages.
History read_history_edn(std::istream& in, const std::string& source_name);

// One op from one parsed line; throws std::runtime_error (without position) on a bad shape.
Op op_from_edn(const Edn& map, std::int64_t default_index);
// The op as Jepsen prints it: :index :time :type :process :f :value, then :final?, the extra
// keys, then :error. With as_record, wrapped as #jepsen.history.Op{...} (as in results.edn).
Edn op_to_edn(const Op& op, bool as_record = false);
// The same single line write_history_edn writes, without the newline; raw texts go in verbatim.
std::string op_to_edn_line(const Op& op);

// Writes one line per op such that read_history_edn gives back an equal History.
void write_history_edn(const History& history, std::ostream& out);
// history.txt: process TAB type TAB f TAB value [TAB error], e.g.
// "3\t:info\t:broadcast\t17\t:net-timeout".
void write_history_txt(const History& history, std::ostream& out);

std::string op_type_name(OpType type);           // "invoke", "ok", "fail", "info"
std::string op_value_edn(const OpValue& value);  // "nil", "5", "[1 2 3]" or the raw text

}  // namespace rumor::replay::history
