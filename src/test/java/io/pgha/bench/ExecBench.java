package io.pgha.bench;

import io.pgha.testing.LabFixture;
import io.pgha.transport.Connection;
import io.pgha.transport.ExecRequest;
import io.pgha.transport.ssh.SshConnector;

import java.util.Arrays;

/**
 * Not a test: times N sequential `true` execs on one SSH connection to db06 and prints mean/p50/p95.
 * Run after `mvn -o test-compile`:
 *   java -cp target/classes:target/test-classes:CLASSPATH io.pgha.bench.ExecBench [N] [become]
 * where CLASSPATH comes from `mvn -o dependency:build-classpath -Dmdep.outputFile=cp.txt`.
 */
public final class ExecBench {
    private ExecBench() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        boolean become = args.length > 1 && args[1].equals("become");
        LabFixture lab = LabFixture.get();
        try (SshConnector connector = new SshConnector()) {
            long c0 = System.nanoTime();
            try (Connection c = connector.connect(lab.spec(LabFixture.DB06))) {
                double connectMs = (System.nanoTime() - c0) / 1e6;
                ExecRequest req = ExecRequest.of("true").asBecome(become, null);
                for (int i = 0; i < 10; i++) c.exec(req); // warm up JIT and the channel path
                double[] ms = new double[n];
                for (int i = 0; i < n; i++) {
                    long t = System.nanoTime();
                    int code = c.exec(req).exitCode();
                    ms[i] = (System.nanoTime() - t) / 1e6;
                    if (code != 0) throw new IllegalStateException("`true` exited " + code);
                }
                double mean = Arrays.stream(ms).average().orElse(0);
                double[] sorted = ms.clone();
                Arrays.sort(sorted);
                System.out.printf("connect+auth %.1f ms; %d x `true`%s on db06: mean %.2f ms, p50 %.2f ms, p95 %.2f ms, max %.2f ms%n",
                        connectMs, n, become ? " (become)" : "", mean, pct(sorted, 50), pct(sorted, 95), sorted[n - 1]);
            }
        }
    }

    private static double pct(double[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
