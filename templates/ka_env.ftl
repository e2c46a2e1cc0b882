<#-- The environment of the keepalived scripts (health check, promotion guard, fence, safe boot):
     included by each (and the lease keeper), so they agree on where PostgreSQL and pgha's node state live. Every value
     goes through sh() (one shell word, quoted when it needs it). -->
# env setting
export PGPORT=${sh(pg_port)}
export PGUSER=${sh(pg_monitor_user)}
export PGDATABASE=${sh(pg_monitor_db)}
export PGHOST=${sh(pg_socket_dir)}
export PGCONNECT_TIMEOUT=5
export PGDATA=${sh(pg_data)}
export LANG=${sh(os_script_lang)}
export PGHOME=${sh(pg_prefix)}
export LD_LIBRARY_PATH=${sh(pg_lib_dir)}:/lib64:/usr/lib64:/usr/local/lib64:/lib:/usr/lib:/usr/local/lib
export PATH=${sh(pg_bin_dir)}:$PATH

PG_OS_USER=${sh(pg_user)}
PG_SERVICE=${sh(pg_service_name)}
PEER_HOST=${sh(pg_peer_address)}
VIP=${sh(ka_vip_address)}
# pgha's marks on this node: the state contract in playbooks/vars/defaults.yml says what each holds.
STATE_DIR=${sh(pgha_state_dir)}
VRRP_STATE_FILE=${sh(pgha_vrrp_state_file)}
FENCED_FILE=${sh(pgha_fenced_file)}
# pgha maintenance on: "DATE TIME reason" while planned work goes on; no automatic failover meanwhile.
MAINTENANCE_FILE=${sh(pgha_maintenance_file)}
REFUSED_FILE=${sh(ka_refused_file)}
REFUSED_WHY_FILE=${sh(pgha_refused_why_file)}
# 1 while this node takes writes (a primary, not fenced), else 0: keepalived adds it, weighted, to the
# VRRP priority (track_file), so the primary wins an election against its standby whatever the inventory said.
TAKES_WRITES_FILE=${sh(pgha_takes_writes_file)}
takes_writes() { [ "$(cat "$TAKES_WRITES_FILE" 2>/dev/null)" = "$1" ] || echo "$1" > "$TAKES_WRITES_FILE"; }

# as the postgres OS user, with its .pgpass (runuser keeps root's HOME); PG_CALL_TIMEOUT=S bounds the
# call (libpq's own connect timeout is 2 s at least, and a dead host may never answer)
as_pg() {
    ${r"${PG_CALL_TIMEOUT:+timeout -k 1 $PG_CALL_TIMEOUT}"} runuser -u "$PG_OS_USER" -- env PATH="$PATH" LD_LIBRARY_PATH="$LD_LIBRARY_PATH" PGPASSFILE=${sh(pg_pgpass_file)} PGCONNECT_TIMEOUT=3 "$@"
}
# The peer's answer to one query as the health-check role, stderr folded in (the guards read why it failed).
# A call bounded by PG_CALL_TIMEOUT that ran out says so (not runuser's "Session terminated").
peer_sql() {
    local out rc
    out=$(as_pg psql -X -At -h "$PEER_HOST" -p "$PGPORT" -U "${pg_monitor_user}" -d "${pg_monitor_db}" -c "$1" 2>&1); rc=$?
    if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then out="no answer within $PG_CALL_TIMEOUT s"; fi
    echo "$out"
}
# Does this node hold the VIP?
holds_vip() { ip -o -4 addr show | grep -q " $VIP/"; }
# A node in recovery (standby.signal) cannot take writes: the file decides, so a hung server is judged too.
is_standby_dir() { [ -e "$PGDATA/standby.signal" ] || [ -e "$PGDATA/recovery.signal" ]; }
mkdir -p "$STATE_DIR"

