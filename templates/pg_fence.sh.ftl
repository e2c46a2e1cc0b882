#!/bin/bash
# keepalived notify_backup / notify_fault / notify_stop on ${inventory_hostname}: this node no longer
# holds (or is about to lose) the VIP ${ka_vip_address}. A primary that is not MASTER must not take
# writes, so it is fenced: standby.signal is written first (any later start, by anyone, comes up
# read-only), the reason is recorded in $FENCED_FILE, and a running server is restarted as a standby
# (a fast shutdown sends every WAL record to the standby before it closes, so the peer, whose
# promotion guard waits until this server no longer answers as a primary, loses nothing).
# Also run by the lease keeper (LEASE REASON) when a primary lost both the witness and its standby:
# then this node also gives the VIP up (the refused-promotion track file puts keepalived in FAULT).
# With a witness, the lease keeper gives the lease up once this server answers as a standby.
# Rendered by pgha from templates/pg_fence.sh.ftl (root:root 0700). Argument: BACKUP, FAULT, STOP or LEASE.
<#include "/ka_env.ftl">
FENCE_LOG=${sh(ka_fence_log)}
log() { echo -e "$(date '+%F %T'): $*" >> "$FENCE_LOG"; }
mkdir -p "$(dirname "$FENCE_LOG")"

state=$1
if [ "$state" = LEASE ]; then
    why="$2"
    echo 1 > "$REFUSED_FILE"
    echo "$(date '+%F %T') fenced by the lease keeper: $why" > "$REFUSED_FILE.why"
    chmod 0644 "$REFUSED_FILE.why"
else
    why="keepalived went $state while this node was primary"
    previous=$(cut -d' ' -f1 "$VRRP_STATE_FILE" 2>/dev/null)
    echo "$state $(date +%s)" > "$VRRP_STATE_FILE.tmp" && mv "$VRRP_STATE_FILE.tmp" "$VRRP_STATE_FILE"
    chmod 0644 "$VRRP_STATE_FILE"
    log "keepalived $state (was ${r"${previous:-none}"})"
    # Only a node that served as MASTER is demoted by BACKUP or FAULT: keepalived starts every instance in
    # BACKUP (or FAULT while PostgreSQL is still starting at boot), and safe boot has judged that start.
    # Stopping keepalived on a primary always fences it: it gives the VIP up.
    if [ "$state" != STOP ] && [ "$previous" != MASTER ]; then
        exit 0
    fi
fi
[ -f "$PGDATA/PG_VERSION" ] || { log "no cluster in $PGDATA: nothing to fence"; exit 0; }
if is_standby_dir; then
    log "already a standby: nothing to fence"
    exit 0
fi

runuser -u "$PG_OS_USER" -- touch "$PGDATA/standby.signal"
takes_writes 0   # no longer the node an election must favour
echo "$(date '+%F %T') $why" > "$FENCED_FILE"
chmod 0644 "$FENCED_FILE"
if runuser -u "$PG_OS_USER" -- "${pg_bin_dir}/pg_ctl" status -D "$PGDATA" >/dev/null 2>&1; then
    log "FENCED: $why: restarting PostgreSQL as a read-only standby (pgha rejoin makes it follow the new primary)"
    # --no-block: the restart is systemd's job, so it completes even when keepalived (stopping) takes this script with it.
    systemctl --no-block restart "$PG_SERVICE"
else
    log "FENCED: $why, and PostgreSQL is down: it will start as a standby (pgha rejoin)"
fi
exit 0
