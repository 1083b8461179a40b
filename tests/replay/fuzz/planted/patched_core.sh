#!/usr/bin/env bash
# Copies core/ to a scratch directory, applies one planted bug's patch to the copy, and writes the
# patched sources named on the command line as OUT_DIR/PREFIX<name> for the build to compile with
# the core's other, untouched objects. The shipped core stays clean: it never names a planted bug.
# usage: patched_core.sh CORE_DIR PATCH OUT_DIR PREFIX NAME...
set -euo pipefail
core_dir=$1
patch_file=$2
out_dir=$3
prefix=$4
shift 4
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir "$scratch/core"
cp "$core_dir"/*.cpp "$core_dir"/*.hpp "$scratch/core/"
patch --batch --forward --quiet --no-backup-if-mismatch -p1 -d "$scratch" <"$patch_file"
# Every file the patch changed must be one the build compiles from the copy (named here): a
# changed header, or a source left out, would be silently built from the clean core.
for copy in "$scratch"/core/*; do
  name=$(basename "$copy")
  if ! cmp -s "$copy" "$core_dir/$name" && [[ " $* " != *" $name "* ]]; then
    echo "$patch_file changes core/$name, which the build does not take from the patched copy" >&2
    exit 1
  fi
done
for name in "$@"; do
  cp "$scratch/core/$name" "$out_dir/$prefix$name"
done
