package io.pgha.ops.status;

/** Something status found worth a person's attention: a problem (the cluster is degraded) or a warning. */
public record Finding(Severity severity, String host, String message) {
    public enum Severity { PROBLEM, WARNING }

    public static Finding problem(String host, String message) { return new Finding(Severity.PROBLEM, host, message); }
    public static Finding warning(String host, String message) { return new Finding(Severity.WARNING, host, message); }

    public boolean problem() { return severity == Severity.PROBLEM; }
}
