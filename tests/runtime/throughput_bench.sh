#!/usr/bin/env bash
# Throughput benchmark (not a test): pipes a recorded Maelstrom stream through rumor-node on one
# core and prints messages per second and peak memory.
#
# usage: tests/runtime/throughput_bench.sh RUMOR_NODE [STREAM_GENERATOR] [-- GENERATOR FLAGS...]
#   RUMOR_NODE        e.g. build/runtime/rumor-node
#   STREAM_GENERATOR  default: rumor-bench-stream beside RUMOR_NODE's build tree
#                     (build/tests/runtime/rumor-bench-stream)
#   GENERATOR FLAGS   see tests/runtime/bench_stream.cpp (default: 1,000,000 lines, 25 nodes,
#                     30% client broadcasts, one read per 100,000 lines, the rest peer gossip)
# Env: PROFILE (default "default"), RUNS (default 3; the best run is reported),
#      CPU (pin rumor-node to this core with taskset; default: not pinned),
#      NODE_ARGS (extra rumor-node arguments, e.g. "--no-capture"; default none).
# stderr (with capture on: the trace, about as many bytes as stdin plus stdout) goes to a file.
# Two rates are printed: by elapsed time, and by CPU time (user + sys), which is the figure to
# trust on a machine shared with other work (the node is single-threaded, so CPU time is its cost).
set -euo pipefail

if [[ $# -lt 1 || "$1" == "--help" ]]; then
  sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
node="$(realpath "$1")"
shift
generator=""
if [[ $# -gt 0 && "$1" != "--" ]]; then
  generator="$(realpath "$1")"
  shift
fi
[[ $# -gt 0 && "$1" == "--" ]] && shift
if [[ -z "$generator" ]]; then
  generator="$(dirname "$node")/../tests/runtime/rumor-bench-stream"
fi
[[ -x "$node" ]] || { echo "no rumor-node at $node" >&2; exit 2; }
[[ -x "$generator" ]] || { echo "no stream generator at $generator (ninja rumor-bench-stream)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "needs GNU time: apt-get install time" >&2; exit 2; }

profile="${PROFILE:-default}"
runs="${RUNS:-3}"
read -r -a node_args <<< "${NODE_ARGS:-}"
pin=()
[[ -n "${CPU:-}" ]] && pin=(taskset -c "$CPU")

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
stream="$work/stream.jsonl"
"$generator" "$@" > "$stream"
lines=$(wc -l < "$stream")
bytes=$(stat -c %s "$stream")
echo "stream: $lines lines, $((bytes / 1024 / 1024)) MiB ($(grep -c '"type":"broadcast"' "$stream") broadcasts," \
  "$(grep -c '"type":"read"' "$stream") reads, $(grep -c '"type":"gossip"' "$stream") gossip)"

# One run to count what the node writes; its timing is not used.
out_lines=$("$node" "$profile" "${node_args[@]}" < "$stream" 2>/dev/null | wc -l)
echo "rumor-node $profile wrote $out_lines lines"

best_seconds=""
best_cpu=""
best_rss_kib=0  # the largest peak over the runs
for ((run = 1; run <= runs; run++)); do
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" "${pin[@]}" "$node" "$profile" "${node_args[@]}" \
    < "$stream" > /dev/null 2> "$work/stderr"
  read -r elapsed user system rss_kib < "$work/time"
  cpu=$(awk -v u="$user" -v s="$system" 'BEGIN { printf "%.2f", u + s }')
  rate=$(awk -v n="$lines" -v s="$elapsed" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')
  cpu_rate=$(awk -v n="$lines" -v s="$cpu" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')
  echo "run $run: ${elapsed} s elapsed, $rate msgs/s; ${cpu} s CPU (user ${user}, sys ${system})," \
    "$cpu_rate msgs/s per CPU-second; peak RSS $((rss_kib / 1024)) MiB"
  if [[ -z "$best_seconds" ]] || awk -v a="$elapsed" -v b="$best_seconds" 'BEGIN { exit !(a < b) }'; then
    best_seconds="$elapsed"
  fi
  if [[ -z "$best_cpu" ]] || awk -v a="$cpu" -v b="$best_cpu" 'BEGIN { exit !(a < b) }'; then
    best_cpu="$cpu"
  fi
  ((rss_kib > best_rss_kib)) && best_rss_kib="$rss_kib"
done
if [[ -s "$work/stderr" ]]; then
  echo "stderr of the last run ($(wc -l < "$work/stderr") lines), first lines:"
  head -3 "$work/stderr" | cut -c1-200
fi
rate=$(awk -v n="$lines" -v s="$best_seconds" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')
cpu_rate=$(awk -v n="$lines" -v s="$best_cpu" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')
echo "best: $rate messages/s by elapsed time ($best_seconds s), $cpu_rate messages/s per CPU-second" \
  "($best_cpu s), peak RSS $((best_rss_kib / 1024)) MiB, $lines input lines"
