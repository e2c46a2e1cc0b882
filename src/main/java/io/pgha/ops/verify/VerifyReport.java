package io.pgha.ops.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every check of a verification, in order; passed() only when all passed. */
public record VerifyReport(List<Check> checks, long millis) {
    public boolean passed() { return !checks.isEmpty() && checks.stream().allMatch(Check::passed); }

    /** Several clusters verified at once: their checks one cluster after the other, each marked with its cluster. */
    public static VerifyReport ofClusters(Map<String, VerifyReport> byCluster, long millis) {
        List<Check> all = new ArrayList<>();
        byCluster.forEach((cluster, r) -> r.checks().forEach(c -> all.add(c.of(cluster))));
        return new VerifyReport(all, millis);
    }
}
