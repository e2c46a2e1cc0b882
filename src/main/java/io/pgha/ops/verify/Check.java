package io.pgha.ops.verify;

/**
 * One verified fact about the cluster: passed or not, and what was seen.
 *
 * @param cluster the cluster's group when one run verified several, else null
 */
public record Check(String name, String host, boolean passed, String detail, String cluster) {
    public Check(String name, String host, boolean passed, String detail) { this(name, host, passed, detail, null); }

    public static Check pass(String name, String host, String detail) { return new Check(name, host, true, detail); }
    public static Check fail(String name, String host, String detail) { return new Check(name, host, false, detail); }

    /** The same check, said of one cluster of several. */
    public Check of(String clusterName) { return new Check(name, host, passed, detail, clusterName); }
}
