#!/bin/bash
# keepalived notify_master on ${inventory_hostname}: this node just took the VIP ${ka_vip_address};
# promote the local standby, only on positive evidence that the peer ${pg_peer_address} cannot take
# writes, and not when that would lose data.
# Rendered by pgha from templates/pg_active_standby.sh.ftl (root:root 0700).
# Evidence (polled every 0.5 s for up to ${pg_promote_peer_wait} s):
#   - the peer answers as a standby (it was fenced: keepalived's notify there restarts it read-only);
#   - the peer's PostgreSQL refuses connections (the host answers, the server is down; a start there
#     comes up read-only: safe boot).
# Refuses (and logs why) when:
#   - maintenance mode is on (pgha maintenance on: $MAINTENANCE_FILE);
#   - the local PostgreSQL is not a standby (nothing to promote) or does not answer;
#   - the peer still answers as a primary when the wait ends (keepalived stopped there but its fence
#     did not run: promoting would make two primaries, problem 3 of the article);
#   - the peer does not answer at all: a dead peer and a cut link look the same from here, and two
#     nodes alone cannot tell them apart. With a witness (${pg_witness_host!""}; none when empty) that
#     is evidence only once the witness grants this node the cluster's lease (the peer has not renewed it
#     for ${pg_lease_ttl} s) and this node last saw the peer as primary ${pg_lease_ttl} s ago: by then the
#     peer, reaching neither the witness nor this node, has fenced itself (its lease keeper);
#   - with a witness, the witness does not grant this node the lease within ${pg_lease_ttl} s + 3 s;
#   - the newest heartbeat this standby replayed arrived over ${pg_promote_max_lag_seconds} s ago by its own clock, or cannot be read
#     (the article's LAG_MINUTES guard, which it defined but never used); with pg_replication_mode sync or
#     strict instead: the newest heartbeat does not name this node the synchronous standby, or (sync) it
#     arrived so long ago that the primary may have gone asynchronous since (pg_sync_degrade_after s);
#   (unless the peer answers as a standby and this node has all the WAL it has: then nothing can be missing).
# A refusal writes 1 to $REFUSED_FILE: keepalived tracks that file, so this node goes FAULT and gives the
# VIP up at once; the health check clears it once this standby streams again (and ${pg_promote_retry_seconds} s have passed).
# touch ${pg_promote_force_file} to promote anyway (once; the file is removed; pgha status shows the refusal).
<#include "/ka_env.ftl">
LAG_SECONDS=${sh(pg_promote_max_lag_seconds)}
PEER_WAIT=${sh(pg_promote_peer_wait)}
FORCE_FILE=${sh(pg_promote_force_file)}
PROMOTE_METHOD=${sh(pg_promote_method)}
PROMOTE_TIMEOUT=${sh(pg_promote_timeout)}
FAILOVER_LOG=${sh(ka_failover_log)}
SQL1='select pg_is_in_recovery();'

log() { echo -e "$(date '+%F %T'): $*" >> "$FAILOVER_LOG"; }
mkdir -p "$(dirname "$FAILOVER_LOG")"
echo "MASTER $(date +%s)" > "$VRRP_STATE_FILE.tmp" && mv "$VRRP_STATE_FILE.tmp" "$VRRP_STATE_FILE"
chmod 0644 "$VRRP_STATE_FILE"

refuse() {
    log "$(hostname) $1, failover not allow! (touch $FORCE_FILE to force)"
    echo "$(date '+%F %T') $1" > "$REFUSED_WHY_FILE"
    chmod 0644 "$REFUSED_WHY_FILE"
    echo 1 > "$REFUSED_FILE"
    exit 1
}

# With a witness: waits until it grants this node the lease (rule_lease), and refuses when that does not
# come in LEASE_TTL + 3 s. Holding the lease also fences the peer if it still reaches the witness: its
# keeper sees another holder.
await_lease() {
    local peer_silent=$1 deadline=$(( $(uptime_cs) + (LEASE_TTL + 3) * 100 )) holder seen decision reason
    while :; do
        holder=$(lease_take)
        seen=$(cat "$PEER_SEEN_FILE" 2>/dev/null || echo 0)
        read -r decision reason <<< "$(rule_lease "$holder" "$peer_silent" $(( $(uptime_cs) - seen )))"
        [ "$decision" = granted ] && return 0
        if [ "$peer_silent" = yes ] && [ "$(PG_CALL_TIMEOUT=$LEASE_CALL_TIMEOUT peer_sql "$SQL1")" = f ]; then
            refuse "the peer $PEER_HOST answers as a primary again"
        fi
        [ "$(uptime_cs)" -ge "$deadline" ] && refuse "$reason"
        sleep 0.5
    done
}

