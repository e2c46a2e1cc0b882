package io.pgha.ops.verify;

import io.pgha.core.InputException;
import io.pgha.core.SourceLocation;
import io.pgha.inventory.Inventory;
import io.pgha.ops.render.ClusterVars;
import io.pgha.template.Expressions;
import io.pgha.template.VarsModel;

import java.util.ArrayList;
import java.util.List;
import java.util.EnumMap;
import java.util.Map;

/**
 * What to verify, read from the inventory the way a playbook run sees it: the node whose
 * cluster_role is primary, the others as standbys, the port, the VIP and the health-check role.
 */
public final class VerifyTargets {
    private VerifyTargets() {}

    public static VerifyTarget from(Inventory inventory, Map<String, Object> defaults, Expressions expressions) {
        return from(inventory, defaults, Map.of(), expressions);
    }

    /** With the run's extra vars on top (-e): the port, VIP and role the rendered files use. */
    public static VerifyTarget from(Inventory inventory, Map<String, Object> defaults, Map<String, Object> extraVars,
                                    Expressions expressions) {
        return from(new ClusterVars(inventory, defaults, extraVars), expressions);
    }

    /** From the cluster's variables as one operation resolves them (ClusterSession). */
    public static VerifyTarget from(ClusterVars cluster, Expressions expressions) {
        Inventory inventory = cluster.inventory();
        String primary = null;
        List<String> standbys = new ArrayList<>();
        for (io.pgha.inventory.Host h : inventory.hosts()) {
            String host = h.name();
            Object role = value(cluster, host, "cluster_role", expressions);
            if ("primary".equals(String.valueOf(role))) primary = host;
            else standbys.add(host);
        }
        if (primary == null) {
            throw new InputException(SourceLocation.of(String.valueOf(inventory.source())), "cluster_role",
                    "no node has cluster_role: primary");
        }
        return new VerifyTarget(primary, standbys,
                Integer.parseInt(String.valueOf(value(cluster, primary, "pg_port", expressions))),
                String.valueOf(value(cluster, primary, "ka_vip_address", expressions)),
                String.valueOf(value(cluster, primary, "pg_monitor_user", expressions)),
                String.valueOf(value(cluster, primary, "pg_monitor_password", expressions)),
                String.valueOf(value(cluster, primary, "pg_monitor_db", expressions)),
                new VerifyTarget.MarkFiles(markFiles(cluster, primary, expressions),
                        Long.parseLong(String.valueOf(value(cluster, primary, "pg_crash_restart_window", expressions)))));
    }

    /** Each mark's file, by the state contract's variable, as the primary's variables render it (the same on every node). */
    private static Map<NodeMark, String> markFiles(ClusterVars cluster, String primary, Expressions expressions) {
        Map<NodeMark, String> files = new EnumMap<>(NodeMark.class);
        for (NodeMark m : NodeMark.values()) files.put(m, String.valueOf(value(cluster, primary, m.variable(), expressions)));
        return files;
    }

    /** One variable of one host, rendered as a playbook would see it (pg_service_name on db06, say). */
    public static String hostValue(ClusterVars cluster, Expressions expressions, String host, String name) {
        return String.valueOf(value(cluster, host, name, expressions));
    }

    private static Object value(ClusterVars cluster, String host, String name, Expressions expressions) {
        Map<String, Object> vars = cluster.forHost(host);
        VarsModel model = new VarsModel(vars::get, vars::keySet, expressions);
        return expressions.renderValue("${" + name + "}", model, "verification of " + host);
    }
}
