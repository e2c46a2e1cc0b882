#!/usr/bin/env bash
# Issue 11's switchover figure: N planned switchovers in a row (default 5) on the lab cluster, each with a
# client writing through the VIP, and the median of their write pauses. Prints one JSON line: every
# run's pause and acknowledged writes lost, the median pause, and exits 0 when every run verified with
# nothing lost, 1 otherwise, 2 when the cluster is not there or not healthy.
#   scripts/switchover-bench.sh [N] [INVENTORY]   (after ./pgha lab up && ./pgha bootstrap -i INVENTORY;
#   default .lab/$PGHA_LAB_NAME, the lab's inventory (pgha-lab when unset)). The switchovers rewrite
#   cluster_role lines, so they run on a copy of the inventory, removed at the end; with an odd N one
#   more, not counted, gives the roles back. The copy sits beside the inventory (.lab/.pgha-lab.switchover-bench,
#   links followed), so its relative paths still hold (.lab/NAME/source names the tarballs as ../../sources/).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${1:-5}
inv=${2:-.lab/${PGHA_LAB_NAME:-pgha-lab}}
log() { printf '[switchover-bench] %s\n' "$*" >&2; }

inv=${inv%/}
copy=$(dirname "$inv")/.$(basename "$inv").switchover-bench
rm -rf "$copy" && cp -rL "$inv" "$copy"
trap 'rm -rf "$copy"' EXIT
if ! ./pgha status -i "$copy" >/dev/null 2>&1; then
  log "the cluster is not healthy as $inv says (./pgha status -i $inv): bootstrap it first"; exit 2
fi

one() { ./pgha switchover -i "$copy" --json 2>/dev/null | tail -n 1; }
lines=()
for i in $(seq 1 "$runs"); do
  line=$(one)
  log "run $i: $line"
  lines+=("$line")
done
[ $(( runs % 2 )) -eq 0 ] || { log "one more, not counted: the roles back"; one >/dev/null; }

printf '%s\n' "${lines[@]}" | python3 -c '
import json, statistics, sys
runs = []
for line in sys.stdin:
    try:
        d = json.loads(line)
    except ValueError:
        d = {}
    client = d.get("client") or {}
    runs.append({"stage": d.get("stage"), "from": d.get("from"), "to": d.get("to"),
                 "max_pause_ms": client.get("max_pause_ms"), "acknowledged_writes_lost": client.get("acknowledged_writes_lost")})
pauses = [r["max_pause_ms"] for r in runs if isinstance(r["max_pause_ms"], int)]
ok = all(r["stage"] == "verified" and r["acknowledged_writes_lost"] == 0 for r in runs)
print(json.dumps({"event": "switchover_bench", "runs": runs, "median_pause_ms": statistics.median(pauses) if pauses else None,
                  "max_pause_ms": max(pauses) if pauses else None, "all_verified_nothing_lost": ok}))
sys.exit(0 if ok else 1)
'
