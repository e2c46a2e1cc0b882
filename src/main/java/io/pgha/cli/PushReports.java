package io.pgha.cli;

import io.pgha.core.Json;
import io.pgha.ops.push.ConfigPush.Outcome;
import io.pgha.ops.push.PushPlan;
import io.pgha.ops.push.SettingChange;
import io.pgha.output.Style;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Prints a config push's plan before it runs, and how it ended. */
final class PushReports {
    private PushReports() {}

    static void printPlan(PushPlan plan, boolean json, PrintStream out) {
        if (json) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("event", "plan");
            Map<String, Object> hosts = new LinkedHashMap<>();
            plan.changes().forEach((host, changes) -> hosts.put(host, changes.stream().map(c -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("setting", c.name());
                m.put("before", c.before());
                m.put("after", c.after());
                m.put("context", c.context());
                m.put("restart", c.needsRestart());
                return m;
            }).toList()));
            e.put("settings", hosts);
            e.put("restart_first", plan.restartFirst());
            e.put("restart_then", plan.restartThen());
            if (plan.handOverFrom() != null) e.put("switchover_from", plan.handOverFrom());
            out.println(Json.write(e));
            return;
        }
        Style style = Style.forConsole();
        out.println();
        out.println(style.bold("PLAN") + "  postgresql.conf settings that change");
        plan.changes().forEach((host, changes) -> {
            if (changes.isEmpty()) out.println(String.format("  %-6s %s", host, style.dim("none")));
            for (SettingChange c : changes) {
                String how = c.needsRestart() ? style.yellow("restart") : "reload";
                out.println(String.format("  %-6s %-32s %s -> %s  (%s)", host, c.name(), shown(c.before()), shown(c.after()), how));
            }
        });
        out.println("  " + restarts(plan));
    }

    static String restarts(PushPlan plan) {
        if (!plan.restarts()) return "no restart: every change takes a reload";
        String first = String.join(", ", plan.restartFirst());
        String then = String.join(", ", plan.restartThen());
        String inPlace = first.isEmpty() || then.isEmpty() ? "restart: " + first + then : "restart: " + first + ", then " + then;
        if (plan.handOverFrom() == null) return inPlace;
        String switchover = "a switchover instead of " + plan.handOverFrom() + "'s restart (it hands over to its standby and"
                + " restarts as that standby's standby)";
        return first.isEmpty() ? switchover : inPlace + ", then " + switchover;
    }

    private static String shown(String v) { return v == null ? "(default)" : v; }

    static void printOutcome(Outcome o, boolean json, PrintStream out, PrintStream err) {
        if (json) {
            Map<String, Object> e = Reports.outcome(o.stage().name(), o.exitCode(), o.verification());
            if (o.refusal() != null) e.put("refusal", o.refusal());
            if (o.switchover() != null) {
                Map<String, Object> switchover = SwitchoverCommand.json(o.switchover());
                switchover.remove("event"); // a part of this outcome, not an event of its own
                e.put("switchover", switchover);
            }
            out.println(Json.write(e));
            return;
        }
        if (o.switchover() != null && o.switchover().client() != null) out.println(SwitchoverCommand.summary(o.switchover()));
        if (o.switchover() != null) o.switchover().inventoryEdits().forEach(edit -> out.println("inventory: " + edit));
        switch (o.stage()) {
            case REFUSED -> err.println("push-config refused, nothing was changed:\n  " + o.refusal().replace("\n", "\n  "));
            case UNREACHABLE -> err.println("push-config stopped: a node could not be reached"
                    + (o.refusal() == null ? " (see above)" : ":\n  " + o.refusal().replace("\n", "\n  "))
                    + "\nCheck the address, the SSH key and known_hosts, then re-run.");
            case PLAYBOOK_FAILED -> err.println("push-config stopped on a failed task (see above)"
                    + (o.refusal() == null ? "" : ": " + o.refusal()) + ". Fix the cause and re-run:"
                    + " files already pushed are not pushed again.");
            case CHECKED -> out.println("check mode: nothing was changed; verification skipped.");
            default -> {
                if (o.refusal() != null) err.println("push-config: " + o.refusal());
                if (o.verification() == null) return;
                PrintWriter w = new PrintWriter(out, true, StandardCharsets.UTF_8);
                Reports.printVerification(o.verification(), w, Style.forConsole());
                w.flush();
            }
        }
    }
}
