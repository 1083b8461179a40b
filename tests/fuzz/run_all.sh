#!/usr/bin/env bash
# Runs every libFuzzer target built in BUILD_DIR/tests/fuzz (meson setup -Dfuzzing=true with
# CXX=clang++) for a bounded time each, starting from its committed corpus
# (tests/fuzz/corpus/<target>/, every input of which runs first). New inputs go to a scratch
# folder, never into the repository. A crash, leak, sanitizer report or timeout fails the target
# and leaves the input under BUILD_DIR/fuzz-artifacts/<target>/; copy it into the corpus and
# add a unit test once it is fixed.
#
# usage: tests/fuzz/run_all.sh BUILD_DIR [SECONDS_PER_TARGET]   (default 30)
# Prints one line per target, then "fuzz: N passed, M failed"; exits non-zero if any failed.
set -uo pipefail

if [[ $# -lt 1 || "$1" == "--help" ]]; then
  sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
build="$(realpath "$1")"
seconds="${2:-30}"
source_dir="$(cd "$(dirname "$0")" && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

passed=0
failed=0
shopt -s nullglob
targets=("$build"/tests/fuzz/*_fuzz)
if [[ ${#targets[@]} -eq 0 ]]; then
  echo "no fuzz targets in $build/tests/fuzz (configure with -Dfuzzing=true and CXX=clang++)"
  echo "fuzz: 0 passed, 1 failed"
  exit 1
fi
for target in "${targets[@]}"; do
  name="$(basename "$target")"
  corpus="$source_dir/corpus/$name"
  artifacts="$build/fuzz-artifacts/$name"
  mkdir -p "$scratch/$name" "$artifacts"
  log="$artifacts/fuzz.log"
  if "$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
       -artifact_prefix="$artifacts/" "$scratch/$name" "$corpus" >"$log" 2>&1; then
    runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')"
    echo "fuzz $name: ok, ${runs:-?} runs in ${seconds}s"
    passed=$((passed + 1))
  else
    echo "fuzz $name: FAILED (log and input in $artifacts)"
    grep -E "ERROR|SUMMARY|_fuzz: |Test unit written" "$log" | head -n 10 | sed 's/^/  /'
    failed=$((failed + 1))
  fi
done
echo "fuzz: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
