#!/usr/bin/env bash
# Agreement benchmark (not a test): do process mode (`rumor test --bin rumor-node`, real
# processes, wall-clock time) and the embedded simulator (`rumor test`, virtual time) agree on
# rumor-node? Runs the Gossip Glomers 3b and 3d/3e configurations (3d and 3e share one command
# line) both ways with the same seed and profile, and prints servers msgs-per-op and the median
# stable latency side by side against the goals: msgs-per-op within 10%, medians within 50 ms.
# Takes real time: each process-mode run lasts its time limit plus Maelstrom's 10 s recovery.
#
# usage: tests/replay/process/agreement_bench.sh [BUILD_DIR] [PROFILE]   (default: build, default)
# Env: SEEDS (default "1"; with several seeds each side's figure is the median over the seeds:
# one run's median stable latency is noisy where a run reads few values, as 3b does),
# CONFIGS (default "3b 3d/3e"), TIME_LIMIT (default 20).
set -euo pipefail

build="$(realpath "${1:-build}")"
profile="${2:-default}"
read -r -a seeds <<< "${SEEDS:-${SEED:-1}}"
read -r -a wanted <<< "${CONFIGS:-3b 3d/3e}"
time_limit="${TIME_LIMIT:-20}"
rumor="$build/replay/rumor"
node="$build/runtime/rumor-node"
[[ -x "$rumor" && -x "$node" ]] || { echo "no rumor / rumor-node under $build" >&2; exit 2; }
command -v jq > /dev/null || { echo "needs jq" >&2; exit 2; }

configs=(
  "3b|--node-count 5 --time-limit $time_limit --rate 10"
  "3d/3e|--node-count 25 --time-limit $time_limit --rate 100 --latency 100"
)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

# Prints "msgs-per-op median-ms valid?" of one run's JSON results.
summary() {
  jq -r '[.net.servers."msgs-per-op", .workload."stable-latencies"."0.5", ."valid?"] | @tsv' "$1"
}

# The median of the numbers on stdin (one a line).
median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }

printf '%-6s %-5s %-8s %12s %12s %8s\n' config seed mode msgs-per-op median-ms valid
rows=()
for entry in "${configs[@]}"; do
  name="${entry%%|*}"
  [[ " ${wanted[*]} " == *" $name "* ]] || continue
  read -r -a flags <<< "${entry#*|}"
  : > sim.tsv
  : > proc.tsv
  for seed in "${seeds[@]}"; do
    "$rumor" test -w broadcast "${flags[@]}" --seed "$seed" --profile "$profile" --json \
      --no-store > sim.json 2> sim.err || true
    start=$(date +%s)
    "$rumor" test -w broadcast "${flags[@]}" --seed "$seed" --json --no-store \
      --bin "$node" "$profile" > proc.json 2> proc.err || true
    wall=$(($(date +%s) - start))
    read -r sim_mpo sim_median sim_valid < <(summary sim.json)
    read -r proc_mpo proc_median proc_valid < <(summary proc.json)
    printf '%s\t%s\n' "$sim_mpo" "$sim_median" >> sim.tsv
    printf '%s\t%s\n' "$proc_mpo" "$proc_median" >> proc.tsv
    printf '%-6s %-5s %-8s %12.3f %12s %8s\n' "$name" "$seed" sim "$sim_mpo" "$sim_median" "$sim_valid"
    printf '%-6s %-5s %-8s %12.3f %12s %8s   (%s s wall)\n' "$name" "$seed" process "$proc_mpo" \
      "$proc_median" "$proc_valid" "$wall"
  done
  sim_mpo=$(cut -f1 sim.tsv | median)
  proc_mpo=$(cut -f1 proc.tsv | median)
  sim_median=$(cut -f2 sim.tsv | median)
  proc_median=$(cut -f2 proc.tsv | median)
  rows+=("$name $sim_mpo $proc_mpo $sim_median $proc_median")
done

echo
echo "over ${#seeds[@]} seed(s): the median of each side's per-run figures"
printf '%-6s %18s %10s %20s %10s\n' config "msgs-per-op diff" "goal 10%" "median diff (ms)" "goal 50"
status=0
for row in "${rows[@]}"; do
  read -r name sim_mpo proc_mpo sim_median proc_median <<< "$row"
  line=$(awk -v n="$name" -v a="$sim_mpo" -v b="$proc_mpo" -v c="$sim_median" -v d="$proc_median" '
    BEGIN {
      rel = (a > 0 ? (b - a) / a * 100 : 0); if (rel < 0) rel = -rel;
      diff = d - c; if (diff < 0) diff = -diff;
      printf "%-6s %17.1f%% %10s %20d %10s", n, rel, (rel <= 10 ? "met" : "MISSED"), diff, (diff <= 50 ? "met" : "MISSED");
      exit (rel <= 10 && diff <= 50) ? 0 : 1
    }') || status=1
  echo "$line"
done
exit "$status"
