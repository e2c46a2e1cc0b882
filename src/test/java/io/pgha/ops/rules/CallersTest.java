package io.pgha.ops.rules;

import io.pgha.ops.render.ClusterVars;
import io.pgha.ops.render.ConfigRenderer;
import io.pgha.ops.render.DefaultVars;
import io.pgha.ops.render.RenderedFile;
import io.pgha.ops.render.SeedInventory;
import io.pgha.template.Expressions;
import io.pgha.template.Freemarker;
import io.pgha.template.VarsModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The callers of the failover rules (the promotion guard, safe boot, the fence) as pgha renders them for db07, the
 * lab's standby, with every absolute path they touch moved below a temporary folder, run under bash with stub
 * programs first on PATH: psql, pg_ctl, runuser, ip, ping, systemctl and the fence agent answer as each case says,
 * and each writes one line a call to one calls log. A caller that gathers a fact wrongly, acts in the wrong order or
 * ignores a verdict fails here in seconds, without a lab. FailoverRulesTest tests the rules themselves.
 */
class CallersTest {
    private static final String BMC_PASSWORD = "s3cret-Bmc";
    /** The newest heartbeat on this standby (sr_delay.last_alive, the primary's clock). */
    private static final String BEAT = "2026-01-01 10:00:00";
    private static final String TIMEOUT = "psql: error: connection to server at \"%s\", port 54321 failed: timeout expired";
    /** A fence delay short enough for a unit test (the validator wants pg_fence_standby_after + 2). */
    private static final int FENCE_DELAY = 1;
    /** What the stubs share: `called` appends one line a call ("EPOCHREALTIME name args") to the calls log. */
    private static final String STUB_HEAD = """
            #!/bin/bash
            S=@S@
            called() { echo "$EPOCHREALTIME ${0##*/} $*" >> "$S/calls"; }
            """;
    private static final Map<String, String> STUBS = Map.of(
            "runuser", """
                    called "$@"
                    while [ "$1" != -- ]; do shift; done
                    shift
                    exec "$@"
                    """,
            // the peer's pg_is_in_recovery() from the file "peer"; this node is a standby with a heartbeat
            "psql", """
                    called "$@"
                    host= sql=
                    while [ $# -gt 0 ]; do case $1 in -h) host=$2; shift ;; -c) sql=$2; shift ;; esac; shift; done
                    unknown="psql: error: the stub has no answer to $sql"
                    if [ "$host" = @PEER@ ]; then
                        case $sql in *pg_is_in_recovery*) answer=$(cat "$S/peer") ;; *) answer=$unknown ;; esac
                    else
                        case $sql in
                            *pg_is_in_recovery*|*pg_promote*) answer=t ;;
                            *last_alive*) answer="@BEAT@" ;;
                            *sync_standby*) answer= ;;
                            *) answer=$unknown ;;
                        esac
                    fi
                    if [[ $answer == psql:* ]]; then echo "$answer" >&2; exit 2; fi
                    echo "$answer"
                    """,
            "pg_ctl", """
                    called "$@"
                    case $1 in promote) exit 0 ;; status) [ -e "$S/running" ] ;; *) exit 1 ;; esac
                    """,
            "ip", """
                    called "$@"
                    case "$*" in
                        *route*) echo "default via 10.0.0.1 dev eth0" ;;
                        *addr*) echo "2: eth0    inet 172.30.107.157/24 brd 172.30.107.255 scope global eth0" ;;
                    esac
                    """,
            "ping", """
                    called "$@"
                    exit "$(cat "$S/ping" 2>/dev/null || echo 0)"
                    """,
            "systemctl", """
                    called "$@"
                    """,
            // fence-agents' protocol: key=value lines on stdin; status exits 0 (on) or 2 (off)
            "fence_ipmilan", """
                    got=() action=
                    while IFS= read -r line; do
                        case $line in
                            action=*) action=${line#action=} ;;
                            password=*) value=${line#password=}; line="password=<${#value} chars>" ;;
                        esac
                        got+=("$line")
                    done
                    called "$@" "<stdin action=$action>"
                    echo "${got[*]}" >> "$S/agent"
                    case $action in
                        status) [ "$(cat "$S/power")" = on ] && exit 0; exit 2 ;;
                        off) [ -e "$S/power-stays-on" ] || echo off > "$S/power" ;;
                        on) echo on > "$S/power" ;;
                    esac
                    """);

