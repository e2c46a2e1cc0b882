package io.pgha.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The files `pgha lab up` writes, all under .lab/NAME/ (never in tracked files, so labs of other names run side by
 * side): the lab's inventories and its known_hosts. Each inventory is a hosts.yml of its own beside links to the
 * tracked settings (inventories/lab/group_vars, inventories/lab-source/group_vars) and the lab's host_vars, which
 * a switchover or rejoin rewrites and a new lab starts again from inventories/lab/host_vars.
 */
public final class LabFiles {
    private LabFiles() {}

    /**
     * Writes the lab's inventories: .lab/NAME (the package cluster), .lab/NAME/source (built from source),
     * .lab/NAME/power-fencing (the package cluster with the lab's power controllers) and, with two clusters,
     * .lab/NAME/two-clusters. host_vars is copied from inventories/lab when missing or when the nodes are new.
     * Returns the paths it wrote or linked, for the step line.
     */
    static List<Path> writeInventories(LabConfig config, String witnessAddress, boolean newNodes) {
        List<Path> written = new ArrayList<>();
        Path dir = config.stateDir();
        if (writeIfChanged(config.inventoryFile(), inventory(config, witnessAddress))) written.add(config.inventoryFile());
        if (link(dir.resolve("group_vars"), config.settingsDir("lab").resolve("group_vars"))) written.add(dir.resolve("group_vars"));
        if (newNodes || !Files.isDirectory(dir.resolve("host_vars"))) {
            copyTree(config.settingsDir("lab").resolve("host_vars"), dir.resolve("host_vars"));
            written.add(dir.resolve("host_vars"));
        }
        Path source = config.sourceInventoryFile();
        if (writeIfChanged(source, inventory(config, witnessAddress))) written.add(source);
        link(source.resolveSibling("group_vars"), config.settingsDir("lab-source").resolve("group_vars"));
        link(source.resolveSibling("host_vars"), dir.resolve("host_vars"));
        Path fencing = config.fencingInventoryFile();
        if (writeIfChanged(fencing, inventory(config, witnessAddress, true))) written.add(fencing);
        link(fencing.resolveSibling("group_vars"), dir.resolve("group_vars"));
        link(fencing.resolveSibling("host_vars"), dir.resolve("host_vars"));
        if (config.clusters() == 2) {
            Path two = config.twoClusterInventoryFile();
            if (writeIfChanged(two, twoClusterInventory(config, witnessAddress))) written.add(two);
            link(two.resolveSibling("group_vars"), dir.resolve("group_vars"));
            link(two.resolveSibling("host_vars"), dir.resolve("host_vars"));
        }
        return written;
    }

    /**
     * hosts.yml of a lab inventory: the first cluster's nodes in group 'cluster', and the variables every lab
     * inventory sets on all.
     */
    public static String inventory(LabConfig config, String witnessAddress) { return inventory(config, witnessAddress, false); }

    /**
     * With fencing, each node names its power controller on the lab's management network (pgha lab up starts one
     * per node), and all nodes the agent and its options: the inventory .lab/NAME/power-fencing.
     */
    static String inventory(LabConfig config, String witnessAddress, boolean fencing) {
        StringBuilder sb = header(config, "Cluster settings for the lab belong in inventories/lab/group_vars/ (linked here).");
        sb.append("all:\n  children:\n    cluster:\n      hosts:\n");
        for (LabNode n : config.clusterNodes(1)) {
            sb.append("        ").append(n.name()).append(": {ansible_host: ").append(n.address());
            if (fencing) sb.append(", pg_fence_ip: ").append(config.bmcAddress(n));
            sb.append("}\n");
        }
        sb.append(vars(config, witnessAddress));
        if (fencing) {
            // the cipher suite pinned (else ipmitool probes them, about 10 s a call); the agent polls the status after
            // off itself, so no extra power_wait; a controller that does not answer fails after 5 s, not 20
            sb.append("    pg_fence_agent: fence_ipmilan\n    pg_fence_user: ").append(LabConfig.BMC_USER).append("\n")
                    .append("    pg_fence_options: {lanplus: 1, cipher: 3, power_wait: 0, power_timeout: 5}\n");
        }
        return sb.toString();
    }

    /**
     * two-clusters/hosts.yml (a lab up with --clusters 2): both clusters, pair1 (db06, db07) and
     * pair2 (db08, db09), children of group 'cluster' so the lab's group_vars/cluster.yml applies to both; each
     * pair names itself in pg_cluster_group, and pair2 has its own VIP and virtual_router_id.
     */
    public static String twoClusterInventory(LabConfig config, String witnessAddress) {
        StringBuilder sb = header(config, "group_vars/ and host_vars/ are the lab's (symbolic links); db08 and db09's"
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
        return sb.append(vars(config, witnessAddress)).toString();
    }

    private static StringBuilder header(LabConfig config, String settings) {
        return new StringBuilder().append("# Written by `pgha lab up` (lab '").append(config.name()).append("', ")
                .append(config.subnet()).append("); rewritten on every up.\n# ").append(settings).append("\n");
    }

    /**
     * The variables every lab inventory sets on all: how to log in, the lab's passwords by reference, and where the
     * lab's network, VIP and witness are. Paths are absolute: tests copy these inventories to change them.
     */
    private static String vars(LabConfig config, String witnessAddress) {
        StringBuilder sb = new StringBuilder("  vars:\n");
        sb.append("    ansible_user: ").append(LabConfig.LOGIN_USER).append("\n");
        sb.append("    ansible_ssh_private_key_file: ").append(config.privateKey()).append("\n");
        sb.append("    pgha_known_hosts: ").append(config.knownHosts()).append("\n");
        sb.append("    ansible_become: true\n");
        for (String secret : LabSecrets.SECRETS.keySet()) {
            sb.append("    ").append(secret).append("_file: ").append(config.secretsDir().resolve(secret)).append("\n");
        }
        // group_vars refer to these, so a lab moved by PGHA_LAB_SUBNET needs no inventory edit
        sb.append("    pgha_lab_network: ").append(config.subnet()).append("\n");
        sb.append("    pgha_lab_vip: ").append(config.vip()).append("/24\n");
        // the witness's address when the lab has one (pgha lab witness), "" otherwise
        sb.append("    pgha_lab_witness: \"").append(witnessAddress).append("\"\n");
        return sb.toString();
    }

    /** A relative symbolic link at link to target, made or corrected; returns whether it changed. */
    static boolean link(Path link, Path target) {
        Path relative = link.getParent().relativize(target);
        try {
            if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(relative)) return false;
            Files.createDirectories(link.getParent());
            if (Files.isSymbolicLink(link) || Files.isRegularFile(link)) Files.delete(link);
            else if (Files.isDirectory(link)) deleteTree(link);
            Files.createSymbolicLink(link, relative);
            return true;
        } catch (IOException e) {
            throw new LabException("cannot link " + link + " to " + target + ": " + e.getMessage(), e);
        }
    }

    /** Replaces to with a copy of the files of from (one level: host_vars holds files only). */
    public static void copyTree(Path from, Path to) {
        try {
            if (Files.exists(to)) deleteTree(to);
            Files.createDirectories(to);
            try (Stream<Path> files = Files.list(from)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) Files.copy(f, to.resolve(f.getFileName()));
            }
        } catch (IOException e) {
            throw new LabException("cannot copy " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
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
