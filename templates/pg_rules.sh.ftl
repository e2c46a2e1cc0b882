<#-- pgha's failover rules, one place: included by ka_env.ftl into every keepalived script and the lease keeper,
     and run alone by DecisionRulesTest (table tests, no lab). Plain bash, no template values inside. -->
<#noparse>
# ---- The rules: who may take writes (docs/fencing.md). Each rule takes the facts as arguments, reads
# nothing and changes nothing, and prints one line: its verdict (one word) and why. A fact given as "?"
# was not gathered yet: a rule that needs it answers "ask-peer" or "ask-witness", the caller gathers it
# (each costs a network call, and taking the lease is an act) and asks again. The callers (safe boot,
# the promotion guard, the fence, the lease keeper) gather facts, ask, log and act.
# The cluster's settings come from ka_env: PEER_HOST, WITNESS_HOST, LEASE_ME, LEASE_TTL, REPLICATION_MODE,
# LAG_SECONDS, MY_APP_NAME, CHECK_INTERVAL, DEGRADE_AFTER, MONITOR_TABLE, HEARTBEAT_SEEN_FILE, FENCE_AFTER, PGDATA,
# and for power fencing PEER_FENCE_AGENT, TIEBREAKER, FENCE_DELAY, FENCE_STANDBY_AFTER.

verdict() { local v=$1; shift; echo "$v $*"; }
# Whether the witness's answer names a node (the holder) rather than being psql's error.
names_a_node() { [[ "$1" =~ ^[A-Za-z0-9][A-Za-z0-9._-]*$ ]]; }
# A command's output on one line, for a log line.
one_line() { local s=$1; echo "${s//$'\n'/ }"; }

# Safe boot: may a data directory without standby.signal start as a writable primary?
# rule_boot FENCED_WHY PEER_ANSWER LEASE_HOLDER HOLDS_VIP
#   FENCED_WHY   the fenced mark's text, empty when this node is not fenced
#   PEER_ANSWER  the peer's pg_is_in_recovery(): t, f, or psql's error
#   LEASE_HOLDER what the witness answered to this node taking the lease: a node's name or the error
#   HOLDS_VIP    yes | no
# Verdicts: primary | read-only | fence (the peer is a primary: read-only, and the node marked fenced)
rule_boot() {
    local fenced=$1 peer=$2 holder=$3 vip=$4
    [ -n "$fenced" ] && { verdict read-only "this node was fenced ($fenced)"; return; }
    [ "$peer" = "?" ] && { verdict ask-peer; return; }
    [ "$peer" = f ] && { verdict fence "the peer $PEER_HOST is a primary"; return; }
    if [ -n "$WITNESS_HOST" ]; then
        [ "$holder" = "?" ] && { verdict ask-witness; return; }
        [ "$holder" = "$LEASE_ME" ] && { verdict primary "the witness $WITNESS_HOST granted this node the lease (the peer answers: $(one_line "$peer"))"; return; }
        names_a_node "$holder" && { verdict read-only "the witness $WITNESS_HOST says $holder holds the lease"; return; }
    fi
    [ "$peer" = t ] && { verdict primary "the peer $PEER_HOST is a standby"; return; }
    [ "$vip" = yes ] && { verdict primary "the peer $PEER_HOST does not answer ($(one_line "$peer")) and this node holds the VIP"; return; }
    verdict read-only "the peer $PEER_HOST does not answer ($(one_line "$peer")) and this node does not hold the VIP: cannot tell whether another node is primary"
}

# Promotion guard, first: is there anything to promote, and may it be checked at all?
# rule_promote_start IN_RECOVERY FORCED MAINTENANCE
#   IN_RECOVERY  this node's pg_is_in_recovery(): t, f, or psql's error
#   FORCED       yes when a person asked to promote anyway (the force file)
#   MAINTENANCE  the maintenance mark's first line, empty when off
# Verdicts: nothing (already primary) | refuse | forced | check
rule_promote_start() {
    local in_recovery=$1 forced=$2 maintenance=$3
    [ "$in_recovery" = f ] && { verdict nothing "already primary: nothing to promote"; return; }
    [ "$in_recovery" = t ] || { verdict refuse "PostgreSQL does not answer here"; return; }
    [ "$forced" = yes ] && { verdict forced "promoting without the peer and lag checks"; return; }
    [ -n "$maintenance" ] && { verdict refuse "maintenance mode is on ($maintenance): no automatic promotion until pgha maintenance off"; return; }
    verdict check
}

