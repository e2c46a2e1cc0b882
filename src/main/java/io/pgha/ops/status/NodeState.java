package io.pgha.ops.status;

/**
 * One node as seen from the controller: reachable over SSH or not, its PostgreSQL (or why it did not
 * answer), whether it holds the VIP, and whether keepalived runs there.
 *
 * @param inventoryRole  cluster_role in the inventory (primary/standby)
 * @param sshError       why the node could not be reached; the rest is unknown then
 * @param pg             null when PostgreSQL did not answer (pgError says why) or the node was unreachable
 * @param keepalived     running, stopped or unknown (neither pidof nor pgrep on the node)
 * @param marks          what the keepalived scripts recorded there (VRRP state, fence, refused promotion)
 */
public record NodeState(String host, String inventoryRole, String sshError, PgState pg, String pgError,
                        boolean holdsVip, String keepalived, Marks marks) {

    /**
     * @param vrrp     MASTER, BACKUP, FAULT or STOP as keepalived last reported it (null: never reported)
     * @param fenced   why the node was fenced (null: it was not)
     * @param refused  why its promotion guard last refused (null: it did not)
     * @param lease    the lease keeper's last report, "DATE TIME what" (null: no witness, or never ran)
     * @param replication the mode in force as the health check or guard last recorded it (null:
     *                 pg_replication_mode async, or not recorded yet)
     * @param maintenance "DATE TIME reason" while pgha maintenance is on (null: off)
     * @param restartingFor seconds a primary has been restarting in place, the VIP held for it (null: not restarting)
     * @param crashRestartAgo seconds since the health check restarted a crashed PostgreSQL in place, when that is
     *                 within pg_crash_restart_window: the next crash fails over (null: none in the window)
     * @param fenceCheck the health check's last check of the peer's power controller, "DATE TIME ok|failed: what"
     *                 (null: no fence device for the peer)
     */
    public record Marks(String vrrp, String fenced, String refused, String lease, ReplicationMode replication, String maintenance,
                        Long restartingFor, Long crashRestartAgo, String fenceCheck) {
        public static final Marks NONE = new Marks(null, null, null, null);

        public Marks(String vrrp, String fenced, String refused, String lease) {
            this(vrrp, fenced, refused, lease, null, null);
        }

        public Marks(String vrrp, String fenced, String refused, String lease, ReplicationMode replication, String maintenance) {
            this(vrrp, fenced, refused, lease, replication, maintenance, null, null, null);
        }

        /** Whether the peer's power controller failed its last check (a fence would fail: no failover on a lost host). */
        public boolean fenceCheckFailed() { return fenceCheck != null && fenceCheck.contains(" failed: "); }
    }

    /**
     * A node's record of its replication mode ("STATE|EPOCH|WHY", pgha_sync_state_file).
     *
     * @param state      sync, waiting (commits wait for the standby), degraded (asynchronous after the standby left) or async
     * @param sinceEpoch when it began, in seconds since 1970 (the node's clock)
     */
    public record ReplicationMode(String state, long sinceEpoch, String why) {
        /** null when the line is not such a record. */
        public static ReplicationMode parse(String line) {
            if (line == null) return null;
            String[] p = line.split("\\|", 3);
            if (p.length < 3 || !p[1].matches("[0-9]{1,12}")) return null;
            return new ReplicationMode(p[0], Long.parseLong(p[1]), p[2]);
        }
    }

    public NodeState(String host, String inventoryRole, String sshError, PgState pg, String pgError, boolean holdsVip,
                     String keepalived) {
        this(host, inventoryRole, sshError, pg, pgError, holdsVip, keepalived, Marks.NONE);
    }

    public static NodeState unreachable(String host, String inventoryRole, String why) {
        return new NodeState(host, inventoryRole, why, null, null, false, "unknown");
    }

    public boolean reachable() { return sshError == null; }

    /** primary, standby, down (PostgreSQL does not answer) or unreachable. */
    public String role() {
        if (!reachable()) return "unreachable";
        return pg == null ? "down" : pg.role();
    }

    /** PostgreSQL answers and is not in recovery: it takes writes. */
    public boolean isPrimary() { return "primary".equals(role()); }

    /**
     * Asynchronous replication in force (synchronous_standby_names empty) and no replication mode
     * recorded: pg_replication_mode async, the article's cluster. False when PostgreSQL did not say.
     */
    public boolean asyncWithNothingRecorded() {
        return marks.replication() == null && pg != null && pg.syncRep() != null && !pg.syncRep().synchronous();
    }
}