# How long since replication last brought this node a new heartbeat (the primary writes one every
# ${ka_check_interval} s), on this node's own clock, counted up to UPTIME_CS (rule_heartbeat_lag): sets beat, sync_of
# and lag (seconds), refuses when the rule does.
heartbeat_lag() {
    local decision
    beat=$(psql -X -At -c "$HEARTBEAT_SQL" 2>>"$FAILOVER_LOG")
    sync_of=$(psql -X -At -c "select coalesce(max(sync_standby), '') from ${pg_monitor_table}" 2>>"$FAILOVER_LOG")
    read -r decision lag <<< "$(rule_heartbeat_lag "$beat" "$(cat "$HEARTBEAT_SEEN_FILE" 2>/dev/null)" "$1")"
    [ "$decision" != refuse ] || refuse "$lag"
}

# Without a witness, with a fence device for the peer: the peer is silent. Asks rule_fence_peer, gathering what it
# asks for; cuts the peer's power when it says shoot, and returns once the power is off, proved (rule_fence_outcome).
# Refuses when the rule does; returns 1 while it says wait (the caller asks the peer again, then comes back).
fence_silent_peer() {
    local silent=$1 fenced seen tiebreaker='?' power=${r"${known_power:-?}"} decision reason out off status safe why
    known_power=   # asked once: the next round asks the controller again
    fenced=$(cat "$FENCED_FILE" 2>/dev/null) || fenced=
    [ -e "$FENCED_FILE" ] && [ -z "$fenced" ] && fenced="no reason recorded"
    seen=$(seen_peer_since_boot)
    while :; do
        read -r decision reason <<< "$(rule_fence_peer "$fenced" "$seen" "$tiebreaker" "$power" $(( ($(uptime_cs) - silent_since) / 100 )))"
        case "$decision" in
            ask-tiebreaker) tiebreaker=$(reaches_tiebreaker) ;;
            ask-power) power=$(peer_power) ;;
            off) peer_fenced="$reason"; fenced_at=$(uptime_cs); return 0 ;;
            wait) [ "$said_wait" = "$decision" ] || log "$silent: $reason"; said_wait=$decision; return 1 ;;
            shoot)
                # Only for a promotion the data allows: a standby too far behind shoots nobody (the peer, perhaps a
                # live primary cut off from this node only, would be powered off, and this node refuse to promote).
                heartbeat_lag "$(uptime_cs)"
                read -r safe why <<< "$(rule_data_safety no "$lag" "$sync_of")"
                [ "$safe" = promote ] || refuse "$why: the silent peer $PEER_HOST is not powered off"
                log "FENCING the peer: $reason: $PEER_FENCE_AGENT off (method onoff), then status"
                out=$(fence_peer_agent off); off=$?
                fence_peer_agent status >/dev/null; status=$?
                read -r decision reason <<< "$(rule_fence_outcome "$off" "$status" "$out")"
                [ "$decision" = confirmed ] || refuse "$silent: $reason"
                log "$reason"
                peer_fenced="$reason"; fenced_at=$(uptime_cs); return 0 ;;
            *) refuse "$silent: $reason" ;;
        esac
    done
}

# VIP moved here: log it
log "keepalived VIP switchover!"

in_recovery=$(psql -X -At -c "$SQL1" 2>>"$FAILOVER_LOG")
forced=no; [ -e "$FORCE_FILE" ] && forced=yes
maintenance=$(head -n 1 "$MAINTENANCE_FILE" 2>/dev/null) || maintenance=
[ -e "$MAINTENANCE_FILE" ] && [ -z "$maintenance" ] && maintenance="no reason given"
read -r decision reason <<< "$(rule_promote_start "$in_recovery" "$forced" "$maintenance")"
case "$decision" in
    nothing) log "$(hostname) is not standby database, failover not allow! ($reason)"; exit 0 ;;
    refuse) refuse "$reason" ;;
esac

if [ -n "$WITNESS_HOST" ]; then
    # The lease keeper here must not give back the lease this guard takes to promote.
    touch "$PROMOTING_FILE"
    trap 'rm -f "$PROMOTING_FILE"' EXIT
fi

if [ "$decision" = forced ]; then
    rm -f "$FORCE_FILE"
    log "$FORCE_FILE present: $reason."
    # best effort: the lease here makes an old primary that still reaches the witness fence itself
    [ -n "$WITNESS_HOST" ] && lease_take >/dev/null
