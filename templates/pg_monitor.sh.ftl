#!/bin/bash
# keepalived vrrp_script (${ka_check_script_name}) on ${inventory_hostname}: exit 0 when the local
# PostgreSQL is healthy, 1 when not (after ${ka_check_fall} failures keepalived gives the VIP up).
# Rendered by pgha from templates/pg_monitor.sh.ftl (root:root 0700).
#   primary: psql -c 'select 1' (psql's own exit status: problem 1 of the article); with
#            pg_replication_mode sync or strict, synchronous_standby_names kept to the mode (below);
#            then the heartbeat row ${pg_monitor_table} (last_alive = now(), and which standby was
#            synchronous), which the standby replays and the promotion guard reads;
#   standby: healthy when it answers.
# A primary restarting in place (a restart under way, or started again here after a crash) is reported
# healthy for up to ${pg_restart_in_place_timeout} s (restart_in_place, below).
# It logs in as ${pg_monitor_user} over the unix socket by peer authentication (pg_ident map
# ${pg_ident_map}): no password here.

<#include "/ka_env.ftl">
MONITOR_LOG=${sh(ka_monitor_log)}
# Committed locally (a heartbeat must not wait for a standby that is gone: synchronous modes), and
# never waiting long for a lock (a DDL on the table): the check must end within its timeout.
SQL1="set synchronous_commit = local; set lock_timeout = '500ms'; update ${pg_monitor_table} set last_alive = now(), sync_standby = (select application_name from pg_stat_replication where sync_state = 'sync' limit 1);"
SQL2='select 1;'
# Restarts in place (restart_in_place, below): how long one may take, the crash loop's window, when the
# one under way began and when the last crash restart began (uptime, 1/100 s).
RESTART_TIMEOUT=${sh(pg_restart_in_place_timeout)}
CRASH_WINDOW=${sh(pg_crash_restart_window)}
HOLD_FILE=${sh(pgha_restart_hold_file)}
CRASH_FILE=${sh(pgha_crash_restart_file)}

log() { echo -e "$(date '+%F %T'): $*" >> "$MONITOR_LOG"; }
# Not healthy: exit 1, so keepalived counts a failure; in maintenance (pgha maintenance on) the VIP must
# stay where it is whatever planned work does to PostgreSQL, so the failure is only logged.
unhealthy() {
    if [ -e "$MAINTENANCE_FILE" ]; then
        log "$1 (maintenance since $(cut -c1-19 "$MAINTENANCE_FILE"): not reported to keepalived)"
        exit 0
    fi
    log "$1"
    exit 1
}
mkdir -p "$(dirname "$MONITOR_LOG")"

# Power fencing: the peer's power controller asked every 30 s (the agent's monitor action), in the background, so a
# controller that stopped answering is seen (pgha status) before the day it is needed.
if [ -n "$PEER_FENCE_AGENT" ] && [ $(( $(date +%s) - $(stat -c %Y "$FENCE_CHECK_FILE" 2>/dev/null || echo 0) )) -ge 30 ]; then
    touch "$FENCE_CHECK_FILE"   # this round is taken
    ( out=$(fence_peer_agent monitor); rc=$?
      if [ $rc -eq 0 ]; then r="ok: $PEER_FENCE_AGENT reaches the power controller of the peer $PEER_HOST"
      else r="failed: $PEER_FENCE_AGENT cannot reach the power controller of the peer $PEER_HOST (exit $rc: $(one_line "$out")): it cannot be fenced"; fi
      echo "$(date '+%F %T') $r" > "$FENCE_CHECK_FILE.tmp" && chmod 0644 "$FENCE_CHECK_FILE.tmp" && mv -f "$FENCE_CHECK_FILE.tmp" "$FENCE_CHECK_FILE"
    ) </dev/null >/dev/null 2>&1 &
fi

