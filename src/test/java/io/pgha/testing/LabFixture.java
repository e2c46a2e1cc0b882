package io.pgha.testing;

import io.pgha.lab.Lab;
import io.pgha.lab.LabConfig;
import io.pgha.lab.LabListener;
import io.pgha.lab.LabStatus;
import io.pgha.transport.ConnectionSpec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The two lab nodes (db06, db07) for integration tests, shared by every test class of a run.
 * Tests tagged "lab" use it. The first get() of a JVM brings the lab up through io.pgha.lab.Lab (the same
 * code as `pgha lab up`), reusing nodes that already run; the nodes stay up afterwards for the next run.
 * When the lab cannot start, every get() throws: the tests FAIL, they never skip (a skipped integration
 * test hides a broken lab, in CI=true runs above all).
 * PGHA_LAB_NAME / PGHA_LAB_SUBNET move the lab (see LabConfig), e.g. next to another one on the machine.
 */
public final class LabFixture {
    public static final String DB06 = "db06";
    public static final String DB07 = "db07";
    private static LabFixture instance;
    private static IllegalStateException failure;
    private final LabConfig config;

    private LabFixture(LabConfig config) {
        this.config = config;
    }

    public static synchronized LabFixture get() {
        if (instance != null) return instance;
        if (failure != null) throw new IllegalStateException(failure.getMessage(), failure);
        LabConfig config = LabConfig.fromEnvironment(projectDir());
        try (Lab lab = new Lab(config, (what, took) -> System.err.printf(Locale.ROOT, "[lab] %6.1fs  %s%n", took.toMillis() / 1000.0, what))) {
            LabStatus s = lab.up();
            if (!s.healthy()) throw new IllegalStateException("lab " + config.name() + " is up but not healthy: " + s);
        } catch (RuntimeException e) {
            failure = new IllegalStateException("The lab (" + config.name() + ", " + config.subnet() + ") could not start, so this"
                    + " integration test fails" + ("true".equals(System.getenv("CI")) ? " (CI=true)" : "")
                    + ". Prepare the machine with scripts/lab-host-setup.sh (root, Debian) or run scripts/test.sh. Cause: "
                    + e.getMessage(), e);
            throw failure;
        }
        instance = new LabFixture(config);
        return instance;
    }

    /**
     * Replaces both nodes with new, bare ones (same addresses, new host keys written to known_hosts):
     * for tests that must start from hosts nothing was installed on.
     */
    public synchronized void freshNodes() { freshNodes(1); }

    /** Bare nodes for this many clusters: 2 adds db08 and db09 and writes the two-cluster inventory ({@link #twoClusterInventory()}). */
    public synchronized void freshNodes(int clusters) {
        try (Lab lab = new Lab(config.withClusters(clusters), (what, took) -> System.err.printf(Locale.ROOT, "[lab] %6.1fs  %s%n", took.toMillis() / 1000.0, what))) {
            lab.down();
            LabStatus s = lab.up();
            if (!s.healthy()) throw new IllegalStateException("lab " + config.name() + " came back unhealthy: " + s);
        }
    }

    /** Adds the witness (pgha lab witness): the lab's inventory then names it; a bootstrap starts the lease keepers. */
    public synchronized String witnessUp() {
        try (Lab lab = new Lab(config, (what, took) -> System.err.printf(Locale.ROOT, "[lab] %6.1fs  %s%n", took.toMillis() / 1000.0, what))) {
            return lab.witnessUp();
        }
    }

    /** Removes the witness: the next test class sees a lab without one. */
    public synchronized void witnessDown() {
        try (Lab lab = new Lab(config, (what, took) -> System.err.printf(Locale.ROOT, "[lab] %6.1fs  %s%n", took.toMillis() / 1000.0, what))) {
            lab.witnessDown();
        }
    }

    /**
     * What a failed lab test should show about a node it lost: when its container started (a restart
     * shows here), and systemd's word on sshd and the boot. For diagnosis only; never throws.
     */
    public String diagnose(String node) {
        ExecOut state = docker("inspect", "-f", "started {{.State.StartedAt}}, restarts {{.RestartCount}}, oom {{.State.OOMKilled}}", containerName(node));
        ExecOut inside = docker("exec", containerName(node), "sh", "-c",
                "uptime; journalctl --no-pager -n 15 -u ssh -u systemd-logind 2>&1 | tail -15");
        return node + ": " + state.out.strip() + "\n" + inside.out.strip();
    }

    /** A node's power controller (BMC) killed or started: a controller that does not answer. */
    public void bmc(String node, boolean on) {
        require(docker(on ? "start" : "kill", config.bmcContainerName(node)), (on ? "start" : "kill") + " the controller of " + node);
    }

    /** docker kill / docker start of a lab container by its node name (db06, db07, witness). */
    public void kill(String node) { require(docker("kill", containerName(node)), "kill " + node); }
    public void start(String node) { require(docker("start", containerName(node)), "start " + node); }

    private static void require(ExecOut r, String what) {
        if (r.exit != 0) throw new IllegalStateException("docker " + what + " exited " + r.exit + ": " + r.out);
    }

    /** Surefire runs in the module directory; it also says so in 'basedir'. */
    private static Path projectDir() {
        String basedir = System.getProperty("basedir");
        return basedir != null ? Path.of(basedir) : Path.of("").toAbsolutePath();
    }

    public LabConfig config() { return config; }
    public Path privateKey() { return config.privateKey(); }
    public Path knownHosts() { return config.knownHosts(); }
    /** The running lab's inventory (.lab/NAME/hosts.yml: both nodes in group cluster, become via sudo). */
    public Path inventory() { return config.inventoryFile(); }
    /** The same nodes built from source (.lab/NAME/source/hosts.yml, inventories/lab-source's settings). */
    public Path sourceInventory() { return config.sourceInventoryFile(); }
    /** The same cluster with the lab's power controllers as fence devices (.lab/NAME/power-fencing/hosts.yml). */
    public Path fencingInventory() { return config.fencingInventoryFile(); }
    /** Both clusters' inventory, after {@link #freshNodes(int) freshNodes(2)}. */
    public Path twoClusterInventory() { return config.twoClusterInventoryFile(); }
    public String address(String host) { return config.node(host).address(); }
    public String containerName(String host) { return config.containerName(host); }
    /** A free address on the lab network for a virtual IP (x.y.z.159). */
    public String vip() { return config.vip(); }

    public ConnectionSpec spec(String host) {
        return new ConnectionSpec(host, address(host), 22, LabConfig.LOGIN_USER, privateKey(), null, knownHosts(), true,
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

    /** Like sh but returns what the command printed, whatever its exit code (for diagnostics). */
    public String shOutput(String host, String command) {
        return docker("exec", containerName(host), "sh", "-c", command).out;
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
}
