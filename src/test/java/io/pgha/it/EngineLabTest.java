package io.pgha.it;

import com.sun.net.httpserver.HttpServer;
import io.pgha.engine.HostTaskResult;
import io.pgha.engine.Recap;
import io.pgha.engine.RunListener;
import io.pgha.engine.RunOptions;
import io.pgha.ops.Toolkit;
import io.pgha.output.ConsoleOutput;
import io.pgha.output.Style;
import io.pgha.playbook.Task;
import io.pgha.testing.LabFixture;
import io.pgha.transport.ssh.SshConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.pgha.testing.LabFixture.DB06;
import static io.pgha.testing.LabFixture.DB07;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine end to end over real SSH on the two lab nodes: a playbook using every module, run in
 * check mode (nothing changes), for real (things change), again (0 changed); handlers; one host
 * failing while the other finishes; a changed host key refused.
 */
@Tag("lab")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EngineLabTest {
    private static final String CLEAN = String.join("; ",
            "systemctl disable --now pgha-it >/dev/null 2>&1", "rm -f /etc/systemd/system/pgha-it.service",
            "systemctl daemon-reload", "rm -rf /opt/pgha-it /opt/pgha-it-link /opt/pgha-it-handler.log /opt/pgha-it-never.log",
            "rm -f /etc/sysctl.d/90-pgha-it.conf /tmp/pgha-it-after-failure",
            "userdel pghait >/dev/null 2>&1", "groupdel pghait >/dev/null 2>&1", "true");
    private static final List<String> HOSTS = List.of(DB06, DB07);

    @TempDir
    static Path work;
    static LabFixture lab;
    static HttpServer http;
    static Path inventory;

    @BeforeAll
    static void setUp() throws IOException {
        lab = LabFixture.get();
        for (String h : HOSTS) lab.sh(h, CLEAN);
        for (String f : List.of("every-module.yml", "one-host-fails.yml", "files/plain.txt", "files/motd.ftl")) {
            copyResource("/it/" + f, work.resolve(f));
        }
        Path staging = Files.createDirectories(work.resolve("staging/app"));
        Files.writeString(staging.resolve("VERSION"), "1.0\n");
        run(work.resolve("staging"), "tar", "-czf", work.resolve("files/app.tar.gz").toString(), "app");
        Files.createDirectories(work.resolve("fetched"));
        inventory = writeInventory(lab.knownHosts());

        http = HttpServer.create(new InetSocketAddress("0.0.0.0", 0), 0);
        http.createContext("/payload.txt", ex -> {
            byte[] body = "payload served by the controller\n".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        http.start();
    }

    @AfterAll
    static void tearDown() {
        if (http != null) http.stop(0);
        if (lab != null) for (String h : HOSTS) lab.shStatus(h, CLEAN);
    }

    @Test
    @Order(1)
    void checkModeReportsChangesButChangesNothing() {
        Run run = play("every-module.yml", options().withCheck(true).withDiff(true));
        assertEquals(0, run.recap.exitCode(), run.log());
        for (String h : HOSTS) {
            assertTrue(run.recap.hosts().get(h).changed > 5, h + " should report what it would change: " + run.log());
            assertEquals(1, lab.shStatus(h, "test -e /opt/pgha-it"), h + ": check mode created /opt/pgha-it");
            assertEquals(1, lab.shStatus(h, "test -e /opt/pgha-it-link"), h + ": check mode created the link");
            assertEquals(1, lab.shStatus(h, "test -e /etc/systemd/system/pgha-it.service"), h + ": check mode wrote the unit");
            assertEquals(1, lab.shStatus(h, "test -e /etc/sysctl.d/90-pgha-it.conf"), h + ": check mode wrote sysctl");
            assertTrue(lab.shStatus(h, "getent group pghait") != 0, h + ": check mode created the group");
            assertTrue(lab.shStatus(h, "id pghait") != 0, h + ": check mode created the user");
            assertEquals(1, lab.shStatus(h, "test -e /opt/pgha-it-handler.log"), h + ": a handler ran in check mode");
        }
        assertFalse(Files.exists(work.resolve("fetched/db06-motd.txt")), "check mode fetched a file");
    }

    @Test
    @Order(2)
    void firstRunAppliesEveryModule() throws IOException {
        Run run = play("every-module.yml", options());
        assertEquals(0, run.recap.exitCode(), run.log());
        for (String h : HOSTS) {
            assertTrue(run.recap.hosts().get(h).changed >= 15, h + " changed too little: " + run.log());
            assertEquals("pghait pghait 750 directory", lab.sh(h, "stat -c '%U %G %a %F' /opt/pgha-it").strip());
            assertEquals("/opt/pgha-it", lab.sh(h, "readlink /opt/pgha-it-link").strip());
            assertEquals("static content\n", lab.sh(h, "cat /opt/pgha-it/static.txt"));
            assertEquals("pghait 640", lab.sh(h, "stat -c '%U %a' /opt/pgha-it/static.txt").strip());
            assertEquals("plain file\n", lab.sh(h, "cat /opt/pgha-it/plain.txt"));
            assertEquals("Hello hello from " + h + ".\nOS family: Debian\n", lab.sh(h, "cat /opt/pgha-it/motd.txt"));
            assertEquals("600", lab.sh(h, "stat -c '%a' /opt/pgha-it/motd.txt").strip());
            String settings = lab.sh(h, "cat /opt/pgha-it/settings.conf");
            assertTrue(settings.contains("port = 54321\n") && settings.contains("alpha = 1\nbeta = 2\n"), settings);
            assertEquals("1.0\n", lab.sh(h, "cat /opt/pgha-it/app/VERSION"));
            assertEquals("payload served by the controller\n", lab.sh(h, "cat /opt/pgha-it/payload.txt"));
            assertEquals("net.ipv4.ip_nonlocal_bind = 1\n", lab.sh(h, "grep ip_nonlocal_bind /etc/sysctl.d/90-pgha-it.conf"));
            assertEquals("active enabled", lab.sh(h, "echo $(systemctl is-active pgha-it) $(systemctl is-enabled pgha-it)").strip());
            assertEquals(0, lab.shStatus(h, "dpkg-query -W curl"), h + ": curl not installed");
            assertEquals("run\n", lab.sh(h, "cat /opt/pgha-it-handler.log"), h + ": the notified handler runs once");
            assertEquals(1, lab.shStatus(h, "test -e /opt/pgha-it-never.log"), h + ": a handler nobody notified ran");
            assertEquals(lab.sh(h, "cat /opt/pgha-it/motd.txt"), Files.readString(work.resolve("fetched/" + h + "-motd.txt")));
        }
    }

    @Test
    @Order(3)
    void secondRunChangesNothing() {
        Run run = play("every-module.yml", options());
        assertEquals(0, run.recap.exitCode(), run.log());
        assertEquals(0, run.recap.totalChanged(), "second run changed something: " + run.changedTasks());
        for (String h : HOSTS) assertEquals("run\n", lab.sh(h, "cat /opt/pgha-it-handler.log"), h + ": handler ran without a change");
    }

    @Test
    @Order(4)
    void aFailingHostLeavesTheOtherFinishing() {
        Run run = play("one-host-fails.yml", options());
        assertEquals(3, run.recap.exitCode(), run.log());
        assertEquals(1, run.recap.hosts().get(DB06).failed);
        assertEquals(1, lab.shStatus(DB06, "test -e /tmp/pgha-it-after-failure"), "db06 went on after failing");
        assertEquals("finished\n", lab.sh(DB07, "cat /tmp/pgha-it-after-failure"));
    }

    @Test
    @Order(5)
    void aChangedHostKeyIsRefused() throws IOException {
        // db06's entry carries db07's key: to pgha this is db06 presenting a different key.
        String db07Key = lab.sh(DB07, "cat /etc/ssh/ssh_host_ed25519_key.pub").strip().split("\\s+", 3)[1];
        Path forged = work.resolve("forged_known_hosts");
        Files.writeString(forged, lab.address(DB06) + " ssh-ed25519 " + db07Key + "\n"
                + lab.address(DB07) + " ssh-ed25519 " + db07Key + "\n");
        byte[] before = Files.readAllBytes(forged);
        Path saved = inventory;
        inventory = writeInventory(forged);
        try {
            // a task that runs on the host: connections are opened on first use
            Files.writeString(work.resolve("hostname.yml"),
                    "- hosts: all\n  gather_facts: false\n  tasks:\n    - name: hostname\n      command: hostname\n");
            Run run = play("hostname.yml", options().withAcceptNewHostKeys(true));
            assertEquals(4, run.recap.exitCode(), run.log());
            assertEquals(1, run.recap.hosts().get(DB06).unreachable, run.log());
            assertEquals(0, run.recap.hosts().get(DB07).unreachable, run.log());
            assertTrue(run.messages(DB06).contains("REMOTE HOST KEY CHANGED"), run.log());
            assertEquals(1, run.recap.hosts().get(DB07).changed, "db07 should run its task: " + run.log());
            assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(forged), "known_hosts was rewritten");
        } finally {
            inventory = saved;
        }
    }

    // ---- helpers

    private static RunOptions options() {
        return RunOptions.defaults().withExtraVars(Map.of(
                "http_base", "http://" + gateway() + ":" + http.getAddress().getPort(),
                "fetch_dir", work.resolve("fetched").toString()));
    }

    /** The Docker bridge's gateway: the controller as the nodes see it. */
    private static String gateway() {
        String a = lab.address(DB06);
        return a.substring(0, a.lastIndexOf('.')) + ".1";
    }

    private static Run play(String playbook, RunOptions options) {
        Run run = new Run();
        try (Toolkit kit = new Toolkit(work, new SshConnector())) {
            RunListener console = new ConsoleOutput(System.out, new Style(false), 0);
            run.recap = kit.run(kit.loadPlaybook(work.resolve(playbook)), kit.loadInventory(inventory), options,
                    new RunListener() {
                        @Override
                        public void taskFinished(String name, Task task, List<HostTaskResult> results, Duration took) {
                            console.taskFinished(name, task, results, took);
                            for (HostTaskResult r : results) run.results.add(Map.entry(name, r));
                        }

                        @Override
                        public void runFinished(Recap recap) { console.runFinished(recap); }
                    });
        }
        return run;
    }

    private static Path writeInventory(Path knownHosts) throws IOException {
        Path inv = Files.createTempFile(work, "hosts", ".yml");
        Files.writeString(inv, String.join("\n",
                "all:",
                "  vars:",
                "    ansible_user: pgha",
                "    ansible_ssh_private_key_file: " + lab.privateKey(),
                "    pgha_known_hosts: " + knownHosts,
                "    ansible_become: true",
                "  hosts:",
                "    db06: {ansible_host: " + lab.address(DB06) + "}",
                "    db07: {ansible_host: " + lab.address(DB07) + "}", ""));
        return inv;
    }

    private static void copyResource(String name, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        try (InputStream in = EngineLabTest.class.getResourceAsStream(name)) {
            if (in == null) throw new IOException("missing test resource " + name);
            Files.copy(in, to);
        }
    }

    private static void run(Path dir, String... cmd) throws IOException {
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).inheritIO().start();
            if (p.waitFor() != 0) throw new IOException(String.join(" ", cmd) + " failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    static final class Run {
        Recap recap;
        final List<Map.Entry<String, HostTaskResult>> results = new ArrayList<>();

        String log() {
            StringBuilder sb = new StringBuilder();
            for (var e : results) sb.append('\n').append(e.getKey()).append(" [").append(e.getValue().host()).append("] ")
                    .append(e.getValue().status()).append(e.getValue().msg() == null ? "" : ": " + e.getValue().msg());
            return sb.toString();
        }

        String messages(String host) {
            StringBuilder sb = new StringBuilder();
            for (var e : results) if (e.getValue().host().equals(host) && e.getValue().msg() != null) sb.append(e.getValue().msg()).append('\n');
            return sb.toString();
        }

        List<String> changedTasks() {
            return results.stream().filter(e -> e.getValue().status() == io.pgha.engine.HostStatus.CHANGED)
                    .map(e -> e.getKey() + " [" + e.getValue().host() + "]").toList();
        }
    }
}
