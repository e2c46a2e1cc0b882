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
        if (first.isEmpty() || then.isEmpty()) return "restart: " + first + then;
        return "restart: " + first + ", then " + then;
    }

    private static String shown(String v) { return v == null ? "(default)" : v; }

    static void printOutcome(Outcome o, boolean json, PrintStream out, PrintStream err) {
        if (json) {
            Map<String, Object> e = Reports.outcome(o.stage().name(), o.exitCode(), o.verification());
            if (o.refusal() != null) e.put("refusal", o.refusal());
            out.println(Json.write(e));
            return;
        }
        switch (o.stage()) {
            case REFUSED -> err.println("push-config refused, nothing was changed:\n  " + o.refusal().replace("\n", "\n  "));
            case UNREACHABLE -> err.println("push-config stopped: a node could not be reached"
                    + (o.refusal() == null ? " (see above)" : ":\n  " + o.refusal().replace("\n", "\n  "))
                    + "\nCheck the address, the SSH key and known_hosts, then re-run.");
            case PLAYBOOK_FAILED -> err.println("push-config stopped on a failed task (see above). Fix the cause and re-run:"
                    + " files already pushed are not pushed again.");
            case CHECKED -> out.println("check mode: nothing was changed; verification skipped.");
            default -> {
                PrintWriter w = new PrintWriter(out, true, StandardCharsets.UTF_8);
                Reports.printVerification(o.verification(), w, Style.forConsole());
                w.flush();
            }
        }
    }
}
