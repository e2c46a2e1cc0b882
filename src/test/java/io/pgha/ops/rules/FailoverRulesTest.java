package io.pgha.ops.rules;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static io.pgha.ops.rules.RulesLibrary.WITNESS;
import static io.pgha.ops.rules.RulesLibrary.ask;
import static io.pgha.ops.rules.RulesLibrary.cell;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every rule that decides who may take writes (templates/pg_rules.sh.ftl), row by row: the rows of
 * docs/fencing.md's tables and every refusal reason, run under bash in seconds, no lab. Each row gives the
 * facts, the verdict the rule must answer and a part of its reason. "?" is a fact not gathered yet.
 */
class FailoverRulesTest {
    private static final Map<String, String> WITH_WITNESS = Map.of("WITNESS_HOST", WITNESS);

    /** The settings with a fence device for the peer ("yes") or without one. */
    private static Map<String, String> device(String yesOrNo) { return yesOrNo.equals("yes") ? RulesLibrary.FENCE_DEVICE : Map.of(); }

    private static void check(String line, String verdict, String because) {
        assertEquals(verdict, line.split(" ", 2)[0], line);
        assertTrue(line.contains(cell(because).replace("\n", " ")), "the reason should say '" + because + "': " + line);
    }

    @ParameterizedTest(name = "boot: fenced={0} peer={1} holder={2} vip={3} witness={4} -> {5}")
    @CsvSource(delimiter = '|', value = {
            // a fenced node never boots writable, whatever else holds
            "at 10:42 | t | db06 | yes | yes | read-only | this node was fenced (at 10:42)",
            // the peer is asked only when the rule needs it
            "''       | ? | ?    | no  | no  | ask-peer  | ''",
            // the peer is a primary: never a second one, and the lease is never taken from it
            "''       | f | ?    | yes | no  | fence     | the peer 10.0.0.7 is a primary",
            "''       | f | ?    | yes | yes | fence     | the peer 10.0.0.7 is a primary",
            // two nodes alone
            "''       | t | ?    | no  | no  | primary   | the peer 10.0.0.7 is a standby",
            "''       | psql: error: timeout | ? | yes | no | primary | does not answer (psql: error: timeout) and this node holds the VIP",
            "''       | psql: error: timeout | ? | no  | no | read-only | and this node does not hold the VIP: cannot tell whether another node is primary",
            // with a witness: the lease decides, and a silent witness leaves the two-node rules
            "''       | t | ?    | no  | yes | ask-witness | ''",
            "''       | psql: error: timeout | db06 | no | yes | primary | the witness 10.0.0.8 granted this node the lease (the peer answers: psql: error: timeout)",
            "''       | t | db07 | yes | yes | read-only | the witness 10.0.0.8 says db07 holds the lease",
            "''       | t | psql: error:\\nno route | no | yes | primary | the peer 10.0.0.7 is a standby",
            "''       | psql: error: timeout | psql: error: no route | yes | yes | primary | this node holds the VIP",
            "''       | psql: error: timeout | psql: error: no route | no | yes | read-only | cannot tell whether another node is primary",
    })
    void safeBoot(String fenced, String peer, String holder, String vip, String witness, String verdict, String because) {
        check(ask(witness.equals("yes") ? WITH_WITNESS : Map.of(), "rule_boot", cell(fenced), cell(peer), cell(holder), vip), verdict, because);
    }