# Promotion guard: what the peer's answer proves. Positive evidence only: a silent peer proves nothing.
# rule_peer_evidence PEER_ANSWER
# Verdicts: standby, down (evidence) | wait (ask again until the wait ends) | ask-witness (silent, with a
# witness) | ask-fence (silent, without a witness, with a fence device for the peer: rule_fence_peer) | refuse
# (silent, with neither)
rule_peer_evidence() {
    local answer=$1 silent
    case "$answer" in
        t) verdict standby "the peer $PEER_HOST answers as a standby" ;;
        f) verdict wait "the peer $PEER_HOST is still a running primary" ;;
        *"Connection refused"*) verdict down "PostgreSQL on the peer $PEER_HOST refuses connections (down; it can only start read-only)" ;;
        *"shutting down"*|*"starting up"*|*"not yet accepting"*|*"recovery mode"*) verdict wait "PostgreSQL on the peer $PEER_HOST is stopping or starting" ;;
        *) silent="the peer $PEER_HOST does not answer ($(one_line "$answer"))"
           if [ -n "$WITNESS_HOST" ]; then verdict ask-witness "$silent"
           elif [ -n "$PEER_FENCE_AGENT" ]; then verdict ask-fence "$silent"
           else verdict refuse "$silent: a dead peer and a cut link look the same from here"; fi ;;
    esac
}

# Promotion guard, with a witness: has it granted this node the lease, and may it be used?
# rule_lease LEASE_HOLDER PEER_SILENT PEER_SEEN_AGO_CS
#   PEER_SILENT       yes when the peer does not answer at all (then the lease alone is the evidence, and
#                     only once this node last saw the peer as primary LEASE_TTL s ago: it has fenced itself by then)
#   PEER_SEEN_AGO_CS  how long ago this node last saw the peer answer as a primary, 1/100 s of its uptime
# Verdicts: granted | wait (ask again until LEASE_TTL + 3 s have passed, then refuse with the reason)
rule_lease() {
    local holder=$1 peer_silent=$2 seen_ago=$3
    if [ "$holder" = "$LEASE_ME" ]; then
        [ "$peer_silent" = no ] && { verdict granted "the witness $WITNESS_HOST granted this node the lease"; return; }
        [ "$seen_ago" -ge $(( LEASE_TTL * 100 )) ] && { verdict granted "the witness $WITNESS_HOST granted this node the lease (the peer has not renewed it for $LEASE_TTL s)"; return; }
        verdict wait "this node saw the peer $PEER_HOST as primary $(( seen_ago / 100 )) s ago (it may still be fencing itself)"
    elif names_a_node "$holder"; then
        verdict wait "the witness $WITNESS_HOST says $holder holds the lease: it is alive and reaches the witness"
    else
        verdict wait "the witness $WITNESS_HOST does not answer ($(one_line "$holder")): no evidence either way"
    fi
}

