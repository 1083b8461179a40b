#!/usr/bin/env bash
# Installs what rumor needs from Debian's packages (only what is missing), then configures and
# builds it in build/. Extra arguments go to `meson setup` (e.g. -Dwerror=true).
set -euo pipefail
cd "$(dirname "$0")"

packages=(g++ meson ninja-build pkg-config cmake rapidjson-dev libgtest-dev librapidcheck-dev libcli11-dev
          python3 perl time chromium jq patch)
# clang and its runtime (libFuzzer, sanitizers): the fuzz targets of tests/fuzz, which CI runs.
packages+=(clang libclang-rt-14-dev)
# GNU parallel: the README's recipe for running `rumor fuzz --shard K/N` across machines, which
# tests/replay/fuzz/parallel_shards_test.sh runs locally (required under CI).
packages+=(parallel)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ -d build ]; then
  meson setup --reconfigure build "$@" >/dev/null
else
  meson setup build "$@" >/dev/null
fi
ninja -C build