# The witness (none when WITNESS_HOST is empty): the cluster's lease, held by the node that may be primary.
WITNESS_HOST=${sh(pg_witness_host)}
LEASE_CLUSTER=${sh(pg_cluster_name)}
LEASE_ME=${sh(inventory_hostname)}
LEASE_TTL=${sh(pg_lease_ttl)}
LEASE_CALL_TIMEOUT=${sh(pg_lease_call_timeout)}
# A primary reaching neither the witness nor its standby for this many seconds fences itself (its lease keeper).
FENCE_AFTER=${sh(pg_lease_fence_after)}
LEASE_FILE=${sh(pgha_lease_file)}
PEER_SEEN_FILE=${sh(pgha_peer_seen_file)}
# On a standby: the newest heartbeat replayed here and when it first appeared, by this node's uptime
# ("VALUE|UPTIME_CS"), written by the health check: replication's age on this node's own clock.
HEARTBEAT_SEEN_FILE=${sh(pgha_heartbeat_seen_file)}
MONITOR_TABLE=${sh(pg_monitor_table)}
HEARTBEAT_SQL="select coalesce(max(last_alive)::text, '') from ${pg_monitor_table}"
PROMOTING_FILE=${sh(pgha_promoting_file)}
witness_sql() {
    local out rc
    out=$(PG_CALL_TIMEOUT=$LEASE_CALL_TIMEOUT as_pg psql -X -At -h "$WITNESS_HOST" -p ${sh(pg_witness_port)} -U ${sh(pg_witness_user)} -d ${sh(pg_witness_db)} -c "$1" 2>&1)
    rc=$?
    # timeout's own exit codes: say what happened rather than runuser's "Session terminated"
    if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then out="no answer within $LEASE_CALL_TIMEOUT s"; fi
    echo "$out"
}
# Takes or renews the lease for this node; prints the holder after the call (this node when granted),
# or psql's error when the witness does not answer.
lease_take() { witness_sql "select pgha_lease_take('$LEASE_CLUSTER', '$LEASE_ME', $LEASE_TTL)"; }
# Gives the lease up if this node holds it (a fenced node: the standby need not wait for it to expire).
lease_release() { witness_sql "select pgha_lease_release('$LEASE_CLUSTER', '$LEASE_ME')" >/dev/null; }
# A monotonic clock in 1/100 s (the uptime): wall-clock steps cannot shorten a wait.
uptime_cs() { local u; read -r u _ < /proc/uptime; echo $(( 10#${r"${u/./}"} )); }

# Replication mode (pg_replication_mode: async, sync, strict). With sync or strict the primary's health
# check sets synchronous_standby_names in SYNC_CONF (postgresql.conf includes it last) and records the
# mode in force in SYNC_STATE_FILE ("STATE|EPOCH|WHY", written when it changes): sync (each commit
# waits for the standby), waiting (the standby is gone and commits wait for it), degraded (sync mode,
# the standby gone DEGRADE_AFTER s: asynchronous so writes continue), async.
REPLICATION_MODE=${sh(pg_replication_mode)}
MY_APP_NAME=${sh(pg_application_name)}
SYNC_STANDBY=${sh(pg_peer_application_name)}
DEGRADE_AFTER=${sh(pg_sync_degrade_after)}
CHECK_INTERVAL=${sh(ka_check_interval)}
SYNC_CONF=${sh(pgha_sync_conf_file)}
SYNC_STATE_FILE=${sh(pgha_sync_state_file)}
SYNC_SEEN_FILE=${sh(pgha_sync_seen_file)}
sync_state() { cut -d'|' -f1 "$SYNC_STATE_FILE" 2>/dev/null; }
# set_sync_standby NAME STATE WHY: synchronous_standby_names = NAME ('' = asynchronous), reloaded when
# it changed, and the mode recorded when it changed (its time is "since when").
set_sync_standby() {
    local line="synchronous_standby_names = ''"
    [ -n "$1" ] && line="synchronous_standby_names = '\"$1\"'"
    if [ "$(cat "$SYNC_CONF" 2>/dev/null)" != "$line" ]; then
        echo "$line" > "$SYNC_CONF.tmp" && chmod 0644 "$SYNC_CONF.tmp" && mv -f "$SYNC_CONF.tmp" "$SYNC_CONF"
        as_pg psql -X -At -h "$PGHOST" -p "$PGPORT" -U ${sh(pg_superuser)} -d ${sh(pg_database)} -c "select pg_reload_conf()" >/dev/null 2>&1
    fi
    if [ "$(sync_state)" != "$2" ]; then
        echo "$2|$(date +%s)|$3" > "$SYNC_STATE_FILE.tmp" && chmod 0644 "$SYNC_STATE_FILE.tmp" && mv -f "$SYNC_STATE_FILE.tmp" "$SYNC_STATE_FILE"
        return 0
    fi
    return 1
}

# Power fencing (none when PEER_FENCE_AGENT is empty): the peer's power controller, through a fence-agents agent
# reading the peer's device (FENCE_PEER_FILE, root 0600) and the action on its standard input, bounded by
# FENCE_TIMEOUT; TIEBREAKER is what this node must reach before it shoots (its default gateway when not given).
PEER_FENCE_AGENT=${sh(pg_peer_fence_agent)}
FENCE_PEER_FILE=${sh(pg_fence_peer_file)}
STANDBY_SEEN_FILE=${sh(pgha_standby_seen_file)}
STANDBY_SHOT_FILE=${sh(pgha_standby_shot_file)}
FENCE_CHECK_FILE=${sh(pgha_fence_check_file)}
FENCE_TIMEOUT=${sh(pg_fence_timeout)}
FENCE_DELAY=${sh(pg_fence_delay)}
FENCE_STANDBY_AFTER=${sh(pg_fence_standby_after)}
TIEBREAKER=${sh(pg_fence_tiebreaker)}
[ -n "$TIEBREAKER" ] || [ -z "$PEER_FENCE_AGENT" ] || TIEBREAKER=$(ip -4 route show default 2>/dev/null | awk '{print $3; exit}')
# The agent's answer to ACTION (off, on, status, monitor), its exit code as the agents give it (status: 0 on, 2 off).
fence_peer_agent() { { cat "$FENCE_PEER_FILE"; echo "action=$1"; } | PYTHONWARNINGS=ignore timeout -k 1 "$FENCE_TIMEOUT" "$PEER_FENCE_AGENT" 2>&1; }
# The peer's power as its controller says: on, off, or what went wrong.
peer_power() {
    local out rc
    out=$(fence_peer_agent status); rc=$?
    case $rc in 0) echo on ;; 2) echo off ;; 124|137) echo "no answer within $FENCE_TIMEOUT s" ;; *) echo "exit $rc: $(one_line "$out")" ;; esac
}
# yes when this node reaches the tie-breaker, else no.
reaches_tiebreaker() { [ -n "$TIEBREAKER" ] && ping -n -q -c 1 -W 1 "$TIEBREAKER" >/dev/null 2>&1 && echo yes || echo no; }
# yes when this standby replayed a heartbeat from its peer since it booted (the mark's uptime is not after now).
seen_peer_since_boot() {
    local at
    at=$(cut -d'|' -f2 "$HEARTBEAT_SEEN_FILE" 2>/dev/null)
    [[ "$at" =~ ^[0-9]+$ ]] && [ "$at" -le "$(uptime_cs)" ] && echo yes || echo no
}

<#include "/pg_rules.sh.ftl">