# Promotion guard: how far behind is this standby, on its own clock? The health check notes, by uptime,
# when each new heartbeat value first appears here ("VALUE|UPTIME_CS"): clocks that disagree between the
# nodes cannot make a stale standby look fresh.
# rule_heartbeat_lag NEWEST_HEARTBEAT SEEN_MARK NOW_CS
# Verdicts: lag SECONDS | refuse
rule_heartbeat_lag() {
    local beat=$1 seen=$2 now=$3 seen_at
    [ -n "$beat" ] || { verdict refuse "cannot read the replication heartbeat ($MONITOR_TABLE)"; return; }
    seen_at=${seen##*|}
    if [ -n "$seen" ] && [ "${seen%|*}" = "$beat" ] && [[ "$seen_at" =~ ^[0-9]+$ ]]; then
        verdict lag $(( (now - seen_at) / 100 ))
    elif [ -n "$seen" ]; then
        verdict lag 0   # newer than the health check's last look: it arrived within the last check interval
    else
        verdict refuse "no record of when this node last replayed a heartbeat ($HEARTBEAT_SEEN_FILE): its health check has not run as a standby since the node booted"
    fi
}

# Promotion guard, last: can promoting lose an acknowledged write?
# rule_data_safety CAUGHT_UP LAG_SECONDS SYNC_STANDBY_OF_NEWEST_HEARTBEAT
#   CAUGHT_UP  yes when the peer answers as a standby and this node has all the WAL it has (WAL positions,
#              not clocks: then nothing acknowledged can be missing, whatever the heartbeat's age)
# Verdicts: promote | refuse
rule_data_safety() {
    local caught_up=$1 lag=$2 sync_of=$3
    [ "$caught_up" = yes ] && { verdict promote "this node has all the WAL the peer has: nothing acknowledged can be missing"; return; }
    if [ "$REPLICATION_MODE" = async ]; then
        [ "$lag" -gt "$LAG_SECONDS" ] && { verdict refuse "standby is $lag s behind (limit $LAG_SECONDS s)"; return; }
        verdict promote "standby is $lag s behind (limit $LAG_SECONDS s)"
        return
    fi
    # Synchronous: every commit the primary acknowledged while this node was its synchronous standby is
    # here. Only if it was (the newest heartbeat says so) and the primary cannot have gone asynchronous
    # since: it degrades DEGRADE_AFTER s after this node stopped streaming, and this node heard from it
    # LAG s ago (one check interval and 2 s of margin on top).
    [ "$sync_of" = "$MY_APP_NAME" ] || { verdict refuse "the primary was not synchronous with this node at its newest heartbeat (${sync_of:-no synchronous standby}): it may have acknowledged writes this node lacks"; return; }
    if [ "$REPLICATION_MODE" = sync ] && [ $(( lag + CHECK_INTERVAL + 2 )) -ge "$DEGRADE_AFTER" ]; then
        verdict refuse "the primary was last heard $lag s ago; it goes asynchronous after $DEGRADE_AFTER s without this node and may have acknowledged writes since"
        return
    fi
    verdict promote "synchronous ($REPLICATION_MODE): this node was the primary's synchronous standby $lag s ago; nothing acknowledged can be missing"
}

# The fence: must this node stop taking writes now?
# rule_fence EVENT PREVIOUS_VRRP_STATE HAS_CLUSTER IS_STANDBY_DIR [LEASE_WHY]
#   EVENT  keepalived's BACKUP, FAULT or STOP, or LEASE (the lease keeper, with its reason)
# Only a node that served as MASTER is demoted by BACKUP or FAULT: keepalived starts every instance in
# BACKUP (or FAULT while PostgreSQL is still starting at boot), and safe boot has judged that start.
# Stopping keepalived on a primary always fences it: it gives the VIP up.
# Verdicts: fence WHY | skip (nothing to fence, and why) | ignore (keepalived's first state since it started)
rule_fence() {
    local event=$1 previous=$2 has_cluster=$3 is_standby=$4 lease_why=$5
    if [ "$event" != LEASE ] && [ "$event" != STOP ] && [ "$previous" != MASTER ]; then
        verdict ignore "this node was ${previous:-in no state}, not MASTER: nothing to fence"; return
    fi
    [ "$has_cluster" = yes ] || { verdict skip "no cluster in $PGDATA: nothing to fence"; return; }
    [ "$is_standby" = yes ] && { verdict skip "already a standby: nothing to fence"; return; }
    if [ "$event" = LEASE ]; then verdict fence "$lease_why"; else verdict fence "keepalived went $event while this node was primary"; fi
}

# The lease keeper on a primary, each round: renew, stay, or fence itself?
# rule_keeper ROLE LEASE_HOLDER PEER_ANSWER SINCE_CONTACT_CS
#   ROLE              this node's pg_is_in_recovery(): f (primary), t (standby), or the error (down)
#   SINCE_CONTACT_CS  1/100 s since this primary last reached the witness or its standby
# A primary stays writable only while it reaches the witness or its standby: after FENCE_AFTER s with
# neither, or at once when the witness names another holder, it fences itself.
# Verdicts: renewed | stay (the witness is silent, the standby answers) | wait | fence | standby | down
rule_keeper() {
    local role=$1 holder=$2 peer=$3 since=$4 why
    [ "$role" = t ] && { verdict standby; return; }
    [ "$role" = f ] || { verdict down "PostgreSQL does not answer here"; return; }
    [ "$holder" = "?" ] && { verdict ask-witness; return; }
    [ "$holder" = "$LEASE_ME" ] && { verdict renewed "primary: holds the lease at the witness $WITNESS_HOST"; return; }
    names_a_node "$holder" && { verdict fence "the witness $WITNESS_HOST gave the lease to $holder"; return; }
    why=$(one_line "$holder")
    [ "$peer" = "?" ] && { verdict ask-peer; return; }
    [ "$peer" = t ] && { verdict stay "primary: the witness $WITNESS_HOST does not answer ($why); the standby $PEER_HOST does: staying primary"; return; }
    [ "$since" -ge $(( FENCE_AFTER * 100 )) ] && { verdict fence "neither the witness $WITNESS_HOST nor the standby $PEER_HOST answered for $FENCE_AFTER s"; return; }
    verdict wait "primary: neither the witness nor the standby answers ($why); fencing after $FENCE_AFTER s"
}

# Power fencing, the standby's side: the peer does not answer at all; may this node cut its power and promote?
# rule_fence_peer FENCED_WHY SEEN_SINCE_BOOT REACHES_TIEBREAKER PEER_POWER SILENT_FOR_S
#   FENCED_WHY          the fenced mark's text, empty when this node was never fenced: a fenced node never shoots
#                       (it was shot or demoted, and booted: shooting back would make a fence loop)
#   SEEN_SINCE_BOOT     yes when this node replayed its peer's heartbeat since it booted: a node that booted
#                       without ever seeing its peer shoots nobody (Pacemaker's wait_for_all: no shooting back
#                       after being powered off)
#   REACHES_TIEBREAKER  yes | no: whether this node reaches TIEBREAKER (the default gateway): a node that reaches
#                       nothing may be the one cut off, and shoots nobody
#   PEER_POWER          what the peer's power controller says before anything is done: on, off, or its error
#   SILENT_FOR_S        how long the peer has been silent, by this node's clock
# A dead host's controller says off: nothing to shoot, promote at once. A host that is on but silent may be a
# live primary cut off from this node only: the primary's side shoots a silent standby after FENCE_STANDBY_AFTER s,
# so this side waits FENCE_DELAY s (longer) before it shoots, and the primary's side wins a race.
# Verdicts: none (no fence device: the rules without one) | refuse | ask-tiebreaker | ask-power | off (already
# off: promote) | wait | shoot
rule_fence_peer() {
    local fenced=$1 seen=$2 tiebreaker=$3 power=$4 silent_for=$5
    [ -n "$PEER_FENCE_AGENT" ] || { verdict none; return; }
    [ -n "$fenced" ] && { verdict refuse "this node was fenced ($fenced): a fenced node never shoots its peer"; return; }
    [ "$seen" = yes ] || { verdict refuse "this node has not seen its peer since it booted: it shoots nobody (it may have been powered off by it)"; return; }
    [ "$tiebreaker" = "?" ] && { verdict ask-tiebreaker; return; }
    [ "$tiebreaker" = yes ] || { verdict refuse "this node reaches neither its peer nor the tie-breaker $TIEBREAKER: it may be the one cut off, and shoots nobody"; return; }
    [ "$power" = "?" ] && { verdict ask-power; return; }
    [ "$power" = off ] && { verdict off "the peer's power controller says its power is off"; return; }
    [ "$power" = on ] || { verdict refuse "the peer's power controller does not answer ($(one_line "$power")): it cannot be fenced"; return; }
    [ "$silent_for" -ge "$FENCE_DELAY" ] || { verdict wait "the peer $PEER_HOST is silent and its power is on: the standby's side waits $FENCE_DELAY s before it shoots (silent for $silent_for s)"; return; }
    verdict shoot "the peer $PEER_HOST has been silent for $silent_for s and its power is on"
}

# Power fencing, the primary's side: its standby does not answer at all; cut its power (once), so that nothing
# can promote there and, in synchronous mode, this primary may go asynchronous at once?
# rule_fence_standby FENCED_WHY REACHES_TIEBREAKER SILENT_FOR_S ALREADY_SHOT
# Verdicts: none | refuse | wait | done (powered off already) | ask-tiebreaker | shoot
rule_fence_standby() {
    local fenced=$1 tiebreaker=$2 silent_for=$3 shot=$4
    [ -n "$PEER_FENCE_AGENT" ] || { verdict none; return; }
    [ -n "$fenced" ] && { verdict refuse "this node was fenced ($fenced): a fenced node never shoots its peer"; return; }
    [ "$shot" = yes ] && { verdict done "the standby $PEER_HOST was powered off already"; return; }
    [ "$silent_for" -ge "$FENCE_STANDBY_AFTER" ] || { verdict wait "the standby $PEER_HOST is silent for $silent_for s (shot after $FENCE_STANDBY_AFTER s)"; return; }
    [ "$tiebreaker" = "?" ] && { verdict ask-tiebreaker; return; }
    [ "$tiebreaker" = yes ] || { verdict refuse "this node reaches neither its standby nor the tie-breaker $TIEBREAKER: it may be the one cut off, and shoots nobody"; return; }
    verdict shoot "the standby $PEER_HOST has been silent for $silent_for s"
}

# Power fencing: did the shot take? Only a power-off that succeeded (method onoff: the agent waits for the power
# to go) followed by a separate status that says off (exit 2, the agents' convention) is proof.
# rule_fence_outcome OFF_EXIT STATUS_EXIT [AGENT_OUTPUT]
# Verdicts: confirmed | failed
rule_fence_outcome() {
    local off=$1 status=$2 out=$3
    [ "$off" = 0 ] || { verdict failed "$PEER_FENCE_AGENT could not power the peer off (exit $off${out:+: $(one_line "$out")})"; return; }
    [ "$status" = 2 ] || { verdict failed "$PEER_FENCE_AGENT powered the peer off, but its status then said $([ "$status" = 0 ] && echo on || echo "nothing sure (exit $status)")"; return; }
    verdict confirmed "$PEER_FENCE_AGENT powered the peer $PEER_HOST off, and its status says off"
}
</#noparse>
