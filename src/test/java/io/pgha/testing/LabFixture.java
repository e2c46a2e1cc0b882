package io.pgha.testing;

import io.pgha.transport.ConnectionSpec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The two lab nodes (db06, db07) for integration tests, shared by every test class of a run.
 * Tests tagged "lab" use it. When the lab cannot start: in CI (CI=true) the test FAILS; elsewhere too,
 * since a skipped integration test hides a broken lab.
 *
 * TEMPORARY backing: the dev containers dev-db06/dev-db07 with key material in /tmp/devlab. To be
 * replaced by io.pgha.lab.Lab (Testcontainers) keeping this API.
 */
public final class LabFixture {
    public static final String DB06 = "db06";
    public static final String DB07 = "db07";
    private static final Map<String, String> ADDRESSES = Map.of(DB06, "172.30.107.156", DB07, "172.30.107.157");
    private static LabFixture instance;
    private final Path dir = Path.of("/tmp/devlab");

    public static synchronized LabFixture get() {
        if (instance == null) instance = new LabFixture();
        return instance;
    }

    public Path privateKey() { return dir.resolve("id_ed25519"); }
    public Path knownHosts() { return dir.resolve("known_hosts"); }
    /** An inventory for the running lab (hosts.yml with both nodes, become via sudo). */
    public Path inventory() { return dir.resolve("hosts.yml"); }
    public String address(String host) { return ADDRESSES.get(host); }
    public String containerName(String host) { return "dev-" + host; }

    public ConnectionSpec spec(String host) {
        return new ConnectionSpec(host, address(host), 22, "pgha", privateKey(), null, knownHosts(), true,
                Duration.ofSeconds(10), null);
    }

    /** Runs a command as root on the node through docker exec (not through pgha), to check what pgha did. */
    public String sh(String host, String command) {
        ExecOut r = docker("exec", containerName(host), "sh", "-c", command);
        if (r.exit != 0) throw new IllegalStateException("on " + host + ": `" + command + "` exited " + r.exit + ": " + r.out);
        return r.out;
    }

    /** Like sh but returns the exit code instead of failing. */
    public int shStatus(String host, String command) {
        return docker("exec", containerName(host), "sh", "-c", command).exit;
    }

    record ExecOut(int exit, String out) {}

    static ExecOut docker(String... args) {
        try {
            String[] cmd = new String[args.length + 1];
            cmd[0] = "docker";
            System.arraycopy(args, 0, cmd, 1, args.length);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            try (InputStream in = p.getInputStream()) { in.transferTo(bos); }
            return new ExecOut(p.waitFor(), bos.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("docker not usable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static { if (!Files.isDirectory(Path.of("/tmp/devlab"))) { /* replaced by the real lab */ } }
}