    /** Where the scripts are rendered to: each case writes them below its own root instead. */
    private static final String ROOT = "/callers-test-root";
    @TempDir static Path inventories;
    private static Rendered plain, withFenceDevices;

    @TempDir Path tmp;
    /** The node's file system: every absolute path the scripts use, below it. */
    Path root;
    /** The stubs' answers and logs. */
    Path stubs;
    /** Each variable whose value is an absolute path, as redirected below root. */
    final Map<String, Path> at = new HashMap<>();
    String peer;

    record Result(int exit, String out) {}

    /** db07's files (path without ROOT -> content), its variables that name an absolute path, its peer's address. */
    record Rendered(Map<String, String> paths, Map<String, String> files, String peer) {}

    @BeforeAll
    static void renderDb07() throws IOException {
        plain = render(inventories.resolve("plain"), false);
        withFenceDevices = render(inventories.resolve("fence-devices"), true);
    }

    // ---- the promotion guard (keepalived notify_master)

    @Test
    void aSilentPeerWithNeitherWitnessNorFenceDeviceIsRefused() throws IOException {
        standby(false);
        peerAnswers(TIMEOUT.formatted(peer));
        seenPeer();
        Result r = run("ka_notify_master");
        assertEquals(1, r.exit(), r.out());
        assertEquals("1", mark("ka_refused_file"));
        assertTrue(mark("pgha_refused_why_file").contains("the peer " + peer + " does not answer (" + TIMEOUT.formatted(peer)
                + "): a dead peer and a cut link look the same from here"), mark("pgha_refused_why_file"));
        assertTrue(mark("pgha_vrrp_state_file").startsWith("MASTER "));
        assertFalse(calledWith("pg_ctl promote"), calls().toString());
    }

    @Test
    void aPeerThatAnswersAsAStandbyAndAFreshHeartbeatPromote() throws IOException {
        standby(false);
        peerAnswers("t");
        seenPeer();
        Result r = run("ka_notify_master");
        assertEquals(0, r.exit(), r.out() + mark("ka_failover_log"));
        assertTrue(calledWith("pg_ctl promote -D " + at.get("pg_data")), calls().toString());
        assertEquals("1", mark("pgha_takes_writes_file"));
        assertEquals("0", mark("ka_refused_file"));
        assertTrue(mark("ka_failover_log").contains("evidence: the peer " + peer + " answers as a standby"), mark("ka_failover_log"));
        assertTrue(mark("ka_failover_log").contains("STANDBY_LAG: 0 s since the newest heartbeat (" + BEAT), mark("ka_failover_log"));
    }

    @Test
    void aSilentPeerWhosePowerIsOnIsShotAfterTheDelayAndProvedOffBeforePromoting() throws IOException {
        silentPeerWithFenceDevice("on");
        Result r = run("ka_notify_master");
        assertEquals(0, r.exit(), r.out() + mark("ka_failover_log"));
        String actions = awaitPowerOn();
        assertTrue(actions.matches("(status )+off status promote on"), actions);
        // the silence starts after the first probe of the peer began, and uptime_cs counts in 1/100 s
        double silent = when("psql -X -At -h " + peer), off = when("<stdin action=off>");
        assertTrue(off - silent >= FENCE_DELAY - 0.02, "shot " + (off - silent) + " s after the peer fell silent, not after the delay");
        assertTrue(Files.readAllLines(stubs.resolve("agent")).contains("ip=172.30.207.156 username=admin password=<"
                + BMC_PASSWORD.length() + " chars> lanplus=1 cipher=3 method=onoff action=off"), read(stubs.resolve("agent")));
        assertFalse(read(stubs.resolve("calls")).contains(BMC_PASSWORD), "the password is on no command line");
        assertEquals("1", mark("pgha_takes_writes_file"));
        assertTrue(mark("ka_failover_log").contains("fence_ipmilan powered the peer " + peer + " off, and its status says off"), mark("ka_failover_log"));
    }

    @Test
    void aPeerWhosePowerIsAlreadyOffIsNotShot() throws IOException {
        silentPeerWithFenceDevice("off");
        Result r = run("ka_notify_master");
        assertEquals(0, r.exit(), r.out() + mark("ka_failover_log"));
        assertEquals("status promote on", awaitPowerOn());
        assertTrue(mark("ka_failover_log").contains("the peer's power controller says its power is off"), mark("ka_failover_log"));
    }

