#!/bin/sh
# A Maelstrom broadcast node that breaks one of Maelstrom's rules on purpose, for the process-mode
# tests of `rumor test --bin` (Maelstrom's doc/protocol.md). It answers init, topology, broadcast and read; then,
# by MODE (its first argument):
#   extra-key     read_ok carries an extra body key "foo"        -> :info indeterminate
#   float-reply   broadcast_ok's in_reply_to is a float (N.0)    -> :info indeterminate
#   unknown-dest  after topology_ok, a message to n99            -> the node goes mute
#   not-json      after topology_ok, a line that is not JSON     -> the node goes mute
#   exit-early    after topology_ok, exits with status 3         -> crash report, exit 255
#   slow          answers init after 1.1 s, other requests after 50 ms -> host warnings
mode="$1"
field() { printf '%s' "$2" | sed -n "s/.*\"$1\":\"\{0,1\}\([^\",}]*\).*/\1/p"; }
while IFS= read -r line; do
  src=$(field src "$line")
  me=$(field dest "$line")
  id=$(field msg_id "$line")
  reply() { printf '{"src":"%s","dest":"%s","body":{%s,"in_reply_to":%s}}\n' "$me" "$src" "$1" "$id"; }
  if [ "$mode" = slow ]; then
    case "$line" in *'"type":"init"'*) sleep 1.1 ;; *) sleep 0.05 ;; esac
  fi
  case "$line" in
    *'"type":"init"'*) reply '"type":"init_ok"' ;;
    *'"type":"topology"'*)
      reply '"type":"topology_ok"'
      case "$mode" in
        unknown-dest) printf '{"src":"%s","dest":"n99","body":{"type":"gossip"}}\n' "$me" ;;
        not-json) echo "hello, this is not JSON" ;;
        exit-early) echo "bad_node: leaving early" >&2; exit 3 ;;
      esac ;;
    *'"type":"broadcast"'*)
      if [ "$mode" = float-reply ]; then
        printf '{"src":"%s","dest":"%s","body":{"type":"broadcast_ok","in_reply_to":%s.0}}\n' "$me" "$src" "$id"
      else
        reply '"type":"broadcast_ok"'
      fi ;;
    *'"type":"read"'*)
      if [ "$mode" = extra-key ]; then reply '"type":"read_ok","messages":[],"foo":1'; else reply '"type":"read_ok","messages":[]'; fi ;;
  esac
done
