#!/usr/bin/env bash
# The README's recipe for running a campaign's shards with GNU parallel, on this machine (-S :
# stands for the local computer; across machines the README adds --sshloginfile, --basefile and
# --return): two shards merged by `rumor merge` give the digest and runs of one unsharded run,
# and, with a planted bug's rumor, its failures and exit code.
# Skipped (77) where GNU parallel is not installed, except under CI, where setup.sh installs it.
# usage: parallel_shards_test.sh RUMOR WORK_DIR PLANTED_BUG_RUMOR
set -euo pipefail
rumor=$1
work=$2
planted_rumor=$3
if ! parallel --version 2>/dev/null | grep -q "GNU parallel"; then
  [ -n "${CI:-}" ] && { echo "GNU parallel is missing (setup.sh installs it)"; exit 1; }
  echo "GNU parallel is not installed: skipped"
  exit 77
fi
rm -rf "$work"
mkdir -p "$work"
cd "$work"
# run_shards RUMOR EXPECTED_EXIT FUZZ_FLAGS...: one unsharded run, two shards through GNU
# parallel, their merge; the merge must report what the unsharded run did.
run_shards() {
  local rumor=$1 expected_exit=$2
  shift 2
  local campaign=("$@")
  rm -f ./*.json ./*.log
  local exit=0
  "$rumor" fuzz "${campaign[@]}" --json > whole.json 2> whole.log || exit=$?
  [ "$exit" = "$expected_exit" ] || { echo "rumor fuzz exited $exit, not $expected_exit"; exit 1; }
  # parallel exits with the number of failed jobs: a shard that finds a bug exits 1 or 2.
  parallel --will-cite -S : -j 2 "$rumor" fuzz "${campaign[@]}" --shard {}/2 \
    --result shard-{}.json '>' shard-{}.log '2>&1' ::: 1 2 || true
  exit=0
  "$rumor" merge shard-*.json --json > merged.json || exit=$?
  [ "$exit" = "$expected_exit" ] || { echo "rumor merge exited $exit, not $expected_exit"; exit 1; }
  "$rumor" merge shard-*.json | tail -3 || true
  # The merged result's figures against the unsharded run's (jq: setup.sh installs it).
  for field in runs events digest options failures first_failure.seed; do
    local whole merged
    whole=$(jq -c ".$field" whole.json)
    merged=$(jq -c ".result.$field" merged.json)
    if [ "$whole" != "$merged" ]; then
      echo "merged $field $merged differs from the unsharded run's $whole"
      exit 1
    fi
  done
  [ "$(jq .runs whole.json)" = 30 ] || { echo "the unsharded run did not run 30 seeds"; exit 1; }
}

run_shards "$rumor" 0 --seeds 30 --seed-start 7 --nodes 2..5
echo "two shards via GNU parallel merge into the unsharded result"
exit=0
"$planted_rumor" fuzz --seeds 30 --nodes 2..5 --keep-going --shrink-budget 0 > /dev/null 2>&1 ||
  exit=$?
[ "$exit" = 1 ] || [ "$exit" = 2 ] || { echo "the planted bug's rumor exited $exit"; exit 1; }
run_shards "$planted_rumor" "$exit" --seeds 30 --nodes 2..5 --keep-going --shrink-budget 0
[ "$(jq '.result.failures | length' merged.json)" -gt 0 ] || { echo "no failures"; exit 1; }
echo "and so do their failures on a planted bug ($(jq '.result.failures | length' merged.json))"
