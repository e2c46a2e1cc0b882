package io.pgha.modules.system;

import io.pgha.modules.ArgSpec;
import io.pgha.modules.ArgSpec.Type;
import io.pgha.modules.Module;
import io.pgha.modules.ModuleContext;
import io.pgha.modules.ModuleResult;
import io.pgha.modules.support.ThrottledProgress;
import io.pgha.transport.ExecRequest;
import io.pgha.transport.ExecResult;
import io.pgha.transport.TransportException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * package: installs, removes or upgrades packages with the host's manager (apt, dnf, yum from facts).
 * The installed state is read first (dpkg-query / rpm -q), so installed packages are 'ok' and no
 * package manager runs at all; the package lists are refreshed (update_cache) only when something is
 * to be installed or upgraded, or when no name is given.
 */
public final class PackageModule implements Module {
    private static final ArgSpec SPEC = ArgSpec.builder()
            .optional("name", Type.ANY)
            .alias("pkg", "name")
            .choice("state", false, "present", "present", "absent", "latest", "installed", "removed")
            .optional("update_cache", Type.BOOL, false)
            .optional("cache_valid_time", Type.INT, 0)
            .optional("install_recommends", Type.BOOL)
            .optional("purge", Type.BOOL, false)
            .optional("use", Type.STRING)
            .optional("lock_timeout", Type.INT, 300)
            .optional("timeout", Type.INT, 1800)
            .oneOf("name", "update_cache");

    private static final long LOCK_RETRY_MS = 5000;

    @Override public String name() { return "package"; }
    @Override public ArgSpec spec() { return SPEC; }

    @Override
    public ModuleResult run(ModuleContext ctx, Map<String, Object> args) throws Exception {
        List<String> specs = Args.list(args, "name");
        String state = Args.choice(args, "state", "present", "present", "absent", "latest", "installed", "removed");
        if (state.equals("installed")) state = "present";
        if (state.equals("removed")) state = "absent";
        boolean updateCache = Args.bool(args, "update_cache", false);
        if (specs.isEmpty() && !updateCache) throw new TaskFailure("give name (a package or a list), or update_cache: yes");

        String use = Args.str(args, "use", "auto");
        String managerName = use.equals("auto") ? ctx.facts().packageManager() : use;
        PackageManager pm = PackageManager.forName(managerName);
        if (pm == null) {
            return ModuleResult.failed("package: no supported package manager on " + ctx.hostName()
                    + " (found '" + managerName + "'; apt, dnf and yum are supported)");
        }
        Run run = new Run(ctx, pm, Args.integer(args, "lock_timeout", 300), Args.integer(args, "timeout", 1800));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("manager", pm.name());
        data.put("packages", specs);

        if (specs.isEmpty()) {   // update_cache alone
            boolean updated = ctx.checkMode() ? false : run.updateCache(Args.integer(args, "cache_valid_time", 0));
            data.put("cache_updated", updated);
            return ModuleResult.ok(updated ? "package lists refreshed" : "package lists fresh enough").withData(data);
        }

        Set<String> installed = pm.installed(specs, run.must(pm.queryScript(specs), "query installed packages").stdout());
        if (state.equals("absent")) {
            List<String> present = specs.stream().filter(installed::contains).toList();
            data.put("removed", present);
            if (present.isEmpty()) return ModuleResult.ok("not installed: " + String.join(", ", specs)).withData(data);
            if (ctx.checkMode()) return ModuleResult.changed("would remove: " + String.join(", ", present)).withData(data);
            ExecResult r = run.change(pm.removeScript(present, Args.bool(args, "purge", false), run.lockTimeout), "remove " + String.join(" ", present));
            if (!r.ok()) return failed("remove", pm, r, data);
            Set<String> still = pm.installed(present, run.must(pm.queryScript(present), "query installed packages").stdout());
            if (!still.isEmpty()) return ModuleResult.failed("still installed after removal: " + String.join(", ", still)).withData(data);
            return ModuleResult.changed("removed: " + String.join(", ", present)).withData(data);
        }

        List<String> missing = specs.stream().filter(s -> !installed.contains(s)).toList();
        List<String> upgrade = new ArrayList<>();
        boolean cacheUpdated = false;
        if (state.equals("latest")) {
            // Newer versions are only known from fresh lists: refresh first when asked to.
            if (updateCache && !ctx.checkMode()) cacheUpdated = run.updateCache(Args.integer(args, "cache_valid_time", 0));
            List<String> have = specs.stream().filter(installed::contains).toList();
            if (!have.isEmpty()) {
                upgrade.addAll(pm.upgradable(have, run.must(pm.upgradableScript(have), "look for newer versions").stdout()));
            }
        }
        data.put("installed", missing);
        data.put("upgraded", upgrade);
        List<String> todo = new ArrayList<>(missing);
        todo.addAll(upgrade);
        if (todo.isEmpty()) {
            data.put("cache_updated", cacheUpdated);
            return ModuleResult.ok("already " + (state.equals("latest") ? "latest" : "installed") + ": " + String.join(", ", specs)).withData(data);
        }
        if (ctx.checkMode()) {
            data.put("cache_updated", false);
            return ModuleResult.changed(describe("would install", missing, "would upgrade", upgrade)).withData(data);
        }
        if (updateCache && !cacheUpdated) cacheUpdated = run.updateCache(Args.integer(args, "cache_valid_time", 0));
        data.put("cache_updated", cacheUpdated);
        ExecResult r = run.change(pm.installScript(todo, Args.bool(args, "install_recommends"), run.lockTimeout),
                "install " + String.join(" ", todo));
        data.put("stdout", HostShell.tail(r.stdout(), 40));
        if (!r.ok()) return failed("install", pm, r, data);
        Set<String> now = pm.installed(missing, run.must(pm.queryScript(specs), "query installed packages").stdout());
        List<String> absent = missing.stream().filter(s -> !now.contains(s)).toList();
        if (!absent.isEmpty()) {
            return ModuleResult.failed(pm.name() + " reported success but these are not installed: " + String.join(", ", absent)).withData(data);
        }
        return ModuleResult.changed(describe("installed", missing, "upgraded", upgrade)).withData(data);
    }