    @ParameterizedTest(name = "promote start: in recovery={0} forced={1} maintenance={2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "f | no  | ''             | nothing | already primary: nothing to promote",
            "f | yes | planned work   | nothing | already primary",
            "psql: error: connection refused | no | '' | refuse | PostgreSQL does not answer here",
            "psql: error: connection refused | yes | '' | refuse | PostgreSQL does not answer here",
            "t | yes | planned work   | forced  | promoting without the peer and lag checks",
            "t | no  | 2026-12-07 kernel update | refuse | maintenance mode is on (2026-12-07 kernel update): no automatic promotion until pgha maintenance off",
            "t | no  | ''             | check   | ''",
    })
    void promotionStart(String inRecovery, String forced, String maintenance, String verdict, String because) {
        check(ask("rule_promote_start", inRecovery, forced, cell(maintenance)), verdict, because);
    }

    @ParameterizedTest(name = "peer evidence: {0} witness or fence device={1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "t | no | standby | the peer 10.0.0.7 answers as a standby",
            "psql: error: connection to server at \"10.0.0.7\", port 54321 failed: Connection refused | no | down | refuses connections (down; it can only start read-only)",
            "f | no | wait | the peer 10.0.0.7 is still a running primary",
            "f | yes | wait | still a running primary",
            "psql: error: FATAL:  the database system is shutting down | no | wait | is stopping or starting",
            "psql: error: FATAL:  the database system is starting up | no | wait | is stopping or starting",
            "psql: error: FATAL:  the database system is not yet accepting connections | no | wait | is stopping or starting",
            "psql: error: FATAL:  the database system is in recovery mode | no | wait | is stopping or starting",
            // silence is no evidence: refused without a witness, the witness asked with one
            "psql: error: timeout expired | no | refuse | the peer 10.0.0.7 does not answer (psql: error: timeout expired): a dead peer and a cut link look the same from here",
            "psql: error:\\nNo route to host | no | refuse | does not answer (psql: error: No route to host)",
            "psql: error: timeout expired | yes | ask-witness | the peer 10.0.0.7 does not answer (psql: error: timeout expired)",
            // silent, no witness, a fence device for the peer: rule_fence_peer decides
            "psql: error: timeout expired | device | ask-fence | the peer 10.0.0.7 does not answer (psql: error: timeout expired)",
            "'' | no | refuse | does not answer ()",
    })
    void peerEvidence(String answer, String witness, String verdict, String because) {
        Map<String, String> settings = witness.equals("yes") ? WITH_WITNESS : witness.equals("device") ? RulesLibrary.FENCE_DEVICE : Map.of();
        check(ask(settings, "rule_peer_evidence", cell(answer)), verdict, because);
    }

    @ParameterizedTest(name = "lease: holder={0} peer silent={1} seen {2} cs ago -> {3}")
    @CsvSource(delimiter = '|', value = {
            "db06 | no  | 0    | granted | granted this node the lease",
            // a silent peer: only once it was last seen as primary LEASE_TTL (8 s) ago: it has fenced itself by then
            "db06 | yes | 800  | granted | (the peer has not renewed it for 8 s)",
            "db06 | yes | 799  | wait    | this node saw the peer 10.0.0.7 as primary 7 s ago (it may still be fencing itself)",
            "db07 | no  | 9999 | wait    | the witness 10.0.0.8 says db07 holds the lease: it is alive and reaches the witness",
            "db07 | yes | 9999 | wait    | says db07 holds the lease",
            "psql: error: timeout | yes | 9999 | wait | the witness 10.0.0.8 does not answer (psql: error: timeout): no evidence either way",
            "'' | no | 0 | wait | does not answer (): no evidence either way",
    })
    void lease(String holder, String peerSilent, String seenAgo, String verdict, String because) {
        check(ask(WITH_WITNESS, "rule_lease", cell(holder), peerSilent, seenAgo), verdict, because);
    }

    @ParameterizedTest(name = "heartbeat lag: beat={0} seen={1} now={2} -> {3} {4}")
    @CsvSource(delimiter = ';', value = {
            "2026-12-07 10:42:00+00 ; 2026-12-07 10:42:00+00|1000 ; 7000 ; lag ; 60",
            "2026-12-07 10:42:00+00 ; 2026-12-07 10:42:00+00|1000 ; 1050 ; lag ; 0",
            // a heartbeat newer than the health check's last look arrived within the last check
            "2026-12-07 10:42:05+00 ; 2026-12-07 10:42:00+00|1000 ; 9000 ; lag ; 0",
            "2026-12-07 10:42:00+00 ; 2026-12-07 10:42:00+00|garbage ; 9000 ; lag ; 0",
            "'' ; 2026-12-07 10:42:00+00|1000 ; 1050 ; refuse ; cannot read the replication heartbeat (sr_delay)",
            "2026-12-07 10:42:00+00 ; '' ; 1050 ; refuse ; no record of when this node last replayed a heartbeat (/run/pgha-heartbeat-seen): its health check has not run as a standby since the node booted",
    })
    void heartbeatLag(String beat, String seen, String now, String verdict, String because) {
        check(ask("rule_heartbeat_lag", cell(beat), cell(seen), now), verdict, because);
    }

    @ParameterizedTest(name = "data safety: mode={0} caught up={1} lag={2} sync of={3} -> {4}")
    @CsvSource(delimiter = '|', value = {
            // the peer answers as a standby and this node has all its WAL: nothing can be missing, whatever the lag
            "async  | yes | 9999 | ''     | promote | this node has all the WAL the peer has",
            "sync   | yes | 9999 | ''     | promote | nothing acknowledged can be missing",
            "async  | no  | 60   | ''     | promote | standby is 60 s behind (limit 60 s)",
            "async  | no  | 61   | ''     | refuse  | standby is 61 s behind (limit 60 s)",
            // synchronous: only the standby the newest heartbeat names, and only before the primary can have degraded
            "sync   | no  | 6    | pgdb01 | promote | synchronous (sync): this node was the primary's synchronous standby 6 s ago",
            "sync   | no  | 7    | pgdb01 | refuse  | the primary was last heard 7 s ago; it goes asynchronous after 10 s without this node",
            "sync   | no  | 0    | ''     | refuse  | the primary was not synchronous with this node at its newest heartbeat (no synchronous standby)",
            "sync   | no  | 0    | pgdb09 | refuse  | (pgdb09): it may have acknowledged writes this node lacks",
            "strict | no  | 500  | pgdb01 | promote | synchronous (strict): this node was the primary's synchronous standby 500 s ago",
            "strict | no  | 0    | ''     | refuse  | the primary was not synchronous with this node",
    })
    void dataSafety(String mode, String caughtUp, String lag, String syncOf, String verdict, String because) {
        check(ask(Map.of("REPLICATION_MODE", mode), "rule_data_safety", caughtUp, lag, cell(syncOf)), verdict, because);
    }

    @ParameterizedTest(name = "fence: {0} after {1}, cluster={2}, standby={3} -> {5}")
    @CsvSource(delimiter = '|', value = {
            // keepalived's first state after it starts: safe boot judged that start
            "BACKUP | ''     | yes | no  | ''  | ignore | this node was in no state, not MASTER: nothing to fence",
            "FAULT  | BACKUP | yes | no  | ''  | ignore | this node was BACKUP, not MASTER",
            // a primary that served as MASTER and leaves it, or stops keepalived, is fenced
            "BACKUP | MASTER | yes | no  | ''  | fence  | keepalived went BACKUP while this node was primary",
            "FAULT  | MASTER | yes | no  | ''  | fence  | keepalived went FAULT while this node was primary",
            "STOP   | BACKUP | yes | no  | ''  | fence  | keepalived went STOP while this node was primary",
            "LEASE  | ''     | yes | no  | the witness 10.0.0.8 gave the lease to db07 | fence | the witness 10.0.0.8 gave the lease to db07",
            "STOP   | MASTER | no  | no  | ''  | skip   | no cluster in /var/lib/postgresql/15/main: nothing to fence",
            "FAULT  | MASTER | yes | yes | ''  | skip   | already a standby: nothing to fence",
            "LEASE  | ''     | yes | yes | cut off | skip | already a standby",
    })
    void fence(String event, String previous, String cluster, String standby, String leaseWhy, String verdict, String because) {
        check(ask("rule_fence", event, cell(previous), cluster, standby, cell(leaseWhy)), verdict, because);
    }

    @ParameterizedTest(name = "keeper: role={0} holder={1} peer={2} since={3} cs -> {4}")
    @CsvSource(delimiter = '|', value = {
            "t | ? | ? | 0 | standby | ''",
            "psql: error: connection refused | ? | ? | 0 | down | PostgreSQL does not answer here",
            "f | ? | ? | 0 | ask-witness | ''",
            "f | db06 | ? | 0 | renewed | primary: holds the lease at the witness 10.0.0.8",
            // the witness names another holder: fenced at once, whatever the standby says
            "f | db07 | t | 0 | fence | the witness 10.0.0.8 gave the lease to db07",
            // the witness silent: the standby is asked, and it keeps the primary writable
            "f | psql: error: timeout | ? | 0 | ask-peer | ''",
            "f | psql: error: timeout | t | 9999 | stay | primary: the witness 10.0.0.8 does not answer (psql: error: timeout); the standby 10.0.0.7 does: staying primary",
            // neither: fenced once FENCE_AFTER (2 s) has passed since the last contact
            "f | psql: error: timeout | psql: error: timeout | 199 | wait | primary: neither the witness nor the standby answers (psql: error: timeout); fencing after 2 s",
            "f | psql: error: timeout | psql: error: timeout | 200 | fence | neither the witness 10.0.0.8 nor the standby 10.0.0.7 answered for 2 s",
            "f | psql: error: timeout | f | 200 | fence | neither the witness",
    })
    void leaseKeeper(String role, String holder, String peer, String since, String verdict, String because) {
        check(ask(WITH_WITNESS, "rule_keeper", cell(role), cell(holder), cell(peer), since), verdict, because);
    }

    @ParameterizedTest(name = "fence the peer: device={0} fenced={1} seen={2} tie-breaker={3} power={4} silent {5} s -> {6}")
    @CsvSource(delimiter = '|', value = {
            // no fence device: the rules without one decide
            "no  | ''       | yes | yes | on  | 99 | none    | ''",
            // a node that was fenced never shoots back: no fence loop
            "yes | at 10:42 | yes | yes | on  | 99 | refuse  | this node was fenced (at 10:42): a fenced node never shoots its peer",
            // booted without ever seeing the peer (powered off by it, perhaps): no shooting back
            "yes | ''       | no  | yes | on  | 99 | refuse  | this node has not seen its peer since it booted: it shoots nobody",
            "yes | ''       | yes | ?   | ?   | 0  | ask-tiebreaker | ''",
            // a node that reaches nothing may be the one cut off: it shoots nobody
            "yes | ''       | yes | no  | on  | 99 | refuse  | this node reaches neither its peer nor the tie-breaker 10.0.0.1: it may be the one cut off, and shoots nobody",
            "yes | ''       | yes | yes | ?   | 0  | ask-power | ''",
            // a dead host: its controller says off, nothing to wait for
            "yes | ''       | yes | yes | off | 0  | off     | the peer's power controller says its power is off",
            // a controller that died with its host (power loss), or refuses: nothing can be proved
            "yes | ''       | yes | yes | Connection timed out | 99 | refuse | the peer's power controller does not answer (Connection timed out): it cannot be fenced",
            // on and silent: the primary's side shoots first; this side waits FENCE_DELAY (4 s)
            "yes | ''       | yes | yes | on  | 3  | wait    | the standby's side waits 4 s before it shoots (silent for 3 s)",
            "yes | ''       | yes | yes | on  | 4  | shoot   | the peer 10.0.0.7 has been silent for 4 s and its power is on",
    })
    void fenceThePeer(String device, String fenced, String seen, String tiebreaker, String power, String silentFor, String verdict,
                      String because) {
        check(ask(device(device), "rule_fence_peer", cell(fenced), seen, tiebreaker, power, silentFor),
                verdict, because);
    }

    @ParameterizedTest(name = "fence the standby: device={0} fenced={1} tie-breaker={2} silent {3} s shot={4} -> {5}")
    @CsvSource(delimiter = '|', value = {
            "no  | ''       | yes | 99 | no  | none   | ''",
            "yes | at 10:42 | yes | 99 | no  | refuse | a fenced node never shoots its peer",
            // once: a standby powered off is not shot again
            "yes | ''       | yes | 99 | yes | done   | the standby 10.0.0.7 was powered off already",
            // the primary's side shoots after FENCE_STANDBY_AFTER (2 s), before the standby's side may (4 s)
            "yes | ''       | ?   | 1  | no  | wait   | the standby 10.0.0.7 is silent for 1 s (shot after 2 s)",
            "yes | ''       | ?   | 2  | no  | ask-tiebreaker | ''",
            "yes | ''       | no  | 2  | no  | refuse | this node reaches neither its standby nor the tie-breaker 10.0.0.1",
            "yes | ''       | yes | 2  | no  | shoot  | the standby 10.0.0.7 has been silent for 2 s",
    })
    void fenceTheStandby(String device, String fenced, String tiebreaker, String silentFor, String shot, String verdict, String because) {
        check(ask(device(device), "rule_fence_standby", cell(fenced), tiebreaker, silentFor, shot),
                verdict, because);
    }

    @ParameterizedTest(name = "fence outcome: off exit {0}, status exit {1} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "0 | 2 | ''                              | confirmed | fence_ipmilan powered the peer 10.0.0.7 off, and its status says off",
            // a power-off that failed (a wrong password, a controller gone) proves nothing
            "1 | 2 | Failed: Unable to obtain correct plug status or plug is not available | failed | fence_ipmilan could not power the peer off (exit 1: Failed: Unable to obtain",
            "124 | ? | ''                            | failed | could not power the peer off (exit 124)",
            // off said success, but a separate status must say off too
            "0 | 0 | ''                              | failed | its status then said on",
            "0 | 1 | ''                              | failed | its status then said nothing sure (exit 1)",
    })
    void fenceOutcome(String off, String status, String out, String verdict, String because) {
        check(ask(RulesLibrary.FENCE_DEVICE, "rule_fence_outcome", off, status, cell(out)), verdict, because);
    }
}
