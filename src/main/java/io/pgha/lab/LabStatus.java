package io.pgha.lab;

import java.util.List;

/** The lab as Docker and the nodes report it. */
public record LabStatus(String name, String subnet, boolean networkExists, List<NodeStatus> nodes) {
    public boolean healthy() { return networkExists && !nodes.isEmpty() && nodes.stream().allMatch(NodeStatus::healthy); }
    public boolean absent() { return !networkExists && nodes.stream().allMatch(n -> "missing".equals(n.state())); }

    public NodeStatus node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst().orElse(null);
    }
}