    private static String describe(String a, List<String> as, String b, List<String> bs) {
        List<String> parts = new ArrayList<>();
        if (!as.isEmpty()) parts.add(a + ": " + String.join(", ", as));
        if (!bs.isEmpty()) parts.add(b + ": " + String.join(", ", bs));
        return String.join("; ", parts);
    }

    private static ModuleResult failed(String what, PackageManager pm, ExecResult r, Map<String, Object> data) {
        String out = r.stderr() + "\n" + r.stdout();
        return ModuleResult.failed(pm.name() + " " + what + " failed (rc " + r.exitCode() + "): " + HostShell.why(r) + pm.hint(out))
                .withData("rc", r.exitCode()).withData("stderr", HostShell.tail(r.stderr(), 20)).withData(data);
    }

    /** The host side of one package task: become, env, lock waits, progress. */
    private static final class Run {
        final ModuleContext ctx;
        final PackageManager pm;
        final int lockTimeout;
        final Duration timeout;

        Run(ModuleContext ctx, PackageManager pm, int lockTimeout, int timeoutSeconds) {
            this.ctx = ctx;
            this.pm = pm;
            this.lockTimeout = Math.max(0, lockTimeout);
            this.timeout = Duration.ofSeconds(Math.max(60, timeoutSeconds));
        }

        /** A read-only query that must succeed. */
        ExecResult must(String script, String what) throws Exception {
            ExecResult r = ctx.exec(HostShell.request(ctx, script).withEnv(pm.env()).withTimeout(Duration.ofMinutes(2)));
            if (!r.ok()) throw new TaskFailure(pm.name() + ": could not " + what + " on " + ctx.hostName() + ": " + HostShell.why(r));
            return r;
        }

        /** A change: streams progress, and waits and retries while another process holds the package lock. */
        ExecResult change(String script, String what) throws TransportException {
            long deadline = System.currentTimeMillis() + lockTimeout * 1000L;
            ctx.progress(pm.name() + " " + what + " ...");
            while (true) {
                ExecRequest req = HostShell.request(ctx, script).withEnv(pm.env()).withTimeout(timeout)
                        .onOutput(new ThrottledProgress(ctx::progress, ThrottledProgress.INTERVAL_MS, pm::isProgressLine));
                ExecResult r = ctx.exec(req);
                if (r.ok() || !pm.isLockError(r.stderr() + r.stdout()) || System.currentTimeMillis() > deadline) return r;
                ctx.progress("waiting for the package lock held by another process ...");
                try {
                    Thread.sleep(LOCK_RETRY_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return r;
                }
            }
        }

        /** Refreshes the package lists unless younger than validSeconds; true when refreshed. */
        boolean updateCache(int validSeconds) throws Exception {
            if (validSeconds > 0 && pm.cacheAgeScript() != null) {
                String age = must(pm.cacheAgeScript(), "read the package lists' age").stdout().strip();
                try {
                    if (Long.parseLong(age) < validSeconds) return false;
                } catch (NumberFormatException ignored) {
                    // unknown age: refresh
                }
            }
            ExecResult r = change(pm.updateCacheScript(lockTimeout), "update cache");
            if (!r.ok()) throw new TaskFailure(pm.name() + ": refreshing the package lists failed on " + ctx.hostName()
                    + " (rc " + r.exitCode() + "): " + HostShell.why(r) + " - check the host's repository configuration and network");
            return true;
        }
    }
}
