#!/usr/bin/env bash
# The fuzzer must find every planted bug (meson option planted_bug): for each value, configure a
# build of the core and `rumor` with the bug, run `rumor fuzz --seeds 500`, and require a non-zero
# exit (1 safety or 2 liveness), a shrunk trace, and that the trace replays to the same exit.
# usage: planted_bugs_test.sh SOURCE_ROOT WORK_DIR      (meson test --suite planted runs it)
set -uo pipefail
source_root=$1
work=$2
mkdir -p "$work"
failed=0
for bug in no_retransmit early_ack forget_after_pause skip_last_value; do
  build="$work/build-$bug"
  if [ -d "$build/meson-private" ]; then
    meson setup --reconfigure "$build" "$source_root" -Dplanted_bug="$bug" >/dev/null
  else
    meson setup "$build" "$source_root" -Dplanted_bug="$bug" >/dev/null
  fi || { echo "FAIL $bug: meson setup"; failed=1; continue; }
  ninja -C "$build" replay/rumor >/dev/null || { echo "FAIL $bug: build"; failed=1; continue; }
  rumor="$build/replay/rumor"
  traces="$work/traces-$bug"
  rm -rf "$traces"
  "$rumor" fuzz --seeds 500 --trace-dir "$traces" >"$work/$bug.log" 2>&1
  status=$?
  if [ "$status" -ne 1 ] && [ "$status" -ne 2 ]; then
    echo "FAIL $bug: rumor fuzz --seeds 500 exited $status (want 1 or 2); log: $work/$bug.log"
    failed=1
    continue
  fi
  trace=$(ls "$traces"/*.trace 2>/dev/null | head -n 1)
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
