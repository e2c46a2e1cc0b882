package io.pgha.lab;

/**
 * What `pgha lab status` knows about one node.
 *
 * @param name      inventory name (db06)
 * @param container Docker container name
 * @param state     Docker state: running, exited, created ... or "missing"
 * @param address   its fixed IPv4 address
 * @param sshd      sshd answered with an SSH banner on port 22
 * @param systemd   `systemctl is-system-running` (running, degraded, starting ...), or "-" when not running
 * @param image     the image it runs
 */
public record NodeStatus(String name, String container, String state, String address, boolean sshd,
                         String systemd, String image) {
    public boolean running() { return "running".equals(state); }

    /** Running, booted (degraded counts: a failed unit is not a broken host) and sshd answering. */
    public boolean healthy() {
        return running() && sshd && ("running".equals(systemd) || "degraded".equals(systemd));
    }
}
