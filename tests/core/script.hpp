// Data-driven scripts for the core, as etcd raft's testdata/: a script is a list of inputs in
// the node trace's format (README.md, "Trace format") with the outputs they must produce written
// inline below each input. Running a script feeds every input through the real decode ->
// core::step -> encode path and renders the script again with the actual outputs in place; the
// script passes when that rendering equals the file byte for byte.
//
//   # text                        a comment (also a blank line); kept as written
//   #node <profile> <seed>        a fresh node state (every script starts with one)
//   #in <now_ms> <json line>      one received line, exactly as on stdin
//   #tick <now_ms>                one tick
//   #ticks <from> <to> <every>    a tick every `every` ms from `from` to `to` inclusive
//   #state                        what the node holds now (self, ids, values)
//
// Generated below an input, in this order (never written by hand; --rewrite writes them):
//   #at <now_ms>                  in a #ticks run: the tick the following lines come from
//   #skip <reason>                the line did not decode (the node would log and skip it)
//   #log <text>                   one of the core's log lines
//   #out <json>                   one output message, as the node writes it to stdout
//   #= <summary>                  the answer to #state
#pragma once

#include <string>
#include <string_view>

namespace rumor::core::testing {

// Thrown for a script that cannot run (unknown directive, bad number, input before #node).
struct ScriptError {
  std::string what;
};

// The script's text with every generated line replaced by what the inputs produce now.
std::string run_script(std::string_view script);

// Lines of `expected` and `actual` as a unified-style diff ("-" expected, "+" actual, " " both),
// each changed run with up to two lines of context; empty when they are equal.
std::string line_diff(std::string_view expected, std::string_view actual);

}  // namespace rumor::core::testing
