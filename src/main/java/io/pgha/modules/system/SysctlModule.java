package io.pgha.modules.system;

import io.pgha.core.Shell;
import io.pgha.modules.ArgSpec.Type;
import io.pgha.modules.ArgSpec;
import io.pgha.modules.FileDiff;
import io.pgha.modules.Module;
import io.pgha.modules.ModuleContext;
import io.pgha.modules.ModuleResult;
import io.pgha.transport.ExecResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * sysctl: a kernel parameter kept in a sysctl.d file (so it survives reboots) and, with reload, set
 * live. Changed when the file line or (with reload) the live value differs from the wanted value.
 */
public final class SysctlModule implements Module {
    static final String DEFAULT_FILE = "/etc/sysctl.d/99-pgha.conf";
    private static final String MARK = "--pgha-sysctl--";

    private static final ArgSpec SPEC = ArgSpec.builder()
            .required("name", Type.STRING)
            .alias("key", "name")
            .optional("value", Type.ANY)
            .alias("val", "value")
            .choice("state", false, "present", "present", "absent")
            .optional("sysctl_file", Type.STRING, DEFAULT_FILE)
            .optional("reload", Type.BOOL, true);

    @Override public String name() { return "sysctl"; }
    @Override public ArgSpec spec() { return SPEC; }

    @Override
    public ModuleResult run(ModuleContext ctx, Map<String, Object> args) throws Exception {
        String name = Args.required(args, "name").strip();
        if (!name.matches("[A-Za-z0-9_./@:-]+")) throw new TaskFailure("'" + name + "' is not a sysctl key");
        String state = Args.choice(args, "state", "present", "present", "absent");
        String value = args.get("value") == null ? null : value(args.get("value"));
        if (state.equals("present") && (value == null || value.isBlank())) throw new TaskFailure("value is required with state present");
        String file = Args.str(args, "sysctl_file", DEFAULT_FILE);
        boolean reload = Args.bool(args, "reload", true);

        Current cur = read(ctx, file, name);
        String after = SysctlFile.apply(cur.content, name, state.equals("present") ? value : null);
        boolean fileChanged = !after.equals(cur.content) || (!cur.exists && state.equals("present"));
        boolean liveWanted = reload && state.equals("present");
        if (liveWanted && cur.live == null) {
            return ModuleResult.failed("unknown kernel parameter " + name + " on " + ctx.hostName() + ": " + cur.liveError);
        }
        boolean liveChanged = liveWanted && !SysctlFile.sameValue(cur.live, value);

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", name);
        data.put("value", value);
        data.put("live_before", cur.live);
        data.put("file", file);
        data.put("file_changed", fileChanged);
        data.put("live_changed", liveChanged);
        if (!fileChanged && !liveChanged) return ModuleResult.ok(name + (value == null ? " absent from " + file : " = " + value)).withData(data);

        List<String> what = new ArrayList<>();
        if (fileChanged) what.add((state.equals("present") ? "set in " : "removed from ") + file);
        if (liveChanged) what.add("live " + cur.live + " -> " + value);
        ModuleResult result = ModuleResult.changed((ctx.checkMode() ? "would change " : "") + name + ": " + String.join(", ", what)).withData(data);
        if (fileChanged && ctx.diffMode()) result = result.withDiff(new FileDiff(file, cur.exists ? cur.content : null, after));
        if (ctx.checkMode()) return result;

        if (fileChanged) {
            ExecResult w = HostShell.writeFile(ctx, file, after, "0644");
            if (!w.ok()) return ModuleResult.failed("cannot write " + file + ": " + HostShell.why(w)).withData(data);
        }
        if (liveChanged) {
            ExecResult s = HostShell.run(ctx, "sysctl -w " + Shell.quote(name + "=" + value));
            if (!s.ok()) {
                String why = HostShell.why(s);
                return ModuleResult.failed("cannot set " + name + " live: " + why
                        + (why.contains("Read-only") || why.contains("permission denied")
                        ? " (/proc/sys is read-only here, as in most containers; reload: no keeps only the file)" : "")).withData(data);
            }
        }
        return result;
    }

    /** YAML gives numbers and booleans; sysctl wants 1/0 for booleans. */
    static String value(Object v) {
        if (v instanceof Boolean b) return b ? "1" : "0";
        return SysctlFile.normalize(String.valueOf(v));
    }

    private record Current(boolean exists, String content, String live, String liveError) {}

    /** The file and the live value in one round trip. */
    private static Current read(ModuleContext ctx, String file, String name) throws Exception {
        String q = Shell.quote(file);
        String script = "if [ -f " + q + " ]; then echo present; cat " + q + " || exit 1; else echo absent; fi; "
                + "printf '\\n%s\\n' '" + MARK + "'; v=$(sysctl -n " + Shell.quote(name) + " 2>&1); rc=$?; "
                + "printf '%s\\n%s\\n' \"$rc\" \"$v\"";
        ExecResult r = HostShell.run(ctx, script);
        if (!r.ok()) throw new TaskFailure("cannot read " + file + " on " + ctx.hostName() + ": " + HostShell.why(r));
        String out = r.stdout();
        int nl = out.indexOf('\n');
        int mark = out.lastIndexOf("\n" + MARK + "\n");
        boolean exists = out.startsWith("present");
        String content = exists && mark > nl ? out.substring(nl + 1, mark) : "";
        String[] tail = out.substring(mark + MARK.length() + 2).split("\n", 2);
        boolean ok = tail[0].strip().equals("0");
        String v = tail.length > 1 ? HostShell.stripTrailingNewlines(tail[1]) : "";
        return new Current(exists, content, ok ? SysctlFile.normalize(v) : null, ok ? null : v.strip());
    }
}