# A standby is not checked further (it cannot write the heartbeat); one that does not answer is not healthy.
standby_flg=$(psql -X -At -c 'select pg_is_in_recovery();' 2>>"$MONITOR_LOG")
if [ "$standby_flg" = "t" ]; then
    takes_writes 0
    # A refused promotion holds this node in FAULT (keepalived tracks $REFUSED_FILE) until it streams
    # again from a primary, at the earliest ${pg_promote_retry_seconds} s later: then it may take the VIP again.
    if [ "$(cat "$REFUSED_FILE" 2>/dev/null || echo 0)" != 0 ] \
        && [ $(( $(date +%s) - $(stat -c %Y "$REFUSED_FILE") )) -ge ${sh(pg_promote_retry_seconds)} ] \
        && [ "$(psql -X -At -c "select status from pg_stat_wal_receiver" 2>/dev/null)" = streaming ]; then
        echo 0 > "$REFUSED_FILE"
        rm -f "$REFUSED_WHY_FILE"
        log "streaming from a primary again: the refused promotion no longer holds this node in FAULT"
    fi
    # When replication last brought a new heartbeat, by this node's uptime: the promotion guard's
    # measure of how far behind this standby is, which no clock skew between the nodes can fool.
    beat=$(psql -X -At -c "$HEARTBEAT_SQL" 2>/dev/null)
    if [ -n "$beat" ] && [ "$beat" != "$(cut -d'|' -f1 "$HEARTBEAT_SEEN_FILE" 2>/dev/null)" ]; then
        echo "$beat|$(uptime_cs)" > "$HEARTBEAT_SEEN_FILE.tmp" && mv -f "$HEARTBEAT_SEEN_FILE.tmp" "$HEARTBEAT_SEEN_FILE"
    fi
    rm -f "$HOLD_FILE"
    log "This is a standby database, exit!"
    exit 0
fi

# With a witness, a primary is healthy only while its lease keeper runs (the keeper is what fences it
# when it is cut off): a report older than a few rounds means it has stopped.
if [ -n "$WITNESS_HOST" ] && [ $(( $(date +%s) - $(stat -c %Y "$LEASE_FILE" 2>/dev/null || echo 0) )) -gt $(( ${pg_lease_fence_after} + 5 )) ]; then
    unhealthy "Attention: the lease keeper (${pg_lease_keeper_service}) has not reported for over $(( ${pg_lease_fence_after} + 5 )) s: this primary cannot fence itself."
fi

# sync / strict on the primary: the standby that streams confirms every commit; once it has not
# streamed for DEGRADE_AFTER s (its last stream, or this node's boot, by uptime), sync mode goes
# asynchronous so writes continue; strict keeps waiting. When it streams again, synchronous again.
keep_replication_mode() {
    local streams now seen
    streams=$(psql -X -At -c "select application_name from pg_stat_replication where state = 'streaming'" 2>>"$MONITOR_LOG") || return
    now=$(uptime_cs)
    if printf '%s\n' "$streams" | grep -qxF -- "$SYNC_STANDBY"; then
        echo "$now" > "$SYNC_SEEN_FILE"
        set_sync_standby "$SYNC_STANDBY" sync "$SYNC_STANDBY streams and confirms every commit" && log "synchronous: $SYNC_STANDBY streams"
        return
    fi
    [ "$(sync_state)" = degraded ] && return
    [ -s "$SYNC_SEEN_FILE" ] || echo "$now" > "$SYNC_SEEN_FILE"
    seen=$(cat "$SYNC_SEEN_FILE")
    if [ "$REPLICATION_MODE" = sync ] && grep -qx confirmed "$STANDBY_SHOT_FILE" 2>/dev/null; then
        set_sync_standby "" degraded "$SYNC_STANDBY was powered off (fence confirmed): asynchronous at once, nothing can promote there" \
            && log "Attention: $SYNC_STANDBY was powered off by this node: asynchronous from now on (until it streams again)."
    elif [ "$REPLICATION_MODE" = sync ] && [ $(( now - seen )) -ge $(( DEGRADE_AFTER * 100 )) ]; then
        set_sync_standby "" degraded "$SYNC_STANDBY has not streamed for $DEGRADE_AFTER s: asynchronous, so writes continue" \
            && log "Attention: $SYNC_STANDBY has not streamed for $DEGRADE_AFTER s: asynchronous from now on (until it streams again)."
    else
        set_sync_standby "$SYNC_STANDBY" waiting "$SYNC_STANDBY does not stream: commits wait for it" \
            && log "Attention: $SYNC_STANDBY does not stream: commits wait for it ($REPLICATION_MODE)."
    fi
}

