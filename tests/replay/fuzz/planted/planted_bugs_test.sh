#!/usr/bin/env bash
# The fuzzer must find every planted bug: for each `rumor` built against a core with one planted
# bug (planted/<bug>.patch), run `rumor fuzz --seeds 500 --jobs 2`, and require a non-zero exit
# (1 safety or 2 liveness), a shrunk trace, and that the trace replays to the same exit.
# usage: planted_bugs_test.sh WORK_DIR RUMOR...      (meson test --suite planted runs it)
set -uo pipefail
work=$1
shift
mkdir -p "$work"
failed=0
for rumor in "$@"; do
  bug=$(basename "$rumor")
  bug=${bug#rumor_planted_}
  traces="$work/traces-$bug"
  rm -rf "$traces"
  "$rumor" fuzz --seeds 500 --jobs 2 --schedule-dir "$traces" >"$work/$bug.log" 2>&1
  status=$?
  if [ "$status" -ne 1 ] && [ "$status" -ne 2 ]; then
    echo "FAIL $bug: rumor fuzz --seeds 500 exited $status (want 1 or 2); log: $work/$bug.log"
    failed=1
    continue
  fi
  trace=$(ls "$traces"/*.schedule 2>/dev/null | head -n 1)
  if [ -z "$trace" ]; then
    echo "FAIL $bug: no shrunk trace in $traces"
    failed=1
    continue
  fi
  "$rumor" fuzz --replay "$trace" >"$work/$bug.replay.log" 2>&1
  replay_status=$?
  if [ "$replay_status" -ne "$status" ]; then
    echo "FAIL $bug: the trace replays with exit $replay_status, the campaign exited $status"
    failed=1
    continue
  fi
  echo "ok $bug: exit $status; $(grep -m1 '^FAIL seed' "$work/$bug.log" | cut -c1-60)...;" \
       "$(grep -m1 '^shrunk' "$work/$bug.log")"
done
exit $failed
