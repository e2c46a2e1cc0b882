package io.pgha.ops.verify;

import java.util.List;

/**
 * What to verify for one cluster.
 *
 * @param primary   inventory name of the node meant to be primary
 * @param standbys  the other nodes
 * @param port      PostgreSQL port on every node
 * @param vip       the virtual IP (without prefix)
 * @param user      a login role allowed over TCP that may read pg_stat_* (pg_monitor) and write the check table
 * @param password  its password (never printed)
 * @param database  database holding the check table
 * @param marks     pgha's files on each node: VRRP state, fenced, refused promotion (pgha status shows them)
 */
public record VerifyTarget(String primary, List<String> standbys, int port, String vip, String user,
                           String password, String database, MarkFiles marks) {

    /**
     * Where the keepalived scripts leave what they did (playbooks/vars/defaults.yml).
     *
     * @param lease       the lease keeper's last report (only with a witness; the file is absent without one)
     * @param replication the replication mode in force (only with pg_replication_mode sync or strict)
     * @param maintenance the maintenance mark (pgha maintenance on)
     * @param restartHold the health check's mark while a primary restarts in place (its age is how long)
     * @param crashRestart the health check's mark of its last crash restart
     * @param crashRestartWindow pg_crash_restart_window: a crash restart younger than this makes the next crash fail over
     */
    public record MarkFiles(String vrrpState, String fenced, String refusedWhy, String lease, String replication, String maintenance,
                            String restartHold, String crashRestart, long crashRestartWindow) {}
    @Override
    public String toString() { return "VerifyTarget[primary=" + primary + ", standbys=" + standbys + ", vip=" + vip + "]"; }
}
