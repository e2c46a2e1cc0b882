#!/usr/bin/env bash
# The soak of issue 10: the lab's primary under pgbench load through the VIP for SECONDS (default 300),
# no fault, and the fast health check must not fail it over. Prints one JSON line of figures and exits
# 0 when nothing moved (same primary, same timeline, same VIP holder, no keepalived state change on
# either node), 1 otherwise, 2 when the lab cluster is not there or not healthy.
#   scripts/soak.sh [SECONDS] [CLIENTS] [INVENTORY]   (after ./pgha lab up && ./pgha bootstrap -i INVENTORY;
#   default .lab/$PGHA_LAB_NAME, the lab's inventory (pgha-lab when unset); the default health check runs every 1 s)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
seconds=${1:-300}
clients=${2:-8}
lab=${PGHA_LAB_NAME:-pgha-lab}
inv=${3:-.lab/$lab}
log() { printf '[soak] %s\n' "$*" >&2; }

status_json() { ./pgha status -i "$inv" --json 2>/dev/null || true; }
field() { python3 -c 'import json,sys; d=json.loads(sys.stdin.read() or "{}"); exec(sys.argv[1])' "$1"; }

before=$(status_json)
healthy=$(printf '%s' "$before" | field 'print(d.get("healthy", False))')
if [ "$healthy" != True ]; then
  log "the lab cluster is not healthy (./pgha status -i $inv): bootstrap it first"; exit 2
fi
primary=$(printf '%s' "$before" | field 'print(next(n["host"] for n in d["nodes"] if n.get("role") == "primary"))')
timeline=$(printf '%s' "$before" | field 'print(next(n["timeline"] for n in d["nodes"] if n.get("role") == "primary"))')
vip=$(printf '%s' "$before" | field 'print(d["vip"])')
var() { ./pgha inventory -i "$inv" --host "$primary" 2>/dev/null | grep -oE "\"$1\": ?\"?[0-9]+" | grep -oE '[0-9]+$' || true; }
port=$(var pg_port)
[ -n "$port" ] || port=54321
container=$lab-$primary
pgbench=$(docker exec "$container" sh -c 'ls /usr/lib/postgresql/*/bin/pgbench /usr/local/pgsql/bin/pgbench /home/postgres/pghome/bin/pgbench 2>/dev/null | head -n1')
[ -n "$pgbench" ] || { log "no pgbench on $primary"; exit 2; }
start=$(date +%s)
nodes="db06 db07"

log "pgbench on $primary: initialising (scale 10), then $clients clients through the VIP $vip:$port for $seconds s"
docker exec "$container" su postgres -c "'$pgbench' -q -i -s 10 -h /var/run/postgresql -p $port postgres" >/dev/null 2>&1 \
  || docker exec "$container" su postgres -c "'$pgbench' -q -i -s 10 -h /tmp -p $port postgres" >/dev/null
out=$(docker exec "$container" su postgres -c "'$pgbench' -h $vip -p $port -c $clients -j 2 -T $seconds -P 60 -n postgres" 2>&1) || {
  log "pgbench failed: $(printf '%s' "$out" | tail -n 3)"; }
printf '%s\n' "$out" | grep -E '^progress' >&2 || true
tps=$(printf '%s\n' "$out" | grep -oE 'tps = [0-9.]+' | tail -n1 | awk '{print $3}')
failed=$(printf '%s\n' "$out" | grep -oE 'number of failed transactions: [0-9]+' | awk '{print $5}')

after=$(status_json)
primary_after=$(printf '%s' "$after" | field 'print(",".join(n["host"] for n in d["nodes"] if n.get("role") == "primary"))')
timeline_after=$(printf '%s' "$after" | field 'print(",".join(str(n["timeline"]) for n in d["nodes"] if n.get("role") == "primary"))')
transitions=0
for n in $nodes; do
  c=$(docker exec "$lab-$n" sh -c "journalctl --since @$start -o cat 2>/dev/null | grep -c 'Entering .* STATE' || true")
  transitions=$(( transitions + ${c:-0} ))
done
failovers=0
[ "$primary_after" = "$primary" ] && [ "$timeline_after" = "$timeline" ] || failovers=1
interval=$(var ka_check_interval)
# not set in the inventory: the default
[ -n "$interval" ] || interval=$(grep -oE '^ka_check_interval: [0-9]+' playbooks/vars/defaults.yml | grep -oE '[0-9]+$' || true)
printf '{"event":"soak","inventory":"%s","ka_check_interval":%s,"seconds":%s,"clients":%s,"tps":%s,"failed_transactions":%s,"primary_before":"%s","primary_after":"%s","timeline_before":%s,"timeline_after":"%s","keepalived_state_changes":%s,"failovers":%s}\n' \
  "$inv" "${interval:-null}" "$seconds" "$clients" "${tps:-null}" "${failed:-0}" "$primary" "$primary_after" "$timeline" "$timeline_after" "$transitions" "$failovers"
[ "$failovers" = 0 ] && [ "$transitions" = 0 ]
