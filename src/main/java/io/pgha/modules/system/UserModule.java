package io.pgha.modules.system;

import io.pgha.core.Shell;
import io.pgha.modules.ArgSpec.Type;
import io.pgha.modules.ArgSpec;
import io.pgha.modules.Module;
import io.pgha.modules.ModuleContext;
import io.pgha.modules.ModuleResult;
import io.pgha.transport.ExecResult;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** user: a local user present with the given fields (only differing ones changed), or absent. */
public final class UserModule implements Module {
    private static final ArgSpec SPEC = ArgSpec.builder()
            .required("name", Type.STRING)
            .choice("state", false, "present", "present", "absent")
            .optional("uid", Type.INT)
            .optional("group", Type.STRING)
            .optional("groups", Type.ANY)
            .optional("append", Type.BOOL, false)
            .optional("home", Type.STRING)
            .optional("move_home", Type.BOOL, false)
            .optional("shell", Type.STRING)
            .optional("comment", Type.STRING)
            .optional("system", Type.BOOL, false)
            .optional("create_home", Type.BOOL, true)
            .alias("createhome", "create_home")
            .optional("remove", Type.BOOL, false);

    @Override public String name() { return "user"; }
    @Override public ArgSpec spec() { return SPEC; }

    @Override
    public ModuleResult run(ModuleContext ctx, Map<String, Object> args) throws Exception {
        String name = Accounts.name("user", Args.required(args, "name"));
        String state = Args.choice(args, "state", "present", "present", "absent");
        UserState actual = read(ctx, name);

        if (state.equals("absent")) {
            if (actual == null) return ModuleResult.ok("user " + name + " is absent").withData(data(name, "absent", null));
            if (ctx.checkMode()) return ModuleResult.changed("would remove user " + name).withData(data(name, "absent", actual));
            String cmd = "userdel " + (Args.bool(args, "remove", false) ? "-r " : "") + Shell.quote(name);
            ExecResult r = HostShell.run(ctx, cmd);
            if (!r.ok()) return ModuleResult.failed("userdel " + name + " failed: " + HostShell.why(r));
            return ModuleResult.changed("removed user " + name).withData(data(name, "absent", null));
        }

        List<String> groups = args.get("groups") == null ? null : Args.list(args, "groups");
        if (groups != null) for (String g : groups) Accounts.name("group", g);
        String group = Args.str(args, "group");
        if (group != null && !group.matches("\\d+")) Accounts.name("group", group);
        UserPlan plan = new UserPlan(name, Args.integer(args, "uid"), group, groups, Args.bool(args, "append", false),
                Args.str(args, "home"), Args.str(args, "shell"), args.get("comment") == null ? null : String.valueOf(args.get("comment")),
                Args.bool(args, "system", false), Args.bool(args, "create_home", true), Args.bool(args, "move_home", false));

        if (actual == null) {
            if (ctx.checkMode()) return ModuleResult.changed("would create user " + name).withData(data(name, "present", null));
            ExecResult r = HostShell.run(ctx, plan.useradd());
            if (!r.ok()) return ModuleResult.failed("useradd " + name + " failed: " + HostShell.why(r));
            return ModuleResult.changed("created user " + name).withData(data(name, "present", read(ctx, name)));
        }
        List<String> diffs = plan.differences(actual);
        if (diffs.isEmpty()) return ModuleResult.ok("user " + name + " is as wanted").withData(data(name, "present", actual));
        String changes = String.join("; ", diffs);
        if (ctx.checkMode()) return ModuleResult.changed("would change user " + name + ": " + changes).withData(data(name, "present", actual));
        ExecResult r = HostShell.run(ctx, plan.usermod(actual));
        if (!r.ok()) return ModuleResult.failed("usermod " + name + " failed: " + HostShell.why(r));
        return ModuleResult.changed("changed user " + name + ": " + changes).withData(data(name, "present", read(ctx, name)));
    }

    private static UserState read(ModuleContext ctx, String name) throws Exception {
        ExecResult r = HostShell.run(ctx, UserState.queryScript(Shell.quote(name)));
        return UserState.parse(r.stdout());
    }

    private static Map<String, Object> data(String name, String state, UserState u) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", name);
        d.put("state", state);
        if (u != null) {
            d.put("uid", u.uid());
            d.put("group", u.primaryGroup());
            d.put("groups", u.groups());
            d.put("home", u.home());
            d.put("shell", u.shell());
        }
        return d;
    }
}
