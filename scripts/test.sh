#!/usr/bin/env bash
# The whole test suite: the README's test command, and what .ci/run runs.
#   1. Prepares the machine when it cannot run the lab (no Docker engine answering, no debian:bookworm base image,
#      no chromium for the drill report's test, no package cache): scripts/lab-host-setup.sh, idempotent, root.
#   2. The unit tier (everything not tagged "lab"), alone; a failure stops the run there.
#   3. The lab tier (JUnit tag "lab") in lanes that run at once, each a Maven run of its own on a lab of its own
#      (PGHA_LAB_NAME / PGHA_LAB_SUBNET): the lanes below are the one place that says which class runs where.
#   4. Each lab class's time, each lane's, and the closing count.
# Extra arguments go to every Maven run, e.g. scripts/test.sh -Dtest=LabTest (then the lab tier runs that class in
# lane 1 only). PGHA_TEST_LANES=1 runs every lab class in one lane, one after the other.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

log() { printf '[test] %s\n' "$*" >&2; }

# The lab classes' lanes, about even in time (2026-12-07: 742, 633, 620 and 360 s). Drills measure seconds, so the
# drill lanes run at the normal CPU weight and the lane that compiles PostgreSQL and installs packages at a quarter of it (PGHA_LAB_CPU_SHARES: Docker's cpu-shares for
# that lab's nodes), so that a neighbour's compile does not slow a failover it is timing.
LANE_CLASSES=(
  "PackageClusterLabTest"
  "WitnessLabTest,SyncReplicationLabTest"
  "!PackageClusterLabTest,!WitnessLabTest,!SyncReplicationLabTest,!PowerFencingLabTest"
  "PowerFencingLabTest"
)
LANE_SHARES=(1024 1024 256 1024)

if ! docker info >/dev/null 2>&1 || ! docker image inspect debian:bookworm >/dev/null 2>&1 || ! command -v chromium >/dev/null 2>&1; then
  log "Docker engine, debian:bookworm or chromium missing: running scripts/lab-host-setup.sh"
  if [ "$(id -u)" -eq 0 ]; then
    scripts/lab-host-setup.sh
  elif command -v sudo >/dev/null 2>&1; then
    sudo -n scripts/lab-host-setup.sh || { log "scripts/lab-host-setup.sh needs root: run it as root once, then retry"; exit 1; }
  else
    log "scripts/lab-host-setup.sh needs root: run it as root once, then retry"; exit 1
  fi
fi

t0=$(date +%s)
reports=target/surefire-reports
rm -rf "$reports"

# 1. The unit tier: compiles, then every test not tagged "lab".
unit=0
mvn -B test -DexcludedGroups=lab -Dsurefire.failIfNoSpecifiedTests=false "$@" || unit=$?
log "unit tier finished in $(( $(date +%s) - t0 )) s with exit code $unit"
if [ "$unit" -ne 0 ]; then
  log "the unit tier failed: the lab tier does not run"
  exit "$unit"
fi

# 2. The lab tier, its lanes at once (surefire:test only: the classes are compiled).
lanes=${#LANE_CLASSES[@]}
if [ "$#" -gt 0 ] || [ "${PGHA_TEST_LANES:-}" = 1 ]; then LANE_CLASSES=(""); LANE_SHARES=(1024); lanes=1; fi
mkdir -p target/lanes
pids=()
for i in $(seq 1 "$lanes"); do
  classes=${LANE_CLASSES[$((i - 1))]}
  (
    export PGHA_LAB_NAME="pgha-test-$i" PGHA_LAB_SUBNET="172.30.$((110 + i))" PGHA_LAB_CPU_SHARES="${LANE_SHARES[$((i - 1))]}"
    start=$(date +%s)
    set +e
    mvn -B surefire:test -Dgroups=lab -DexcludedGroups= ${classes:+"-Dtest=$classes"} -Dsurefire.failIfNoSpecifiedTests=false "$@" \
      2>&1 | sed -u "s/^/[lane $i] /"
    rc=$?
    echo "$rc $(( $(date +%s) - start ))" > "target/lanes/$i"
  ) &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || true; done

# 3. What each lane and each lab class took, and the count over both tiers.
status=0
for i in $(seq 1 "$lanes"); do
  read -r rc took < "target/lanes/$i" || { rc=1; took=?; }
  log "lane $i (lab pgha-test-$i: ${LANE_CLASSES[$((i - 1))]:-every lab class}) finished in $took s with exit code $rc"
  [ "$rc" -eq 0 ] || status=$rc
done
scripts/test-times.sh "$reports" >&2 || true
log "whole suite: $(( $(date +%s) - t0 )) s"
scripts/test-times.sh --count "$reports"
exit "$status"