    @Test
    void aNodeThatReachesNoTieBreakerShootsNobody() throws IOException {
        silentPeerWithFenceDevice("on");
        Files.writeString(stubs.resolve("ping"), "1");
        assertRefused("this node reaches neither its peer nor the tie-breaker 10.0.0.1: it may be the one cut off, and shoots nobody");
        assertTrue(calledWith("ping -n -q -c 1 -W 1 10.0.0.1"), calls().toString());
        assertFalse(fenceActions().contains("off"), fenceActions());
    }

    @Test
    void anOffThatAStatusDoesNotConfirmIsNoFence() throws IOException {
        silentPeerWithFenceDevice("on");
        Files.writeString(stubs.resolve("power-stays-on"), "");
        assertRefused("fence_ipmilan powered the peer off, but its status then said on");
        assertTrue(fenceActions().matches("(status )+off status"), fenceActions());
    }

    /** Booted without replaying its peer's heartbeat: no mark, or a mark from before a reboot (its uptime ahead of now). */
    @ParameterizedTest(name = "heartbeat mark: {0}")
    @ValueSource(strings = {"none", "from before a reboot"})
    void aNodeThatHasNotSeenItsPeerSinceItBootedShootsNobody(String heartbeatMark) throws IOException {
        silentPeerWithFenceDevice("on");
        if (heartbeatMark.equals("none")) Files.delete(at.get("pgha_heartbeat_seen_file"));
        else Files.writeString(at.get("pgha_heartbeat_seen_file"), BEAT + "|" + (uptimeCs() + 100_000_000L) + "\n");
        assertRefused("this node has not seen its peer since it booted: it shoots nobody");
        // its controller may be asked (a dead host's says off at once); it is never told to power anything off
        assertFalse(fenceActions().contains("off"), fenceActions());
    }

    /** A standby whose newest heartbeat is too old would refuse after the shot: it shoots nobody (a live primary keeps serving). */
    @Test
    void aStandbyTooFarBehindToPromoteShootsNobody() throws IOException {
        silentPeerWithFenceDevice("on");
        Files.writeString(at.get("pgha_heartbeat_seen_file"), BEAT + "|" + (uptimeCs() - 100 * 100) + "\n");
        assertRefused(" s behind (limit 60 s): the silent peer " + peer + " is not powered off");
        assertFalse(fenceActions().contains("off"), fenceActions());
    }

    // ---- safe boot (ExecStartPre of PostgreSQL)

    @Test
    void aFencedNodeBootsReadOnlyWithoutAskingItsPeer() throws IOException {
        standby(false);
        Files.writeString(at.get("pgha_fenced_file"), "2026-01-01 10:00:00 keepalived went BACKUP while this node was primary\n");
        assertTrue(safeBootIsReadOnly());
        assertFalse(calledWith("psql"), calls().toString());
        assertTrue(mark("ka_fence_log").contains("this node was fenced (2026-01-01 10:00:00 keepalived went BACKUP"), mark("ka_fence_log"));
    }

    @Test
    void aPeerThatIsPrimaryMakesThisNodeBootReadOnlyAndFenced() throws IOException {
        standby(false);
        peerAnswers("f");
        assertTrue(safeBootIsReadOnly());
        assertTrue(mark("pgha_fenced_file").endsWith(" the peer " + peer + " was primary when this node started"), mark("pgha_fenced_file"));
    }

    @Test
    void aPeerThatIsAStandbyLetsThisNodeBootAsPrimary() throws IOException {
        standby(false);
        peerAnswers("t");
        assertFalse(safeBootIsReadOnly());
        assertFalse(Files.exists(at.get("pgha_fenced_file")));
        assertTrue(mark("ka_fence_log").contains("the peer " + peer + " is a standby: starting as primary"), mark("ka_fence_log"));
    }

    // ---- the fence (keepalived notify_backup, notify_fault, notify_stop)

    @Test
    void aRunningPrimaryThatLosesMasterIsMadeAStandbyThenRestarted() throws IOException {
        standby(false);
        Files.writeString(at.get("pgha_vrrp_state_file"), "MASTER 1767261600\n");
        Files.writeString(stubs.resolve("running"), "");
        assertEquals(0, run("ka_notify_fence", "BACKUP").exit());
        assertTrue(Files.exists(at.get("pg_data").resolve("standby.signal")));
        assertTrue(mark("pgha_fenced_file").endsWith(" keepalived went BACKUP while this node was primary"), mark("pgha_fenced_file"));
        assertEquals("0", mark("pgha_takes_writes_file"));
        List<String> calls = calls();
        int signal = calls.indexOf("runuser -u postgres -- touch " + at.get("pg_data").resolve("standby.signal"));
        int restart = calls.indexOf("systemctl --no-block restart postgresql@15-main");
        assertTrue(signal >= 0 && restart > signal, "standby.signal first, then the restart: " + calls);
    }

