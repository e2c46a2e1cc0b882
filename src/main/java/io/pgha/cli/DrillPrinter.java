package io.pgha.cli;

import io.pgha.core.Json;
import io.pgha.ops.drill.DrillMeasure;
import io.pgha.ops.drill.DrillReport;
import io.pgha.ops.drill.FailoverDrill.Outcome;
import io.pgha.output.Style;

import java.io.PrintWriter;
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
                e.put("old_primary", r.oldPrimary());
                e.put("timeline_before", r.timelineBefore());
                e.put("first_failed_write_ms", r.measure().firstFailureMs());
                e.put("writes_back_ms", r.measure().recoveredMs());
                e.put("timeline_after", r.measure().timelineAfter());
                e.put("vip_moved_ms", r.vipMovedMs());
                e.put("writes_acknowledged", r.writesAcked());
                e.put("writes_failed", r.writesFailed());
                e.put("acknowledged_writes_lost", r.lost() == null ? null : r.lost().size());
                if (r.lostUnknownWhy() != null) e.put("lost_unknown", r.lostUnknownWhy());
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
        DrillMeasure m = r.measure();
        out.println();
        out.println(style.bold("DRILL") + "  " + r.fault().description() + " (" + r.oldPrimary() + "), took "
                + seconds(r.durationMs()));
        out.println("  first write failed        " + (m.firstFailureMs() == null ? "never" : "after " + seconds(m.firstFailureMs())));
        out.println("  VIP moved to " + String.format("%-12s", r.standby()) + " " + (r.vipMovedMs() == null ? "no" : "after " + seconds(r.vipMovedMs())));
        out.println("  writes back through VIP   " + (m.recovered()
                ? style.green("after " + seconds(m.recoveredMs())) + (m.timelineAfter() == null ? ""
                : " (timeline " + r.timelineBefore() + " -> " + m.timelineAfter() + ")")
                : style.red("no")));
        out.println("  writes acknowledged       " + r.writesAcked() + " (" + r.writesFailed() + " failed)");
        if (r.lost() != null) {
            String lost = r.lost().size() + (r.lost().isEmpty() ? "" : " " + r.lost());
            out.println("  acknowledged writes lost  " + (r.lost().isEmpty() ? style.green(lost) : style.red(lost)));
        } else {
            out.println("  acknowledged writes lost  unknown: " + r.lostUnknownWhy());
        }
        StatusPrinter.print(r.after(), out, style);
        if (m.recovered()) {
            out.println("The cluster is failed over: " + r.oldPrimary() + " must now be rejoined as a standby of the new primary.");
        } else {
            out.println(style.red("failover FAILED: " + o.message()));
        }
        out.flush();
    }

    private static String seconds(long ms) { return String.format(Locale.ROOT, "%.1f s", ms / 1000.0); }
}
