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
#   - maintenance mode is on (pgha maintenance on: $STATE_DIR/maintenance);
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
    echo "$(date '+%F %T') $1" > "$REFUSED_FILE.why"
    chmod 0644 "$REFUSED_FILE.why"
    echo 1 > "$REFUSED_FILE"
    exit 1
}

# With a witness: waits until it grants this node the lease (and, when the peer is silent, until the
# peer was last seen as primary LEASE_TTL s ago); refuses when that does not come in LEASE_TTL + 3 s.
# Holding the lease also fences the peer if it still reaches the witness: its keeper sees another holder.
await_lease() {
    local peer_silent=$1 deadline=$(( $(uptime_cs) + (LEASE_TTL + 3) * 100 )) holder seen last
    while :; do
        holder=$(lease_take)
        if [ "$holder" = "$LEASE_ME" ]; then
            [ "$peer_silent" = no ] && return 0
            seen=$(cat "$PEER_SEEN_FILE" 2>/dev/null || echo 0)
            [ $(( $(uptime_cs) - seen )) -ge $(( LEASE_TTL * 100 )) ] && return 0
            last="this node saw the peer $PEER_HOST as primary $(( ($(uptime_cs) - seen) / 100 )) s ago (it may still be fencing itself)"
        elif names_a_node "$holder"; then
            last="the witness $WITNESS_HOST says $holder holds the lease: it is alive and reaches the witness"
        else
            last="the witness $WITNESS_HOST does not answer ($(one_line "$holder")): no evidence either way"
        fi
        if [ "$peer_silent" = yes ] && [ "$(PG_CALL_TIMEOUT=$LEASE_CALL_TIMEOUT peer_sql "$SQL1")" = f ]; then
            refuse "the peer $PEER_HOST answers as a primary again"
        fi
        [ "$(uptime_cs)" -ge "$deadline" ] && refuse "$last"
        sleep 0.5
    done
}

# VIP moved here: log it
log "keepalived VIP switchover!"

# Is this node a standby?
in_recovery=$(psql -X -At -c "$SQL1" 2>>"$FAILOVER_LOG")
if [ "$in_recovery" != "t" ]; then
    if [ "$in_recovery" = "f" ]; then
        log "$(hostname) is not standby database, failover not allow! (already primary: nothing to promote)"
        exit 0
    fi
    refuse "PostgreSQL does not answer here"
fi

if [ -n "$WITNESS_HOST" ]; then
    # The lease keeper here must not give back the lease this guard takes to promote.
    touch "$PROMOTING_FILE"
    trap 'rm -f "$PROMOTING_FILE"' EXIT
fi

forced=no
if [ -e "$FORCE_FILE" ]; then
    forced=yes
    rm -f "$FORCE_FILE"
    log "$FORCE_FILE present: promoting without the peer and lag checks."
    # best effort: the lease here makes an old primary that still reaches the witness fence itself
    [ -n "$WITNESS_HOST" ] && lease_take >/dev/null
fi

if [ "$forced" = no ] && [ -e "$MAINTENANCE_FILE" ]; then
    refuse "maintenance mode is on ($(head -n 1 "$MAINTENANCE_FILE")): no automatic promotion until pgha maintenance off"
fi

if [ "$forced" = no ]; then
    evidence=
    deadline=$(( $(date +%s) + PEER_WAIT ))
    while [ -z "$evidence" ]; do
        answer=$(peer_sql "$SQL1")
        case "$answer" in
            t) evidence="the peer $PEER_HOST answers as a standby"; peer_is_standby=yes ;;
            f) last="the peer $PEER_HOST is still a running primary" ;;
            *"Connection refused"*) evidence="PostgreSQL on the peer $PEER_HOST refuses connections (down; it can only start read-only)" ;;
            *"shutting down"*|*"starting up"*|*"not yet accepting"*|*"recovery mode"*) last="PostgreSQL on the peer $PEER_HOST is stopping or starting" ;;
            *) silent="the peer $PEER_HOST does not answer ($(one_line "$answer"))"
               [ -n "$WITNESS_HOST" ] || refuse "$silent: a dead peer and a cut link look the same from here"
               log "$silent: asking the witness $WITNESS_HOST"
               await_lease yes
               evidence="$silent, and the witness $WITNESS_HOST granted this node the lease (the peer has not renewed it for $LEASE_TTL s)"
               lease_held=yes ;;
        esac
        [ -n "$evidence" ] && break
        [ "$(date +%s)" -ge "$deadline" ] && refuse "$last after $PEER_WAIT s: promoting would make two primaries"
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
    if [ "$caught_up" = no ]; then
        # How long since replication last brought this node a new heartbeat (the primary writes one
        # every ${ka_check_interval} s), on this node's own clock: the health check noted when the newest one
        # replayed here first appeared, by uptime. Clocks that disagree cannot make it look fresh.
        beat=$(psql -X -At -c "$HEARTBEAT_SQL" 2>>"$FAILOVER_LOG")
        sync_of=$(psql -X -At -c "select coalesce(max(sync_standby), '') from ${pg_monitor_table}" 2>>"$FAILOVER_LOG")
        seen=$(cat "$HEARTBEAT_SEEN_FILE" 2>/dev/null)
        [ -n "$beat" ] || refuse "cannot read the replication heartbeat (${pg_monitor_table})"
        seen_at=${r"${seen##*|}"}
        if [ -n "$seen" ] && [ "${r"${seen%|*}"}" = "$beat" ] && [[ "$seen_at" =~ ^[0-9]+$ ]]; then
            lag=$(( ($(uptime_cs) - seen_at) / 100 ))
        elif [ -n "$seen" ]; then
            lag=0   # newer than the health check's last look: it arrived within the last ${ka_check_interval} s
        else
            refuse "no record of when this node last replayed a heartbeat ($HEARTBEAT_SEEN_FILE): its health check has not run as a standby since the node booted"
        fi
        log "STANDBY_LAG: $lag s since the newest heartbeat ($beat, the primary's clock) arrived here (limit $LAG_SECONDS s)"
        if [ "$REPLICATION_MODE" = async ]; then
            if [ "$lag" -gt "$LAG_SECONDS" ]; then
                refuse "standby is $lag s behind (limit $LAG_SECONDS s)"
            fi
        else
            # Synchronous: every commit the primary acknowledged while this node was its synchronous
            # standby is here. Promote only if it was (the newest heartbeat says so) and the primary cannot
            # have gone asynchronous since: it degrades DEGRADE_AFTER s after this node stopped streaming,
            # and this node heard from it $lag s ago (one check interval and 2 s of margin on top).
            [ "$sync_of" = "$MY_APP_NAME" ] || refuse "the primary was not synchronous with this node at its newest heartbeat (${r"${sync_of:-no synchronous standby}"}): it may have acknowledged writes this node lacks"
            if [ "$REPLICATION_MODE" = sync ] && [ $(( lag + CHECK_INTERVAL + 2 )) -ge "$DEGRADE_AFTER" ]; then
                refuse "the primary was last heard $lag s ago; it goes asynchronous after $DEGRADE_AFTER s without this node and may have acknowledged writes since"
            fi
            log "synchronous ($REPLICATION_MODE): this node was the primary's synchronous standby $lag s ago; nothing acknowledged can be missing"
        fi
    fi
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
    rm -f "$FENCED_FILE" "$REFUSED_FILE.why"
    echo 0 > "$REFUSED_FILE"
    takes_writes 1
    log "$(hostname) promote standby success."
else
    refuse "promote standby FAILED ($PROMOTE_METHOD, exit $rc): $out"
fi
