package io.pgha.modules.system;

import io.pgha.core.Shell;
import io.pgha.modules.ArgSpec.Type;
import io.pgha.modules.ArgSpec;
import io.pgha.modules.Module;
import io.pgha.modules.ModuleContext;
import io.pgha.modules.ModuleResult;
import io.pgha.transport.ExecResult;

import java.util.LinkedHashMap;
import java.util.Map;

/** group: a local group present (with gid when given) or absent. */
public final class GroupModule implements Module {
    private static final ArgSpec SPEC = ArgSpec.builder()
            .required("name", Type.STRING)
            .choice("state", false, "present", "present", "absent")
            .optional("gid", Type.INT)
            .optional("system", Type.BOOL, false);

    @Override public String name() { return "group"; }
    @Override public ArgSpec spec() { return SPEC; }

    @Override
    public ModuleResult run(ModuleContext ctx, Map<String, Object> args) throws Exception {
        String name = Accounts.name("group", Args.required(args, "name"));
        String state = Args.choice(args, "state", "present", "present", "absent");
        Integer gid = Args.integer(args, "gid");
        String q = Shell.quote(name);
        Integer actual = gid(HostShell.run(ctx, "getent group " + q + "; exit 0").stdout());

        if (state.equals("absent")) {
            if (actual == null) return ModuleResult.ok("group " + name + " is absent").withData(data(name, "absent", null));
            if (ctx.checkMode()) return ModuleResult.changed("would remove group " + name).withData(data(name, "absent", actual));
            return apply(ctx, "groupdel " + q, "removed group " + name, data(name, "absent", null));
        }
        if (actual == null) {
            if (ctx.checkMode()) return ModuleResult.changed("would create group " + name).withData(data(name, "present", gid));
            String cmd = "groupadd " + (Args.bool(args, "system", false) ? "-r " : "") + (gid != null ? "-g " + gid + " " : "") + q;
            ModuleResult r = apply(ctx, cmd, "created group " + name, data(name, "present", gid));
            if (r.failed() || gid != null) return r;
            return r.withData("gid", gid(HostShell.run(ctx, "getent group " + q + "; exit 0").stdout()));
        }
        if (gid == null || gid.equals(actual)) return ModuleResult.ok("group " + name + " is as wanted").withData(data(name, "present", actual));
        String change = "gid " + actual + " -> " + gid;
        if (ctx.checkMode()) return ModuleResult.changed("would change group " + name + ": " + change).withData(data(name, "present", actual));
        return apply(ctx, "groupmod -g " + gid + " " + q, "changed group " + name + ": " + change, data(name, "present", gid));
    }

    private static ModuleResult apply(ModuleContext ctx, String cmd, String done, Map<String, Object> data) throws Exception {
        ExecResult r = HostShell.run(ctx, cmd);
        if (!r.ok()) return ModuleResult.failed(cmd.split(" ")[0] + " failed: " + HostShell.why(r)).withData(data);
        return ModuleResult.changed(done).withData(data);
    }

    /** The gid from a 'getent group' line (name:x:gid:members), null when absent. */
    static Integer gid(String getent) {
        String line = getent.strip();
        if (line.isEmpty()) return null;
        String[] f = line.split("\n")[0].split(":", -1);
        return f.length >= 3 && f[2].matches("\\d+") ? Integer.parseInt(f[2]) : null;
    }

    private static Map<String, Object> data(String name, String state, Integer gid) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", name);
        d.put("state", state);
        if (gid != null) d.put("gid", gid);
        return d;
    }
}
