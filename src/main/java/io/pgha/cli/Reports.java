package io.pgha.cli;

import io.pgha.ops.bootstrap.Bootstrap.Outcome;
import io.pgha.ops.verify.Check;
import io.pgha.ops.verify.VerifyReport;
import io.pgha.core.Json;
import io.pgha.output.Style;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints what an operation verified or why it stopped, for people or (--json) machines. */
final class Reports {
    private Reports() {}

    static void printOutcome(Outcome o, boolean json, PrintStream out, PrintStream err) {
        if (json) {
            out.println(Json.write(outcome(o.stage().name(), o.exitCode(), o.verification())));
            return;
        }
        switch (o.stage()) {
            case REFUSED -> err.println("bootstrap refused by the preflight checks above: nothing was changed on any node.");
            case UNREACHABLE -> err.println("bootstrap stopped: a node could not be reached (see above). Check the address, the SSH key and known_hosts, then re-run.");
            case PLAYBOOK_FAILED -> err.println("bootstrap stopped on a failed task (see above). Fix the cause and re-run: finished steps are not redone.");
            case CHECKED -> out.println("check mode: nothing was changed; verification skipped.");
            default -> {
                PrintWriter w = new PrintWriter(out, true, StandardCharsets.UTF_8);
                printVerification(o.verification(), w, Style.forConsole());
                w.flush();
            }
        }
    }

    /** The last JSON event of an operation: how it ended, and what it verified. */
    static Map<String, Object> outcome(String stage, int exitCode, VerifyReport verification) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event", "outcome");
        e.put("stage", stage.toLowerCase());
        e.put("exit_code", exitCode);
        if (verification != null) e.put("verification", checks(verification));
        return e;
    }

    /** A verification on its own (pgha verify). */
    static void printReport(VerifyReport r, boolean json, PrintWriter out) {
        if (json) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("event", "verification");
            e.put("passed", r.passed());
            e.put("millis", r.millis());
            e.put("checks", checks(r));
            out.println(Json.write(e));
        } else {
            printVerification(r, out, Style.forConsole());
        }
        out.flush();
    }

    static void printVerification(VerifyReport r, PrintWriter out, Style style) {
        out.println();
        out.println(style.bold("VERIFY") + "  took " + r.millis() + " ms");
        String cluster = null;
        for (Check c : r.checks()) {
            if (c.cluster() != null && !c.cluster().equals(cluster)) out.println("  " + style.bold("cluster " + c.cluster()));
            cluster = c.cluster();
            String mark = c.passed() ? style.green("ok    ") : style.red("FAILED");
            out.println("  " + mark + " " + String.format("%-22s", c.name()) + " " + c.detail());
        }
        out.println(r.passed() ? style.green("replication verified") : style.red("verification FAILED"));
    }

    static List<Map<String, Object>> checks(VerifyReport r) {
        return r.checks().stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            if (c.cluster() != null) m.put("cluster", c.cluster());
            m.put("check", c.name());
            m.put("host", c.host());
            m.put("passed", c.passed());
            m.put("detail", c.detail());
            return m;
        }).toList();
    }
}