else
    # The evidence that the peer cannot take writes (rule_peer_evidence), asked again every 0.5 s while
    # the peer is still a primary or stopping, for up to PEER_WAIT s: the peer fences before this node
    # promotes, not a race between them.
    evidence=
    deadline=$(( $(date +%s) + PEER_WAIT ))
    # Without a witness, with a fence device: its controller first (about 0.1 s): a dead host's says off at once.
    known_power=
    [ -n "$PEER_FENCE_AGENT" ] && [ -z "$WITNESS_HOST" ] && known_power=$(peer_power)
    while [ -z "$evidence" ]; do
        # with a fence device a silent peer is shot: the probe is bounded (1 s: a live peer that misses it is asked again
        # through the standby's delay), and a peer its controller says is off needs no probe at all
        if [ "$known_power" = off ]; then answer="powered off (its power controller says so)"
        else answer=$(PG_CALL_TIMEOUT=${r"${PEER_FENCE_AGENT:+1}"} peer_sql "$SQL1"); fi
        read -r decision reason <<< "$(rule_peer_evidence "$answer")"
        [ "$decision" = ask-fence ] || silent_since=   # the peer answered: its silence starts again from zero
        case "$decision" in
            standby) evidence=$reason; peer_is_standby=yes ;;
            down) evidence=$reason ;;
            refuse) refuse "$reason" ;;
            ask-fence)
                [ -n "$silent_since" ] || silent_since=$(uptime_cs)
                fence_silent_peer "$reason" && evidence="$reason, and $peer_fenced" ;;
            ask-witness)
                log "$reason: asking the witness $WITNESS_HOST"
                await_lease yes
                evidence="$reason, and the witness $WITNESS_HOST granted this node the lease (the peer has not renewed it for $LEASE_TTL s)"
                lease_held=yes ;;
        esac
        [ -n "$evidence" ] && break
        [ "$decision" != ask-fence ] && [ "$(date +%s)" -ge "$deadline" ] && refuse "$reason after $PEER_WAIT s: promoting would make two primaries"
        sleep 0.5
    done
    if [ -n "$WITNESS_HOST" ] && [ "$lease_held" != yes ]; then
        await_lease no
        evidence="$evidence; the witness $WITNESS_HOST granted this node the lease"
    fi
    log "evidence: $evidence"
    # A fenced peer still answers: when this node has all the WAL the peer has, no acknowledged write
    # can be missing, whatever the heartbeat's age (a long isolation leaves it old). WAL positions, not clocks.
    caught_up=no
    if [ "$peer_is_standby" = yes ]; then
        peer_lsn=$(PG_CALL_TIMEOUT=$LEASE_CALL_TIMEOUT peer_sql "select pg_last_wal_replay_lsn()")
        if [[ "$peer_lsn" =~ ^[0-9A-F]{1,8}/[0-9A-F]{1,8}$ ]]; then
            behind=$(psql -X -At -c "select pg_wal_lsn_diff('$peer_lsn', greatest(coalesce(pg_last_wal_receive_lsn(), '0/0'), coalesce(pg_last_wal_replay_lsn(), '0/0')))" 2>>"$FAILOVER_LOG")
            if [[ "$behind" =~ ^(0|-[0-9]+)$ ]]; then
                caught_up=yes
                log "WAL: this node has all the peer has (the peer at $peer_lsn): nothing acknowledged can be missing"
            fi
        fi
    fi
    lag=0 sync_of=
    if [ "$caught_up" = no ]; then
        # the peer's power off (fenced_at) ends what it could acknowledge: the lag counts up to then
        heartbeat_lag "${r"${fenced_at:-$(uptime_cs)}"}"
        log "STANDBY_LAG: $lag s since the newest heartbeat ($beat, the primary's clock) arrived here (limit $LAG_SECONDS s)"
    fi
    read -r decision reason <<< "$(rule_data_safety "$caught_up" "$lag" "$sync_of")"
    [ "$decision" = promote ] || refuse "$reason"
    [ "$caught_up" = no ] && [ "$REPLICATION_MODE" != async ] && log "$reason"
fi

# Synchronous modes: this node is about to be the primary and its peer is gone. sync: asynchronous
# until the peer streams again (its health check makes it synchronous then); strict: commits wait for
# the peer. Written before the promotion, so the first commit already follows it.
if [ "$REPLICATION_MODE" = sync ]; then
    set_sync_standby "" degraded "promoted while $SYNC_STANDBY was gone: asynchronous until it streams again"
elif [ "$REPLICATION_MODE" = strict ]; then
    set_sync_standby "$SYNC_STANDBY" waiting "promoted: commits wait for $SYNC_STANDBY (strict)"
fi

# pg_failover: promote the standby
if [ "$PROMOTE_METHOD" = sql ]; then
    out=$(as_pg psql -X -At -h "$PGHOST" -p "$PGPORT" -U ${sh(pg_superuser)} -d ${sh(pg_database)} -c "select pg_promote(true, $PROMOTE_TIMEOUT);" 2>&1)
    rc=$?
    [ "$out" = t ] || rc=1
else
    out=$(as_pg pg_ctl promote -D "$PGDATA" -w -t "$PROMOTE_TIMEOUT" 2>&1)
    rc=$?
fi
if [ $rc -eq 0 ]; then
    # This node is the primary now: an old fence or refusal no longer applies to it.
    rm -f "$FENCED_FILE" "$REFUSED_WHY_FILE"
    echo 0 > "$REFUSED_FILE"
    takes_writes 1
    log "$(hostname) promote standby success."
    if [ -n "$peer_fenced" ]; then
        # the old primary back on, in the background: its safe boot finds this node primary and starts it read-only
        ( sleep 1; out=$(fence_peer_agent on); log "the peer $PEER_HOST powered on again ($PEER_FENCE_AGENT on: exit $?${r'${out:+, $(one_line "$out")}'}): its safe boot starts it read-only" ) </dev/null >/dev/null 2>&1 &
    fi
else
    refuse "promote standby FAILED ($PROMOTE_METHOD, exit $rc): $out"
fi
