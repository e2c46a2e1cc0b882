package io.pgha.ops.verify;

/** One verified fact about the cluster: passed or not, and what was seen. */
public record Check(String name, String host, boolean passed, String detail) {
    public static Check pass(String name, String host, String detail) { return new Check(name, host, true, detail); }
    public static Check fail(String name, String host, String detail) { return new Check(name, host, false, detail); }
}