    @Test
    void keepalivedsFirstStateFencesNothing() throws IOException {
        standby(false);
        Files.writeString(stubs.resolve("running"), "");
        assertEquals(0, run("ka_notify_fence", "BACKUP").exit());
        assertFalse(Files.exists(at.get("pg_data").resolve("standby.signal")));
        assertFalse(Files.exists(at.get("pgha_fenced_file")));
        assertFalse(calledWith("systemctl"), calls().toString());
        assertTrue(mark("pgha_vrrp_state_file").startsWith("BACKUP "));
    }

    // ---- helpers

    /**
     * db07 rendered with every variable that names an absolute path moved below ROOT (pg_bin_dir, where the stubs
     * go, too), each script checked for a path under /run, /var or /etc left behind; with a fence device for each
     * node when asked. Once per class: a case writes the files below its own root.
     */
    private static Rendered render(Path dir, boolean fenceDevices) throws IOException {
        Path inv = SeedInventory.copy("lab", dir, SeedInventory.ARTICLE_SECRETS);
        if (fenceDevices) {
            Path secret = Files.writeString(dir.resolve("bmc-password"), BMC_PASSWORD + "\n");
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
            for (String node : List.of("db06", "db07")) {
                Path hostVars = inv.resolve("host_vars/" + node + ".yml");
                Files.writeString(hostVars, Files.readString(hostVars) + "\npg_fence_agent: fence_ipmilan\npg_fence_ip: 172.30.207."
                        + node.replace("db0", "15") + "\npg_fence_user: admin\npg_fence_password_file: " + secret
                        + "\npg_fence_options: {lanplus: 1, cipher: 3}\n");
            }
        }
        Map<String, Object> defaults = DefaultVars.load(Path.of(DefaultVars.RELATIVE_PATH));
        Map<String, Object> vars = new ClusterVars(SeedInventory.load(inv), defaults).forHost("db07");
        VarsModel model = VarsModel.of(vars, new Expressions(Freemarker.configuration(List.of())));
        Map<String, String> paths = new HashMap<>();
        Map<String, Object> extra = new HashMap<>(Map.of("pg_fence_delay", String.valueOf(FENCE_DELAY)));
        vars.forEach((name, raw) -> {
            if (raw instanceof String && model.resolve(name) instanceof String path && path.startsWith("/")) {
                paths.put(name, path);
                extra.put(name, ROOT + path);
            }
        });
        Map<String, String> files = new HashMap<>();
        for (RenderedFile f : new ConfigRenderer(Path.of("templates")).render(new ClusterVars(SeedInventory.load(inv), defaults, extra).forHost("db07"))) {
            if (!f.path().startsWith(ROOT + "/")) continue;
            if (f.path().endsWith(".sh")) assertNothingOutside(f);
            files.put(f.path().substring(ROOT.length()), f.content());
        }
        return new Rendered(paths, files, String.valueOf(model.resolve("pg_peer_address")));
    }

    /** A script line (not a comment) naming a path under /run, /var or /etc: the case would write outside ROOT. */
    private static void assertNothingOutside(RenderedFile script) {
        Pattern outside = Pattern.compile("(?<![\\w./-])/(run|var|etc)/\\S*");
        for (String line : script.content().replace(ROOT, "ROOT").split("\n")) {
            Matcher m = outside.matcher(line);
            if (!line.strip().startsWith("#") && m.find()) fail(script.path() + " still uses " + m.group() + ": " + line);
        }
    }

    /** db07's files below this case's root, PGDATA holding a cluster (PG_VERSION), the stubs in pg_bin_dir. */
    private void standby(boolean fenceDevices) throws IOException {
        Rendered node = fenceDevices ? withFenceDevices : plain;
        root = Files.createDirectories(tmp.resolve("node"));
        stubs = Files.createDirectories(tmp.resolve("stubs"));
        peer = node.peer();
        node.paths().forEach((name, path) -> at.put(name, Path.of(root + path)));
        for (Map.Entry<String, String> f : node.files().entrySet()) {
            Path p = Path.of(root + f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue().replace(ROOT, root.toString()));
        }
        Files.createDirectories(at.get("pg_data"));
        Files.writeString(at.get("pg_data").resolve("PG_VERSION"), "15\n");
        Files.createDirectories(at.get("pgha_state_dir"));
        Files.createDirectories(at.get("pgha_vrrp_state_file").getParent());
        Path bin = Files.createDirectories(at.get("pg_bin_dir"));
        for (Map.Entry<String, String> stub : STUBS.entrySet()) {
            Path p = bin.resolve(stub.getKey());
            Files.writeString(p, STUB_HEAD.replace("@S@", stubs.toString())
                    + stub.getValue().replace("@PEER@", peer).replace("@BEAT@", BEAT));
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        }
        Files.writeString(stubs.resolve("calls"), "");
    }