# A primary restarting in place keeps the VIP for up to RESTART_TIMEOUT s (pg_restart_in_place_timeout):
#  - a restart under way: systemd starts or stops the unit (push-config, bootstrap, a DBA's systemctl
#    restart), or PostgreSQL answers that it is starting up or shutting down (pg_isready: 1);
#  - a crash: no postmaster runs (pg_ctl status: 3) and the data directory did not shut down ("in
#    production": SIGKILL, the OOM killer, a segfault): the service is started again here, once per
#    CRASH_WINDOW s (a crash loop fails over). Crash recovery keeps every acknowledged commit, which an
#    asynchronous standby may lack.
# A clean stop, a fenced node or maintenance are not restarts in place: failed over as before.
# Returns 0 while the node is held (healthy to keepalived), 1 when it is to be reported unhealthy.
# A mark's uptime counts when it is a number not after NOW (a mark from before a reboot is ignored).
is_past_uptime() { [[ "$1" =~ ^[0-9]+$ ]] && [ "$1" -le "$2" ]; }
restart_in_place() {
    local now began unit ready pgctl state
    [ "$RESTART_TIMEOUT" -gt 0 ] || return 1
    if [ -e "$FENCED_FILE" ] || [ -e "$MAINTENANCE_FILE" ] || is_standby_dir; then return 1; fi
    now=$(uptime_cs)
    began=$(cat "$HOLD_FILE" 2>/dev/null)
    is_past_uptime "$began" "$now" || began=""
    unit=$(systemctl show -p ActiveState --value "$PG_SERVICE" 2>/dev/null)
    pg_isready -q; ready=$?
    if [ "$unit" = activating ] || [ "$unit" = deactivating ] || [ $ready -eq 1 ] || { [ -n "$began" ] && [ "$(cat "$CRASH_FILE" 2>/dev/null)" = "$began" ]; }; then
        if [ -z "$began" ]; then
            echo "$now" > "$HOLD_FILE"
            log "PostgreSQL is restarting in place ($PG_SERVICE $unit, pg_isready $ready): the VIP stays for up to $RESTART_TIMEOUT s"
            return 0
        fi
        if [ $(( now - began )) -lt $(( RESTART_TIMEOUT * 100 )) ]; then
            log "PostgreSQL restarting in place for $(( (now - began) / 100 )) s ($PG_SERVICE $unit, pg_isready $ready)"
            return 0
        fi
        log "Attention: PostgreSQL did not serve again within $RESTART_TIMEOUT s of restarting in place"
        return 1
    fi
    rm -f "$HOLD_FILE"
    as_pg pg_ctl status -D "$PGDATA" >/dev/null 2>&1; pgctl=$?
    state=$(as_pg env LC_ALL=C pg_controldata "$PGDATA" 2>/dev/null | sed -n 's/^Database cluster state: *//p')
    [ $pgctl -eq 3 ] && [ "$state" = "in production" ] || return 1
    began=$(cat "$CRASH_FILE" 2>/dev/null)
    if is_past_uptime "$began" "$now" && [ $(( now - began )) -lt $(( CRASH_WINDOW * 100 )) ]; then
        log "Attention: PostgreSQL crashed again within $CRASH_WINDOW s of its last restart in place: failing over"
        return 1
    fi
    echo "$now" > "$CRASH_FILE"
    echo "$now" > "$HOLD_FILE"
    log "Attention: PostgreSQL crashed (no postmaster, the data directory $state): restarting $PG_SERVICE in place; the VIP stays for up to $RESTART_TIMEOUT s."
    systemctl reset-failed "$PG_SERVICE" >/dev/null 2>&1
    systemctl start --no-block "$PG_SERVICE" >>"$MONITOR_LOG" 2>&1
    return 0
}

