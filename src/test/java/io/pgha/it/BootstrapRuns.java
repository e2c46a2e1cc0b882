package io.pgha.it;

import io.pgha.engine.RunOptions;
import io.pgha.ops.ProjectLayout;
import io.pgha.ops.Toolkit;
import io.pgha.ops.bootstrap.Bootstrap;
import io.pgha.ops.bootstrap.Bootstrap.Outcome;
import io.pgha.ops.push.ConfigPush;
import io.pgha.ops.push.PushPlan;
import io.pgha.ops.rejoin.Rejoin;
import io.pgha.output.ConsoleOutput;
import io.pgha.output.Style;
import io.pgha.testing.LabFixture;
import io.pgha.transport.ssh.SshConnector;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Runs `pgha bootstrap`, `push-config` and `rejoin` in-process for the end-to-end tests, printing the console view and the wall time. */
final class BootstrapRuns {
    private BootstrapRuns() {}

    static Path project() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    }

    static Outcome run(Path inventory, boolean check, String label) {
        return run(inventory, check, false, label);
    }

    static Outcome run(Path inventory, boolean check, boolean forceReinit, String label) {
        ProjectLayout layout = new ProjectLayout(project());
        try (Toolkit kit = new Toolkit(layout.home(), new SshConnector())) {
            long t0 = System.nanoTime();
            Outcome o = new Bootstrap(kit, layout).run(inventory, RunOptions.defaults().withCheck(check), forceReinit,
                    new ConsoleOutput(System.out, new Style(false), 0));
            System.out.printf("bootstrap (%s%s) took %.1f s: %s%n", label, check ? ", check" : "", (System.nanoTime() - t0) / 1e9, o.stage());
            return o;
        }
    }

    /** push-config with these extra variables (inventory overrides, as -e gives them); the plan is added to plans. */
    static ConfigPush.Outcome push(Path inventory, boolean check, Map<String, Object> extraVars, List<PushPlan> plans) {
        ProjectLayout layout = new ProjectLayout(project());
        try (Toolkit kit = new Toolkit(layout.home(), new SshConnector())) {
            long t0 = System.nanoTime();
            ConfigPush.Outcome o = new ConfigPush(kit, layout).run(inventory,
                    RunOptions.defaults().withCheck(check).withExtraVars(extraVars), new ConsoleOutput(System.out, new Style(false), 0), plans::add);
            System.out.printf("push-config (%s%s) took %.1f s: %s %s%n", extraVars, check ? ", check" : "", (System.nanoTime() - t0) / 1e9,
                    o.stage(), o.refusal() == null ? "" : o.refusal());
            return o;
        }
    }

    /** rejoin (method auto), the lines it says before acting added to said. */
    static Rejoin.Outcome rejoin(Path inventory, List<String> said) { return rejoin(inventory, false, said); }

    static Rejoin.Outcome rejoin(Path inventory, boolean force, List<String> said) {
        return rejoin(inventory, Rejoin.Method.AUTO, force, said);
    }

    static Rejoin.Outcome rejoin(Path inventory, Rejoin.Method method, boolean force, List<String> said) {
        return rejoin(inventory, RunOptions.defaults(), method, force, false, said);
    }

    /** rejoin --follow-cluster (method auto), in check mode when asked. */
    static Rejoin.Outcome rejoinFollowingTheCluster(Path inventory, boolean check, List<String> said) {
        return rejoin(inventory, RunOptions.defaults().withCheck(check), Rejoin.Method.AUTO, false, true, said);
    }

    private static Rejoin.Outcome rejoin(Path inventory, RunOptions options, Rejoin.Method method, boolean force, boolean followCluster,
                                         List<String> said) {
        ProjectLayout layout = new ProjectLayout(project());
        try (Toolkit kit = new Toolkit(layout.home(), new SshConnector())) {
            long t0 = System.nanoTime();
            Rejoin.Outcome o = new Rejoin(kit, layout).run(inventory, options, method, force, followCluster,
                    new ConsoleOutput(System.out, new Style(false), 0), said::add);
            System.out.printf("rejoin took %.1f s: %s %s%n", (System.nanoTime() - t0) / 1e9, o.stage(), o.message() == null ? "" : o.message());
            return o;
        }
    }

    /**
     * A copy of the inventory (.lab/LAB/NAME) with db07 as primary and db06 as standby (what the inventory
     * says after a failover); links followed, relative paths still hold.
     */
    static Path swappedRoles(Path inventory, String name) throws IOException {
        Path to = copy(inventory, name);
        swap(to.resolve("host_vars/db06.yml"), "cluster_role: primary", "cluster_role: standby");
        swap(to.resolve("host_vars/db07.yml"), "cluster_role: standby", "cluster_role: primary");
        return to;
    }

    /**
     * A copy of the inventory's hosts.yml, group_vars and host_vars, roles as they are, in the lab's own directory
     * (.lab/LAB/NAME: a lab beside it never sees it) at the depth of the lab's inventories, so that the relative
     * paths of the tracked settings still hold; links followed.
     */
    static Path copy(Path inventory, String name) throws IOException {
        Path to = LabFixture.get().config().stateDir().resolve(name);
        if (Files.exists(to)) {
            try (Stream<Path> walk = Files.walk(to)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }
        for (String part : List.of("hosts.yml", "group_vars", "host_vars")) {
            Path from = inventory.resolve(part);
            if (!Files.exists(from)) continue;
            try (Stream<Path> walk = Files.walk(from, FileVisitOption.FOLLOW_LINKS)) {
                for (Path p : walk.toList()) {
                    Path target = to.resolve(inventory.relativize(p).toString());
                    if (Files.isDirectory(p)) Files.createDirectories(target);
                    else Files.copy(p, Files.createDirectories(target.getParent()).resolve(p.getFileName()));
                }
            }
        }
        return to;
    }

    /** Cluster variables added to the copy's group_vars/cluster.yml (YAML lines), as an inventory would set them. */
    static void addGroupVars(Path inventory, String yaml) throws IOException {
        Path f = inventory.resolve("group_vars/cluster.yml");
        Files.writeString(f, Files.readString(f) + "\n" + yaml);
    }

    static void swap(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        if (!text.contains(from)) throw new IllegalStateException(file + " has no '" + from + "'");
        Files.writeString(file, text.replace(from, to));
    }

    /** Waits between polls of a node; an interrupt ends the wait early (the poll's assertion then reports). */
    static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
