package io.pgha.ops.status;

import java.util.List;

/**
 * What a node's PostgreSQL says of itself.
 *
 * @param inRecovery    pg_is_in_recovery(): a standby (or a node still recovering)
 * @param version       server_version
 * @param timeline      the timeline it writes (primary) or has reached (standby)
 * @param position      pg_current_wal_lsn() on a primary, pg_last_wal_replay_lsn() on a standby
 * @param receiver      a standby's pg_stat_wal_receiver ("streaming", sender), null when it has none
 * @param replicas      a primary's pg_stat_replication rows (empty on a standby)
 * @param syncRep       a primary's synchronous replication as in force now (null on a standby)
 */
public record PgState(boolean inRecovery, String version, long timeline, Lsn position, Receiver receiver,
                      List<Replica> replicas, SyncRep syncRep) {

    public PgState(boolean inRecovery, String version, long timeline, Lsn position, Receiver receiver, List<Replica> replicas) {
        this(inRecovery, version, timeline, position, receiver, replicas, null);
    }

    /**
     * @param standbyNames   synchronous_standby_names now (empty: asynchronous)
     * @param waitingCommits sessions waiting for a standby to confirm their commit (wait_event SyncRep)
     */
    public record SyncRep(String standbyNames, int waitingCommits) {
        public boolean synchronous() { return !standbyNames.isEmpty(); }
    }

    /** A standby's WAL receiver: its status and the server it streams from. */
    public record Receiver(String status, String sender) {
        public boolean streaming() { return "streaming".equals(status); }
    }

    /** A row of a primary's pg_stat_replication. */
    public record Replica(String applicationName, String clientAddress, String state, String syncState) {}

    public String role() { return inRecovery ? "standby" : "primary"; }
}
