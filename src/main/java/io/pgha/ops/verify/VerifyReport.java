package io.pgha.ops.verify;

import java.util.List;

/** Every check of a verification, in order; passed() only when all passed. */
public record VerifyReport(List<Check> checks, long millis) {
    public boolean passed() { return !checks.isEmpty() && checks.stream().allMatch(Check::passed); }
}
