#!/usr/bin/env bash
# Memory benchmark (not a test): peak RSS of `rumor check` against the size of the history.edn it
# reads, for generated histories and for real Maelstrom runs. The goal (issue 9) is at most 20x.
#
# usage: tests/replay/history/check_rss_bench.sh RUMOR [TRACES_DIR]
#   RUMOR       e.g. build/replay/rumor
#   TRACES_DIR  real runs (default ../shared/traces/maelstrom); the 3 largest histories are used
# Generated shapes, each about 30 MB: "wide" is one read returning 4,000,000 distinct values on a
# single line; "digits" one read of 15,000,000 single-digit values (the densest integers);
# "nils" one read of 7,500,000 nils (not integers); "nested" one read of 10,000,000 empty
# vectors; "run" a Maelstrom-like history: 20,000 broadcasts, every 40th followed by a read of
# every value so far (reads grow like a real run's).
set -euo pipefail

if [[ $# -lt 1 || "$1" == "--help" ]]; then
  sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
rumor="$(realpath "$1")"
traces="${2:-$(dirname "$0")/../../../../shared/traces/maelstrom}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

generate_wide() {
  python3 - "$1" <<'PY'
import sys
n = 4_000_000
with open(sys.argv[1], "w") as out:
    out.write("{:index 0, :time 0, :type :invoke, :process 0, :f :broadcast, :value 0}\n")
    out.write("{:index 1, :time 1, :type :ok, :process 0, :f :broadcast, :value 0}\n")
    out.write("{:index 2, :time 2, :type :invoke, :process 1, :f :read, :value nil}\n")
    out.write("{:index 3, :time 3, :type :ok, :process 1, :f :read, :value [")
    out.write(" ".join(str(v) for v in range(n)))
    out.write("]}\n")
PY
}

generate_one_read() {  # file item count
  python3 - "$1" "$2" "$3" <<'PY'
import sys
path, item, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(path, "w") as out:
    out.write("{:index 0, :time 0, :type :invoke, :process 0, :f :broadcast, :value 0}\n")
    out.write("{:index 1, :time 1, :type :ok, :process 0, :f :broadcast, :value 0}\n")
    out.write("{:index 2, :time 2, :type :invoke, :process 1, :f :read, :value nil}\n")
    out.write("{:index 3, :time 3, :type :ok, :process 1, :f :read, :value [")
    chunk = (item + " ") * 100000
    for _ in range(count // 100000):
        out.write(chunk)
    out.write("0]}\n")
PY
}

generate_run() {
  python3 - "$1" <<'PY'
import sys
values, index, t = 20_000, 0, 0
with open(sys.argv[1], "w") as out:
    def op(kind, process, f, value):
        global index, t
        out.write("{:index %d, :time %d, :type :%s, :process %d, :f :%s, :value %s}\n"
                  % (index, t, kind, process, f, value))
        index += 1
        t += 1_000_000
    for v in range(values):
        op("invoke", v % 25, "broadcast", v)
        op("ok", v % 25, "broadcast", v)
        if v % 40 == 0:
            op("invoke", (v + 1) % 25, "read", "nil")
            op("ok", (v + 1) % 25, "read", "[" + " ".join(map(str, range(v + 1))) + "]")
PY
}

measure() {  # name dir
  local size rss_kb
  size=$(stat -c %s "$2/history.edn")
  /usr/bin/time -v "$rumor" check "$2" >/dev/null 2>"$work/time.txt" || true
  rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
  awk -v name="$1" -v size="$size" -v rss="$rss_kb" 'BEGIN {
    printf "%-34s history %8.1f MB  peak RSS %8.1f MB  %6.1f x\n",
           name, size / 1e6, rss * 1024 / 1e6, rss * 1024 / size }'
}

mkdir -p "$work/wide" "$work/digits" "$work/nils" "$work/nested" "$work/run"
generate_wide "$work/wide/history.edn"
measure "generated: wide (4M values)" "$work/wide"
generate_one_read "$work/digits/history.edn" 0 15000000
measure "generated: digits (15M x '0')" "$work/digits"
rm -rf "$work/wide" "$work/digits"
generate_one_read "$work/nils/history.edn" nil 7500000
measure "generated: nils (7.5M x nil)" "$work/nils"
rm -rf "$work/nils"
generate_one_read "$work/nested/history.edn" "[]" 10000000
measure "generated: nested (10M x [])" "$work/nested"
rm -rf "$work/nested"
generate_run "$work/run/history.edn"
measure "generated: run (20000 values)" "$work/run"
if [[ -d "$traces" ]]; then
  find "$traces" -name history.edn -printf '%s %h\n' | sort -rn | head -3 |
    while read -r _ dir; do measure "real: $(basename "$(dirname "$dir")")" "$dir"; done
fi
