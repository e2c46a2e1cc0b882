package io.pgha.ops.verify;

import java.util.List;
import java.util.Map;

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
     * Where the keepalived scripts leave what they did: each mark's file on the nodes (the state contract).
     *
     * @param files              each mark's file (NodeMark's variable, rendered for the cluster)
     * @param crashRestartWindow pg_crash_restart_window: a crash restart younger than this makes the next crash fail over
     */
    public record MarkFiles(Map<NodeMark, String> files, long crashRestartWindow) {
        public MarkFiles {
            files = Map.copyOf(files);
        }
    }
    @Override
    public String toString() { return "VerifyTarget[primary=" + primary + ", standbys=" + standbys + ", vip=" + vip + "]"; }
}
