#!/bin/bash
# keepalived notify_master on ${inventory_hostname}: this node just took the VIP ${ka_vip_address};
# promote the local standby, unless that would lose data or split the brain.
# Rendered by pgha from templates/pg_active_standby.sh.ftl (root:root 0700).
# Refuses (and logs why) when:
#   - the local PostgreSQL is not a standby (nothing to promote) or does not answer;
#   - the peer ${pg_peer_address} still answers as a primary (keepalived stopped there while
#     PostgreSQL runs: promoting would make two primaries, problem 3 of the article);
#   - the newest heartbeat this standby replayed is older than ${pg_promote_max_lag_seconds} s, or cannot be read
#     (the article's LAG_MINUTES guard, which it defined but never used).
# touch ${pg_promote_force_file} to promote anyway (once; the file is removed).

# env setting
export PGPORT=${pg_port}
export PGUSER=${pg_monitor_user}
export PGDATABASE=${pg_monitor_db}
export PGHOST=${pg_socket_dir}
export PGCONNECT_TIMEOUT=5
export PGDATA=${pg_data}
export LANG=${os_script_lang}
export PGHOME=${pg_prefix}
export LD_LIBRARY_PATH=${pg_lib_dir}:/lib64:/usr/lib64:/usr/local/lib64:/lib:/usr/lib:/usr/local/lib
export PATH=${pg_bin_dir}:$PATH

# variables setting
PG_OS_USER=${pg_user}
LAG_SECONDS=${pg_promote_max_lag_seconds}
FORCE_FILE=${pg_promote_force_file}
PROMOTE_METHOD=${pg_promote_method}
PROMOTE_TIMEOUT=${pg_promote_timeout}
PEER_HOST=${pg_peer_address}
FAILOVER_LOG=${ka_failover_log}
SQL1='select pg_is_in_recovery();'
SQL2="select coalesce(extract(epoch from now() - max(last_alive))::bigint, -1) from ${pg_monitor_table};"

log() { echo -e "$(date '+%F %T'): $*" >> "$FAILOVER_LOG"; }
mkdir -p "$(dirname "$FAILOVER_LOG")"
# as the postgres OS user, with its .pgpass (runuser keeps root's HOME)
as_pg() { runuser -u "$PG_OS_USER" -- env PATH="$PATH" LD_LIBRARY_PATH="$LD_LIBRARY_PATH" PGPASSFILE=${pg_pgpass_file} PGCONNECT_TIMEOUT=3 "$@"; }

# VIP moved here: log it
log "keepalived VIP switchover!"

# Is this node a standby?
in_recovery=$(psql -X -At -c "$SQL1" 2>>"$FAILOVER_LOG")
if [ "$in_recovery" != "t" ]; then
    if [ "$in_recovery" = "f" ]; then
        log "$(hostname) is not standby database, failover not allow! (already primary: nothing to promote)"
    else
        log "$(hostname) PostgreSQL does not answer, failover not allow!"
    fi
    exit 1
fi

forced=no
if [ -e "$FORCE_FILE" ]; then
    forced=yes
    rm -f "$FORCE_FILE"
    log "$FORCE_FILE present: promoting without the peer and lag checks."
fi

if [ "$forced" = no ]; then
    # The peer still a running primary? Then keepalived, not PostgreSQL, failed there.
    peer_recovery=$(as_pg psql -X -At -h "$PEER_HOST" -p "$PGPORT" -U "${pg_monitor_user}" -d "${pg_monitor_db}" -c "$SQL1" 2>/dev/null)
    if [ "$peer_recovery" = "f" ]; then
        log "peer $PEER_HOST is still a running primary: promoting would make two primaries, failover not allow! (touch $FORCE_FILE to force)"
        exit 1
    fi
    # How old is the newest heartbeat replayed here?
    lag=$(psql -X -At -c "$SQL2" 2>>"$FAILOVER_LOG")
    case "$lag" in
        ''|*[!0-9-]*|-1)
            log "cannot read the replication heartbeat (${pg_monitor_table}: '$lag'), failover not allow! (touch $FORCE_FILE to force)"
            exit 1 ;;
    esac
    log "STANDBY_LAG: $lag s (limit $LAG_SECONDS s)"
    if [ "$lag" -gt "$LAG_SECONDS" ]; then
        log "standby is $lag s behind (limit $LAG_SECONDS s), failover not allow! (touch $FORCE_FILE to force)"
        exit 1
    fi
fi

# pg_failover: promote the standby
if [ "$PROMOTE_METHOD" = sql ]; then
    out=$(as_pg psql -X -At -h "$PGHOST" -p "$PGPORT" -d ${pg_database} -c "select pg_promote(true, $PROMOTE_TIMEOUT);" 2>&1)
    rc=$?
    [ "$out" = t ] || rc=1
else
    out=$(as_pg pg_ctl promote -D "$PGDATA" -w -t "$PROMOTE_TIMEOUT" 2>&1)
    rc=$?
fi
if [ $rc -eq 0 ]; then
    log "$(hostname) promote standby success."
else
    log "$(hostname) promote standby FAILED ($PROMOTE_METHOD, exit $rc): $out"
    exit 1
fi