    /** The guard's case with a fence device: the peer silent, seen since boot, its power as given. */
    private void silentPeerWithFenceDevice(String power) throws IOException {
        standby(true);
        peerAnswers(TIMEOUT.formatted(peer));
        seenPeer();
        Files.writeString(stubs.resolve("power"), power + "\n");
    }

    private void peerAnswers(String answer) throws IOException {
        Files.writeString(stubs.resolve("peer"), answer + "\n");
    }

    /** The health check's mark: the newest heartbeat was replayed here just now, by this node's uptime. */
    private void seenPeer() throws IOException {
        Files.writeString(at.get("pgha_heartbeat_seen_file"), BEAT + "|" + uptimeCs() + "\n");
    }

    private static long uptimeCs() throws IOException {
        return Long.parseLong(Files.readString(Path.of("/proc/uptime")).split(" ")[0].replace(".", ""));
    }

    /** Runs the script the variable names under bash, the stubs first on PATH; fails after 20 s. */
    private Result run(String scriptVar, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("bash", at.get(scriptVar).toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PATH", at.get("pg_bin_dir") + ":" + System.getenv("PATH"));
        Process p = pb.start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(20, TimeUnit.SECONDS)) fail(scriptVar + " did not end: " + out);
            return new Result(p.exitValue(), out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs safe boot (it always lets the start go on): whether it wrote standby.signal, so PostgreSQL starts read-only. */
    private boolean safeBootIsReadOnly() throws IOException {
        assertEquals(0, run("pg_safe_boot_script").exit());
        return Files.exists(at.get("pg_data").resolve("standby.signal"));
    }

    /** The guard refused, saying why, and promoted nothing. */
    private void assertRefused(String because) throws IOException {
        Result r = run("ka_notify_master");
        assertEquals(1, r.exit(), r.out() + mark("ka_failover_log"));
        assertEquals("1", mark("ka_refused_file"));
        assertTrue(mark("pgha_refused_why_file").contains(because), mark("pgha_refused_why_file"));
        assertFalse(calledWith("pg_ctl promote"), calls().toString());
    }

    /** The calls, in order, without their times. */
    private List<String> calls() throws IOException {
        return Files.readAllLines(stubs.resolve("calls")).stream().map(l -> l.split(" ", 2)[1]).collect(Collectors.toList());
    }

    private boolean calledWith(String start) throws IOException {
        return calls().stream().anyMatch(c -> c.startsWith(start));
    }

    /** When (EPOCHREALTIME) the first call containing this text was made. */
    private double when(String text) throws IOException {
        return Files.readAllLines(stubs.resolve("calls")).stream().filter(l -> l.contains(text))
                .mapToDouble(l -> Double.parseDouble(l.split(" ", 2)[0])).findFirst().orElseThrow();
    }

    /** The fence agent's actions and the promotion, in order: "status off status promote". */
    private String fenceActions() throws IOException {
        return calls().stream().map(c -> c.startsWith("pg_ctl promote") ? "promote"
                        : c.startsWith("fence_ipmilan") ? c.replaceAll(".*<stdin action=(\\w+)>", "$1") : null)
                .filter(a -> a != null).collect(Collectors.joining(" "));
    }

    /** The guard powers its fenced peer on again in the background, a second after promoting: waits for it (5 s at most). */
    private String awaitPowerOn() throws IOException {
        for (int i = 0; i < 50 && !mark("ka_failover_log").contains("powered on again"); i++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        assertTrue(mark("ka_failover_log").contains("the peer " + peer + " powered on again (fence_ipmilan on: exit 0)"), mark("ka_failover_log"));
        return fenceActions();
    }

    /** A mark's (or log's) content, "" when absent, without a single line's newline. */
    private String mark(String var) throws IOException {
        String s = read(at.get(var));
        return s.endsWith("\n") && s.indexOf('\n') == s.length() - 1 ? s.strip() : s;
    }

    private static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p) : "";
    }
}
