#!/bin/bash
# Safe boot on ${inventory_hostname}: runs before every start of PostgreSQL (ExecStartPre of
# ${pg_service_name}). A data directory without standby.signal would start as a writable primary; it
# may only when no other node can be one:
#   - this node was fenced ($FENCED_FILE): never (pgha rejoin clears it);
#   - the peer ${pg_peer_address} answers as a primary: never (it was promoted: a second primary);
#   - with a witness: the witness grants this node the cluster's lease: yes; another node holds it:
#     never (it may be primary, or promoting); the witness does not answer: as without one, below;
#   - the peer answers as a standby: yes;
#   - the peer does not answer: only while this node holds the VIP ${ka_vip_address} (keepalived here is
#     MASTER, as when the primary restarts while its standby is down); else it cannot decide.
# Otherwise standby.signal is written and the server starts read-only, and says why in the log; the
# promotion guard, not this script, may later make it primary when keepalived gives it the VIP.
# Rendered by pgha from templates/pg_safe_boot.sh.ftl (root:root 0700).
<#include "/ka_env.ftl">
BOOT_LOG=${sh(ka_fence_log)}
log() { echo -e "$(date '+%F %T'): $*" >> "$BOOT_LOG"; }
mkdir -p "$(dirname "$BOOT_LOG")"

[ -f "$PGDATA/PG_VERSION" ] || exit 0
is_standby_dir && exit 0

read_only() {
    runuser -u "$PG_OS_USER" -- touch "$PGDATA/standby.signal"
    log "SAFE BOOT: starting PostgreSQL read-only (standby.signal written): $1. pgha status shows the cluster; pgha rejoin makes this node a standby of the primary."
    echo "pgha safe boot: starting read-only: $1" >&2
    exit 0
}

# The facts, gathered as the rule asks for them (rule_boot in pg_rules.sh.ftl decides).
fenced=$(cat "$FENCED_FILE" 2>/dev/null) || fenced=
[ -e "$FENCED_FILE" ] && [ -z "$fenced" ] && fenced="no reason recorded"
peer='?' holder='?'
vip=no; holds_vip && vip=yes
while :; do
    read -r decision reason <<< "$(rule_boot "$fenced" "$peer" "$holder" "$vip")"
    case "$decision" in
        ask-peer) peer=$(peer_sql 'select pg_is_in_recovery();') ;;
        ask-witness)
            holder=$(lease_take)
            [ "$holder" = "$LEASE_ME" ] || names_a_node "$holder" \
                || log "safe boot: the witness $WITNESS_HOST does not answer ($(one_line "$holder")): judging by the peer and the VIP" ;;
        primary) log "safe boot: $reason: starting as primary"; exit 0 ;;
        fence)
            echo "$(date '+%F %T') the peer $PEER_HOST was primary when this node started" > "$FENCED_FILE"
            chmod 0644 "$FENCED_FILE"
            read_only "$reason" ;;
        *) read_only "$reason" ;;
    esac
done
