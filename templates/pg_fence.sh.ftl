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

event=$1
previous=
if [ "$event" = LEASE ]; then
    echo 1 > "$REFUSED_FILE"
    echo "$(date '+%F %T') fenced by the lease keeper: $2" > "$REFUSED_WHY_FILE"
    chmod 0644 "$REFUSED_WHY_FILE"
else
    previous=$(cut -d' ' -f1 "$VRRP_STATE_FILE" 2>/dev/null)
    echo "$event $(date +%s)" > "$VRRP_STATE_FILE.tmp" && mv "$VRRP_STATE_FILE.tmp" "$VRRP_STATE_FILE"
    chmod 0644 "$VRRP_STATE_FILE"
    log "keepalived $event (was ${r"${previous:-none}"})"
fi
has_cluster=no; [ -f "$PGDATA/PG_VERSION" ] && has_cluster=yes
is_standby=no; is_standby_dir && is_standby=yes
read -r decision why <<< "$(rule_fence "$event" "$previous" "$has_cluster" "$is_standby" "$2")"
[ "$decision" = skip ] && log "$why"
[ "$decision" = fence ] || exit 0

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
