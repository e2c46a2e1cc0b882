#!/bin/bash
# pgha lease keeper on ${inventory_hostname} (systemd unit ${pg_lease_keeper_service}): the nodes' half
# of fencing with the witness ${pg_witness_host}. Every ${pg_lease_interval} s:
#   primary: renews the cluster's lease at the witness. It stays writable only while it reaches the
#            witness or its standby: after ${pg_lease_fence_after} s with neither (cut off, or the witness
#            and the standby both gone), or at once when the witness names another holder, it fences
#            itself (pg_fence.sh LEASE: read-only, VIP given up).
#   standby: gives back a lease it holds (it was fenced), and records when it last saw the peer ${pg_peer_address} answer as a primary: the promotion
#            guard takes over without hearing the peer only ${pg_lease_ttl} s after that.
# The ordering: the primary fences within ${pg_lease_fence_after} s + two rounds of its last contact; the
# witness grants the lease, and the standby promotes, ${pg_lease_ttl} s after it at the earliest.
# Rendered by pgha from templates/pg_lease_keeper.sh.ftl (root:root 0700).
<#include "/ka_env.ftl">
INTERVAL=${pg_lease_interval}
FENCE=${ka_notify_fence}
KEEPER_LOG=${ka_fence_log}
log() { echo -e "$(date '+%F %T'): $*" >> "$KEEPER_LOG"; }
mkdir -p "$(dirname "$KEEPER_LOG")"
# What the keeper last did, for pgha status (rewritten each round, so its age shows the keeper runs).
state() { echo "$(date '+%F %T') $1" > "$LEASE_FILE.tmp" && mv "$LEASE_FILE.tmp" "$LEASE_FILE"; chmod 0644 "$LEASE_FILE"; }

last_contact=$(uptime_cs)   # a primary that just started was judged by safe boot
# A new version of this script (bootstrap, push-config) takes over at once: no handler to forget.
self_version=$(stat -c %Y "$0")
said=
say_once() { [ "$said" = "$1" ] || log "lease keeper: $1"; said=$1; }
while true; do
    started=$(uptime_cs)
    # as root, like the health check (peer authentication maps root to the health-check role)
    role=$(timeout -k 1 "$LEASE_CALL_TIMEOUT" psql -X -At -c 'select pg_is_in_recovery()' 2>/dev/null)
    holder='?' peer='?'
    while :; do   # rule_keeper decides; the facts it asks for are gathered here
        read -r decision reason <<< "$(rule_keeper "$role" "$holder" "$peer" $(( $(uptime_cs) - last_contact )))"
        case "$decision" in
            ask-witness) holder=$(lease_take) ;;
            ask-peer) peer=$(PG_CALL_TIMEOUT=$LEASE_CALL_TIMEOUT peer_sql 'select pg_is_in_recovery()') ;;
            *) break ;;
        esac
    done
    case "$decision" in
        renewed)
            last_contact=$started
            state "$reason"
            say_once "$reason" ;;
        stay)
            last_contact=$started
            state "primary: the witness does not answer ($(one_line "$holder")); the standby does: staying primary"
            say_once "$reason" ;;
        wait)
            state "$reason" ;;
        fence)
            if names_a_node "$holder"; then
                state "primary: the witness gives the lease to $holder: fencing"
                log "lease keeper: the witness $WITNESS_HOST gives the lease to $holder: fencing this primary"
            else
                state "primary: neither the witness nor the standby answered for $FENCE_AFTER s: fencing"
                log "lease keeper: neither the witness $WITNESS_HOST ($(one_line "$holder")) nor the standby $PEER_HOST answered for $FENCE_AFTER s: fencing this primary"
            fi
            "$FENCE" LEASE "$reason" ;;
        standby)
            last_contact=$started
            # A standby takes no writes: a lease it still holds (it was fenced) is given back at once, so
            # the other node need not wait for it to expire; not while its promotion guard runs (it took the
            # lease to promote).
            [ -e "$PROMOTING_FILE" ] || lease_release
            if [ "$(PG_CALL_TIMEOUT=$LEASE_CALL_TIMEOUT peer_sql 'select pg_is_in_recovery()')" = f ]; then
                echo "$started" > "$PEER_SEEN_FILE"
            fi
            state "standby"
            said= ;;
        *)
            # PostgreSQL down, starting or stopping here: nothing writable to fence
            last_contact=$started
            state "$reason"
            said= ;;
    esac
    sleep "$INTERVAL"
    if [ "$(stat -c %Y "$0" 2>/dev/null)" != "$self_version" ]; then
        log "lease keeper: $0 changed: restarting it"
        exec "$0"
    fi
done
