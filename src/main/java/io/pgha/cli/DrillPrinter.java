package io.pgha.cli;

import io.pgha.core.Json;
import io.pgha.ops.drill.DrillReport;
import io.pgha.ops.drill.FailoverDrill.Outcome;
import io.pgha.output.Style;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Prints a failover drill's figures, then the cluster as the drill left it. */
final class DrillPrinter {
    private DrillPrinter() {}

    static void print(Outcome o, boolean json, PrintWriter out, PrintWriter err) {
        DrillReport r = o.report();
        if (json) {
            Map<String, Object> e = Reports.outcome(o.stage().name(), o.exitCode(), null);
            e.put("event", "drill");
            if (o.message() != null) e.put("message", o.message());
            if (r != null) {
                e.put("fault", r.fault().option());
                e.put("victim", r.victim());
                e.put("old_primary", r.oldPrimary());
                e.put("timeline_before", r.timelineBefore());
                e.put("clients", r.clientPath());
                e.put("first_failed_write_ms", r.measure().firstFailureMs());
                e.put("writes_back_ms", r.measure().recoveredMs());
                e.put("timeline_after", r.measure().timelineAfter());
                e.put("detected_ms", r.at("detected"));
                e.put("vip_moved_ms", r.at("VIP on"));
                e.put("promoted_ms", r.at("promoted"));
                e.put("healed_ms", r.healedMs());
                e.put("split_brain_ms", r.splitBrainMs());
                e.put("split_brain_fault_ms", r.splitFaultMs());
                e.put("split_brain_after_ms", r.splitAfterMs());
                e.put("max_write_gap_ms", r.maxWriteGapMs());
                e.put("writes_acknowledged", r.writesAcked());
                e.put("writes_failed", r.writesFailed());
                e.put("direct_writes_acknowledged", r.directAcked());
                e.put("acknowledged_writes_lost", r.lost() == null ? null : r.lost().size());
                if (r.lostUnknownWhy() != null) e.put("lost_unknown", r.lostUnknownWhy());
                e.put("timeline", events(r));
                e.put("status_after", StatusPrinter.json(r.after()));
            }
            out.println(Json.write(e));
            out.flush();
            return;
        }
        if (r == null) {
            err.println("failover-drill " + (o.exitCode() == 2 ? "refused, nothing was done" : "stopped") + ":\n  "
                    + o.message().replace("\n", "\n  "));
            err.flush();
            return;
        }
        Style style = Style.forConsole();
        out.println();
        out.println(style.bold("DRILL") + "  " + r.fault().description() + " (" + r.victim() + "), took "
                + seconds(r.durationMs()) + "; clients " + r.clientPath());
        for (DrillReport.Event ev : r.events()) out.printf(Locale.ROOT, "  %8s  %s%n", seconds(ev.ms()), ev.what());
        String split = seconds(r.splitFaultMs()) + " during the fault, " + seconds(r.splitAfterMs()) + " after";
        out.println("  two writable primaries    " + (r.splitBrainMs() == 0 ? style.green(split) : style.red(split)));
        out.println("  longest write gap (VIP)   " + seconds(r.maxWriteGapMs()));
        out.println("  writes acknowledged       " + r.writesAcked() + " through the VIP (" + r.writesFailed() + " failed), "
                + r.directAcked() + " on " + r.oldPrimary() + "'s own address");
        if (r.lost() != null) {
            String lost = r.lost().size() + (r.lost().isEmpty() ? "" : " " + (r.lost().size() > 20 ? r.lost().subList(0, 20) + "..." : r.lost()));
            out.println("  acknowledged writes lost  " + (r.lost().isEmpty() ? style.green(lost) : style.red(lost)));
        } else {
            out.println("  acknowledged writes lost  unknown: " + r.lostUnknownWhy());
        }
        StatusPrinter.print(r.after(), out, style);
        if (o.exitCode() == 0) {
            out.println("No split brain; writes are acknowledged through the VIP."
                    + (r.after().healthy() && r.after().findings().isEmpty() ? " The cluster is healthy."
                    : " The status above names what is left to do (a fenced node: pgha rejoin)."));
        } else {
            out.println(style.red("drill FAILED: " + o.message()));
        }
        out.flush();
    }

    private static String seconds(long ms) { return String.format(Locale.ROOT, "%.1f s", ms / 1000.0); }

    /** The drill's timeline as JSON objects {ms, what}: the --json line and the HTML report carry the same. */
    static List<Map<String, Object>> events(DrillReport r) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (DrillReport.Event ev : r.events()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ms", ev.ms());
            m.put("what", ev.what());
            events.add(m);
        }
        return events;
    }
}
