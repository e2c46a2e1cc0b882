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
     */
    public record Marks(String vrrp, String fenced, String refused, String lease) {
        public static final Marks NONE = new Marks(null, null, null, null);
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
}
