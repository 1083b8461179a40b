#!/usr/bin/env bash
# `rumor model` must find a planted bug (tests/replay/fuzz/planted/): run the bug's `rumor` on a
# small configuration, require a violation whose path holds no more schedule events (client
# broadcasts and faults; deliveries and timers are the network's and the nodes' own doing) than
# the fuzzer's shrunk schedule, then re-run the path with `rumor fuzz --replay` and require the
# same verdict and a message journal. Twice: without a delay bound, and with `--message-wakes 1`
# (every message delivered or lost within one wake-up: the bug must still be found, and a path
# under the bound must replay).
# usage: planted_model_test.sh RUMOR_EXE MAX_EVENTS OUT_DIR
set -euo pipefail
rumor=$1
max_events=$2
out=$3
rm -rf "$out"

# usage: search DIR [EXTRA MODEL FLAGS...]
search() {
  local dir=$1
  shift
  mkdir -p "$dir"
  cd "$dir"
  set +e
  "$rumor" model --nodes 2 --values 2 --drops 1 "$@" --json --out . >result.json
  local code=$?
  set -e
  cat result.json
  if [[ $code != 1 && $code != 2 ]]; then
    echo "expected a violation (exit 1 or 2), got exit $code" >&2
    exit 1
  fi
  local path events steps replayed
  path=$(grep -o '"path_file":"[^"]*"' result.json | cut -d'"' -f4)
  events=$(grep -cE '^(broadcast|drop|duplicate|partition) ' "$path" || true)
  steps=$(grep -cE '^[a-z]+ [0-9]+$' "$path" || true)
  echo "path $path: $steps transitions, $events schedule events (at most $max_events)"
  if ((events > max_events)); then
    echo "the counterexample is longer than the fuzzer's shrunk schedule" >&2
    exit 1
  fi
  set +e
  "$rumor" fuzz --replay "$path"
  replayed=$?
  set -e
  if [[ $replayed != "$code" ]]; then
    echo "rumor fuzz --replay exited $replayed, the search $code" >&2
    exit 1
  fi
  test -s "store/fuzz/$(basename "$path" .path)/journal.jsonl"
  cd - >/dev/null
}

search "$out/unbounded"
search "$out/message-wakes-1" --message-wakes 1
grep -q '^config .* message-wakes=1$' "$out"/message-wakes-1/rumor-model-*.path
