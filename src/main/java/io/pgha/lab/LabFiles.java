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
     * inventories/lab/hosts.yml: both nodes in group 'cluster', the login user, and the key and
     * known_hosts by paths relative to the inventory file, so the project directory can move.
     */
    static String inventory(LabConfig config, String witnessAddress) {
        Path dir = config.inventoryFile().getParent();
        String key = relative(dir, config.privateKey());
        String knownHosts = relative(dir, config.knownHosts());
        StringBuilder sb = new StringBuilder();
        sb.append("# Written by `pgha lab up` (lab '").append(config.name()).append("', ").append(config.subnet())
                .append("); rewritten on every up.\n");
        sb.append("# Cluster settings for the lab belong in group_vars/, next to this file.\n");
        sb.append("all:\n  children:\n    cluster:\n      hosts:\n");
        for (LabNode n : config.nodes()) {
            sb.append("        ").append(n.name()).append(": {ansible_host: ").append(n.address()).append("}\n");
        }
        sb.append("  vars: {ansible_user: ").append(LabConfig.LOGIN_USER)
                .append(", ansible_ssh_private_key_file: ").append(key)
                .append(", pgha_known_hosts: ").append(knownHosts)
                .append(", ansible_become: true")
                // where the lab's network and its free VIP address are: group_vars refer to these, so a
                // lab moved by PGHA_LAB_SUBNET needs no inventory edit
                .append(", pgha_lab_network: ").append(config.subnet())
                .append(", pgha_lab_vip: ").append(config.vip()).append("/24")
                // the witness's address when the lab has one (pgha lab witness), "" otherwise
                .append(", pgha_lab_witness: \"").append(witnessAddress).append("\"}\n");
        return sb.toString();
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
