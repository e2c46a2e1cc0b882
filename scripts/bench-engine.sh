#!/usr/bin/env bash
# Benchmark: wall time of a playbook of N `command: "true"` tasks on both lab nodes, and the
# per-task overhead. Runs 1 task and N tasks, so JVM start, SSH connection setup and fact
# gathering cancel out: per task = (t_N - t_1) / (N - 1). Hosts run in parallel, so that figure is
# also the per-task cost on each host. Target (issue 2): under 20 ms per task per host.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100}
inv=.lab/${PGHA_LAB_NAME:-pgha-lab}   # the inventory `pgha lab up` writes
REPEAT=${REPEAT:-3}
./pgha lab up >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

gen() { # gen COUNT FILE
  { echo "- hosts: all"; echo "  gather_facts: false"; echo "  tasks:"
    for i in $(seq 1 "$1"); do echo "    - name: true $i"; echo "      command: \"true\""; done; } >"$2"
}
gen 1 "$work/one.yml"
gen "$N" "$work/many.yml"

ms() { local s e; s=$(date +%s%N); ./pgha play "$1" -i "$inv" --json >/dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }

# measure LABEL: best of REPEAT runs of the 1-task and the N-task playbook (the lab inventory uses become)
measure() {
  ms "$work/one.yml" >/dev/null   # warm the page cache and the lab
  local best_one=999999 best_many=999999 a b
  for _ in $(seq 1 "$REPEAT"); do
    a=$(ms "$work/one.yml");  [ "$a" -lt "$best_one" ] && best_one=$a
    b=$(ms "$work/many.yml"); [ "$b" -lt "$best_many" ] && best_many=$b
  done
  local per_task
  per_task=$(awk -v m="$best_many" -v o="$best_one" -v n="$N" 'BEGIN { printf "%.1f", (m - o) / (n - 1) }')
  echo "$1: playbook of $N command tasks on db06+db07 (best of $REPEAT): wall ${best_many} ms (1-task run: ${best_one} ms)"
  echo "$1: per-task overhead ${per_task} ms per task per host (hosts in parallel; target < 20 ms)"
}

measure "become, one sudo shell per user (default)"
export PGHA_BECOME_SHELL=off
measure "become, sudo per command (PGHA_BECOME_SHELL=off)"