# Power fencing, the primary's side (a fence device for the standby): a standby whose host has been silent for
# FENCE_STANDBY_AFTER s is powered off, once, in the background (rule_fence_standby), and on again: nothing can
# promote there meanwhile, the primary wins a race against a standby cut off from it, and in sync mode it may go
# asynchronous at once. Only a standby seen since this node booted (no shooting back after a power-off).
fence_silent_standby() {
    local now seen fenced shot=no tiebreaker='?' decision reason
    now=$(uptime_cs)
    # asked directly every check (pg_stat_replication says streaming for wal_sender_timeout after a cut: too late
    # to win a race); a standby that answers in any way is seen, and may be shot again once it goes silent again
    read -r decision reason <<< "$(rule_peer_evidence "$(PG_CALL_TIMEOUT=1 peer_sql 'select pg_is_in_recovery()')")"
    case "$decision" in standby|down|wait) echo "$now" > "$STANDBY_SEEN_FILE"; rm -f "$STANDBY_SHOT_FILE"; return ;; esac
    seen=$(cat "$STANDBY_SEEN_FILE" 2>/dev/null)
    is_past_uptime "$seen" "$now" || return
    fenced=$(cat "$FENCED_FILE" 2>/dev/null) || fenced=
    [ -e "$STANDBY_SHOT_FILE" ] && shot=yes
    while :; do
        read -r decision reason <<< "$(rule_fence_standby "$fenced" "$tiebreaker" $(( (now - seen) / 100 )) "$shot")"
        case "$decision" in
            ask-tiebreaker) tiebreaker=$(reaches_tiebreaker) ;;
            shoot)
                echo "$now" > "$STANDBY_SHOT_FILE"   # once: a second shot waits until the standby was seen again
                log "FENCING the standby: $reason: $PEER_FENCE_AGENT off (method onoff), then status"
                ( out=$(fence_peer_agent off); off=$?
                  fence_peer_agent status >/dev/null; status=$?
                  read -r decision reason <<< "$(rule_fence_outcome "$off" "$status" "$out")"
                  log "$reason"
                  if [ "$decision" = confirmed ]; then
                      echo confirmed >> "$STANDBY_SHOT_FILE"
                      sleep 1
                      fence_peer_agent on >/dev/null
                      log "the standby $PEER_HOST powered on again (exit $?): it boots read-only and shoots nobody (it has not seen this node since)"
                  fi ) </dev/null >/dev/null 2>&1 &
                return ;;
            refuse) [ "$(tail -n 1 "$MONITOR_LOG" 2>/dev/null | cut -c22-)" = "$reason" ] || log "$reason"; return ;;
            *) return ;;
        esac
    done
}

# Primary: check, then update the heartbeat.
if psql -X -At -c "$SQL2" >/dev/null 2>>"$MONITOR_LOG"; then
    # in the background, one at a time: a silent standby's probe, the tie-breaker and the shot must not make this
    # check outlast its timeout (keepalived would count a failure against a healthy primary)
    if [ -n "$PEER_FENCE_AGENT" ] && [ ! -e "$MAINTENANCE_FILE" ]; then
        ( flock -n 9 || exit 0; fence_silent_standby ) 9>"$STANDBY_SEEN_FILE.lock" </dev/null >/dev/null 2>&1 &
    fi
    [ "$REPLICATION_MODE" = async ] || keep_replication_mode
    psql -X -At -c "$SQL1" >/dev/null 2>>"$MONITOR_LOG" || log "Warning: could not update ${pg_monitor_table}."
    if [ -e "$FENCED_FILE" ]; then takes_writes 0; else takes_writes 1; fi
    if [ -e "$HOLD_FILE" ]; then rm -f "$HOLD_FILE"; log "PostgreSQL serves again after restarting in place"; fi
    log "Primary db is health."
    exit 0
else
    restart_in_place && exit 0
    unhealthy "Attention: Primary db is not health."
fi
