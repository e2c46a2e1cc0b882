package io.pgha.ops.render;

/**
 * One file pgha renders onto a node.
 *
 * @param template template name under templates/ (postgresql.conf.ftl)
 * @param dest     absolute destination path on the node
 * @param mode     octal mode as text ("0600")
 */
public record ClusterFile(String template, String dest, String owner, String group, String mode) {
    /** True when the file's mode keeps it from group and others (it may hold a secret). */
    public boolean isPrivate() {
        int m = Integer.parseInt(mode, 8);
        return (m & 0077) == 0;
    }
}
