package io.pgha.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/** The files `pgha lab up` writes for users: the lab's inventory and its known_hosts. */
final class LabFiles {
    private LabFiles() {}

    /**
     * inventories/lab/hosts.yml: the first cluster's nodes in group 'cluster', the login user, and the key and
     * known_hosts by paths relative to the inventory file, so the project directory can move.
     */
    static String inventory(LabConfig config, String witnessAddress) {
        StringBuilder sb = header(config, "Cluster settings for the lab belong in group_vars/, next to this file.");
        sb.append("all:\n  children:\n    cluster:\n      hosts:\n");
        for (LabNode n : config.clusterNodes(1)) {
            sb.append("        ").append(n.name()).append(": {ansible_host: ").append(n.address()).append("}\n");
        }
        return sb.append(vars(config, config.inventoryFile(), witnessAddress)).toString();
    }

    /**
     * inventories/lab-two-clusters/hosts.yml (a lab up with --clusters 2): both clusters, pair1 (db06, db07) and
     * pair2 (db08, db09), children of group 'cluster' so the lab's group_vars/cluster.yml applies to both; each
     * pair names itself in pg_cluster_group, and pair2 has its own VIP and virtual_router_id.
     */
    static String twoClusterInventory(LabConfig config, String witnessAddress) {
        StringBuilder sb = header(config, "group_vars/ and host_vars/ are inventories/lab's (symbolic links); db08 and db09's"
                + " per-node settings are here.");
        sb.append("all:\n  children:\n    cluster:\n      children:\n");
        sb.append("        pair1:\n          hosts:\n");
        for (LabNode n : config.clusterNodes(1)) {
            sb.append("            ").append(n.name()).append(": {ansible_host: ").append(n.address()).append("}\n");
        }
        sb.append("          vars: {pg_cluster_group: pair1}\n");
        sb.append("        pair2:\n          hosts:\n");
        List<LabNode> second = config.clusterNodes(2);
        for (int i = 0; i < second.size(); i++) {
            LabNode n = second.get(i);
            // block style: a switchover or rejoin rewrites the cluster_role line (inventory follows the cluster)
            sb.append("            ").append(n.name()).append(":\n")
                    .append("              ansible_host: ").append(n.address()).append("\n")
                    .append("              cluster_role: ").append(i == 0 ? "primary" : "standby").append("\n")
                    .append("              pg_application_name: pgdb0").append(3 + i).append("\n")
                    .append("              ka_router_id: DB").append(3 + i).append("_PG_HA\n");
        }
        sb.append("          vars: {pg_cluster_group: pair2, ka_vip: ").append(config.secondVip())
                .append("/24, ka_virtual_router_id: 11}\n");
        return sb.append(vars(config, config.twoClusterInventoryFile(), witnessAddress)).toString();
    }

    private static StringBuilder header(LabConfig config, String settings) {
        return new StringBuilder().append("# Written by `pgha lab up` (lab '").append(config.name()).append("', ")
                .append(config.subnet()).append("); rewritten on every up.\n# ").append(settings).append("\n");
    }

    /** The variables every lab inventory sets on all: how to log in, and where the lab's network, VIP and witness are. */
    private static String vars(LabConfig config, Path inventoryFile, String witnessAddress) {
        Path dir = inventoryFile.getParent();
        return "  vars: {ansible_user: " + LabConfig.LOGIN_USER
                + ", ansible_ssh_private_key_file: " + relative(dir, config.privateKey())
                + ", pgha_known_hosts: " + relative(dir, config.knownHosts())
                + ", ansible_become: true"
                // where the lab's network and its free VIP address are: group_vars refer to these, so a
                // lab moved by PGHA_LAB_SUBNET needs no inventory edit
                + ", pgha_lab_network: " + config.subnet()
                + ", pgha_lab_vip: " + config.vip() + "/24"
                // the witness's address when the lab has one (pgha lab witness), "" otherwise
                + ", pgha_lab_witness: \"" + witnessAddress + "\"}\n";
    }

    static String relative(Path from, Path to) {
        return from.relativize(to).toString().replace('\\', '/');
    }

    /** known_hosts lines "ADDRESS TYPE BASE64" for each node's host keys (as read from /etc/ssh on the node). */
    static String knownHosts(Map<LabNode, List<String>> hostKeys) {
        StringBuilder sb = new StringBuilder();
        hostKeys.forEach((node, keys) -> keys.forEach(k -> sb.append(node.address()).append(' ').append(k).append('\n')));
        return sb.toString();
    }

    /** Writes atomically, and only when the content differs (returns whether it wrote). */
    static boolean writeIfChanged(Path file, String content) {
        try {
            if (Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).equals(content)) return false;
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            throw new LabException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
