package io.pgha.output;

import io.pgha.engine.HostStatus;
import io.pgha.engine.HostTaskResult;
import io.pgha.engine.Recap;
import io.pgha.engine.RunListener;
import io.pgha.modules.FileDiff;
import io.pgha.modules.support.TextDiff;
import io.pgha.playbook.Play;
import io.pgha.playbook.Task;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The human console: one line per task with each host's status and time, failure reasons under it,
 * diffs with --diff, commands with -v (and their output with -vv), a recap table at the end.
 */
public final class ConsoleOutput implements RunListener {
    private static final int NAME_WIDTH = 44;
    private final PrintStream out;
    private final Style style;
    private final int verbosity;

    public ConsoleOutput(PrintStream out, Style style, int verbosity) {
        this.out = out;
        this.style = style;
        this.verbosity = verbosity;
    }

    @Override
    public void playStarted(Play play, List<String> hosts) {
        String name = play.name() == null || play.name().isBlank() ? play.hosts() : play.name();
        out.println();
        out.println(style.bold("PLAY " + name) + style.dim("  [" + String.join(", ", hosts) + "]"));
    }

    /** "block NAME", "rescue NAME", "always NAME" above the section's task lines, with its hosts. */
    @Override
    public synchronized void blockStarted(String name, String section, List<String> hosts) {
        String title = name == null || name.isBlank() ? section : section + " " + name;
        out.println(style.bold("  " + title) + style.dim("  [" + String.join(", ", hosts) + "]"));
    }

    @Override
    public synchronized void progress(String host, String message) {
        out.println(style.dim("    " + host + ": " + message));
    }

    @Override
    public synchronized void command(String host, String command, int exitCode, String stdout, String stderr, Duration took) {
        if (verbosity < 1) return;
        out.println(style.dim("    " + host + " $ " + oneLine(command) + "  -> rc=" + exitCode + " " + Durations.human(took)));
        if (verbosity >= 2) {
            stdout.lines().forEach(l -> out.println(style.dim("      | " + l)));
            stderr.lines().forEach(l -> out.println(style.dim("      ! " + l)));
        }
    }

    @Override
    public synchronized void taskFinished(String taskName, Task task, List<HostTaskResult> results, Duration took) {
        StringBuilder line = new StringBuilder("  ");
        String prefix = task == null ? "" : "";
        line.append(pad(prefix + taskName, NAME_WIDTH));
        for (HostTaskResult r : results) {
            line.append("  ").append(r.host()).append(' ').append(status(r)).append(style.dim(" " + Durations.human(r.duration())));
        }
        out.println(line);
        for (HostTaskResult r : results) {
            boolean show = r.status() == HostStatus.FAILED || r.status() == HostStatus.UNREACHABLE
                    || (verbosity >= 1 && r.msg() != null && !r.msg().isBlank());
            if (show && r.msg() != null) {
                String text = r.host() + ": " + r.msg();
                text.lines().forEach(l -> out.println("      " + (r.status() == HostStatus.FAILED && !r.ignored()
                        ? style.red(l) : r.status() == HostStatus.UNREACHABLE ? style.magenta(l) : style.dim(l))));
            }
            for (FileDiff d : r.diffs()) printDiff(r.host(), d);
            if (task != null && task.module().equals("debug") && r.data().get("msg") != null) {
                out.println("      " + r.host() + ": " + r.data().get("msg"));
            }
        }
    }

    private void printDiff(String host, FileDiff d) {
        String diff = TextDiff.unified(d.path(), d.before(), d.after());
        if (diff.isEmpty()) return;
        out.println(style.dim("      " + host + ": " + d.path()));
        for (String l : diff.split("\n")) {
            String shown = l.startsWith("+") && !l.startsWith("+++") ? style.green(l)
                    : l.startsWith("-") && !l.startsWith("---") ? style.red(l) : style.dim(l);
            out.println("        " + shown);
        }
    }

    private String status(HostTaskResult r) {
        return switch (r.status()) {
            case OK -> style.green("ok");
            case CHANGED -> style.yellow("changed");
            case SKIPPED -> style.cyan("skipped");
            case UNREACHABLE -> style.magenta("UNREACHABLE");
            case FAILED -> r.ignored() ? style.yellow("failed (ignored)") : style.red("FAILED");
        };
    }

    @Override
    public void warning(String message) { out.println(style.yellow("  [warning] " + message)); }

    @Override
    public void runFinished(Recap recap) {
        out.println();
        out.println(style.bold("RECAP") + style.dim("  took " + Durations.human(recap.took())));
        out.printf("  %-16s %6s %8s %7s %8s %12s %8s%n", "host", "ok", "changed", "failed", "skipped", "unreachable", "ignored");
        for (Map.Entry<String, Recap.Counts> e : recap.hosts().entrySet()) {
            Recap.Counts c = e.getValue();
            String host = String.format("%-16s", e.getKey());
            host = c.failed > 0 ? style.red(host) : c.unreachable > 0 ? style.magenta(host) : c.changed > 0 ? style.yellow(host) : style.green(host);
            out.printf("  %s %6d %8d %7d %8d %12d %8d%n", host, c.ok, c.changed, c.failed, c.skipped, c.unreachable, c.ignored);
        }
    }

    private static String pad(String s, int width) {
        if (s.length() >= width) return s.substring(0, width - 1) + "…";
        return s + " ".repeat(width - s.length());
    }

    private static String oneLine(String s) {
        String o = s.replace('\n', ' ');
        return o.length() > 160 ? o.substring(0, 157) + "..." : o;
    }
}
