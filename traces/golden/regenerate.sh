#!/usr/bin/env bash
# Recaptures the golden traces: small `rumor test --bin rumor-node` runs (process mode, real
# pipes, wall-clock time) whose node logs carry full rumor traces. tests/replay/trace/golden_test
# requires `rumor replay` to reproduce each byte for byte, so when the core's behaviour changes on
# purpose these stop reproducing by design: run this (about 15 s per run), check the results are
# still valid, and commit the new files.
#
# usage: traces/golden/regenerate.sh [BUILD_DIR]   (default: build; needs rumor and rumor-node)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
build="$(realpath "${1:-$here/../../build}")"
rumor="$build/replay/rumor"
node="$build/runtime/rumor-node"
[[ -x "$rumor" && -x "$node" ]] || { echo "no rumor / rumor-node under $build (ninja first)" >&2; exit 2; }

# name, then the `rumor test` flags. The nodes record every output: RUMOR_CAPTURE=full (flags
# after --bin PATH belong to rumor test, as with Maelstrom; only positional arguments reach the
# node, here its profile).
runs=(
  "basic-3|--node-count 3 --time-limit 3 --rate 10"
  "partition-3|--node-count 3 --time-limit 3 --rate 10 --latency 20 --nemesis partition --nemesis-interval 1"
  "line-4|--node-count 4 --time-limit 2 --rate 10 --latency 10 --topology line"
)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for entry in "${runs[@]}"; do
  name="${entry%%|*}"
  read -r -a flags <<< "${entry#*|}"
  echo "== $name: rumor test -w broadcast ${flags[*]} --bin rumor-node default"
  (cd "$work" && RUMOR_CAPTURE=full "$rumor" test -w broadcast "${flags[@]}" --seed 1 \
      --bin "$node" default > "$work/$name.out")
  run="$(readlink -f "$work/store/latest")"
  rm -rf "${here:?}/$name"
  mkdir -p "$here/$name"
  cp -r "$run/history.edn" "$run/results.edn" "$run/node-logs" "$here/$name/"
  tail -1 "$work/$name.out"
  "$rumor" replay "$here/$name" > /dev/null  # must reproduce at once
done
du -sh "$here"
