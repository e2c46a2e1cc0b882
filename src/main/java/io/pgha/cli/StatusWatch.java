package io.pgha.cli;

import io.pgha.ops.ClusterSession;
import io.pgha.ops.status.StatusReport;
import io.pgha.output.Style;

import java.io.PrintWriter;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * pgha status --watch: the cluster read again every few seconds. On a terminal the table is redrawn in
 * place (cursor home, clear to the end); otherwise, and with --json, one report after the other, each
 * stamped, for a log or a pipe. A node that was unreachable is reached on new connections next time.
 */
final class StatusWatch {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final String HOME_AND_CLEAR = "\u001b[H\u001b[2J";

    private final ClusterSession session;
    private final int seconds;
    private final Integer count;
    private final boolean json;
    private final Style style;

    /** @param count how many reports, then stop (null: until interrupted) */
    StatusWatch(ClusterSession session, int seconds, Integer count, boolean json, Style style) {
        this.session = session;
        this.seconds = seconds;
        this.count = count;
        this.json = json;
        this.style = style;
    }

    /** Runs until count reports were printed or the thread is interrupted; returns the last report's exit code. */
    int run(PrintWriter out) {
        StatusReport report = session.status();
        for (int shown = 1; ; shown++) {
            show(report, out);
            if (count != null && shown >= count) return report.exitCode();
            try {
                Thread.sleep(seconds * 1000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return report.exitCode();
            }
            boolean lostOne = report.nodes().stream().anyMatch(n -> !n.reachable());
            report = lostOne ? session.statusAfresh() : session.statusAgain();
        }
    }

    private void show(StatusReport report, PrintWriter out) {
        if (json) {
            StatusPrinter.print(report, true, out);
            return;
        }
        String stamp = "every " + seconds + " s, " + LocalTime.now().format(CLOCK) + (count == null ? ", Ctrl-C to stop" : "");
        if (style.enabled()) out.print(HOME_AND_CLEAR);
        out.println(style.dim(stamp));
        StatusPrinter.print(report, out, style);
        out.flush();
    }
}
