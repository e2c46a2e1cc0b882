package io.pgha.cli;

import io.pgha.core.Json;
import io.pgha.ops.InventoryRoles;
import io.pgha.ops.ProjectLayout;
import io.pgha.ops.Toolkit;
import io.pgha.ops.drill.WriteClient;
import io.pgha.ops.switchover.Switchover;
import io.pgha.ops.switchover.Switchover.Outcome;
import io.pgha.output.Style;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** pgha switchover -i INVENTORY [--to NODE] [--check]: a planned role swap, measured. */
@Command(name = "switchover", mixinStandardHelpOptions = true,
        description = {"Swap the roles on purpose: the primary hands its writes and the VIP to its standby and follows it"
                + " as a standby, no rewind, no acknowledged write lost. A client writes through the VIP all along and the"
                + " pause it saw is printed. The inventory's cluster_role lines are rewritten to the new roles (comments and"
                + " layout kept; --check shows them only), then the cluster is verified with them.",
                "Refuses, changing nothing (exit 2), unless the cluster is healthy, as the inventory says, and the standby"
                        + " is at most 16 MB behind. Exit 0 verified, 3 a step or the verification failed, 4 a node unreachable."})
public final class SwitchoverCommand implements Callable<Integer> {
    @Mixin
    RunOptionsMixin options;

    @Option(names = "--to", paramLabel = "NODE", description = "The standby to promote (default: the only one).")
    String to;

    @Override
    public Integer call() {
        ProjectLayout layout = ProjectLayout.discover();
        try (Toolkit kit = SshToolkit.at(layout.home())) {
            Outcome o = new Switchover(kit, layout).run(options.inventory, to, options.toRunOptions(), Listeners.of(options, System.out),
                    progress(options.json));
            print(o);
            return o.exitCode();
        }
    }

    /** The switchover's steps as they happen: a line each, or a JSON event each with --json. */
    static Consumer<String> progress(boolean json) {
        return line -> System.out.println(json ? Json.write(Map.of("event", "switchover", "message", line)) : line);
    }

    /** The outcome as one JSON object: stage, exit code, verification, from, to, the client's figures, the inventory edits. */
    static Map<String, Object> json(Outcome o) {
        Map<String, Object> e = Reports.outcome(o.stage().name(), o.exitCode(), o.verification());
        e.put("from", o.from());
        e.put("to", o.to());
        if (o.client() != null) e.put("client", client(o.client()));
        e.put("inventory_edits", o.inventoryEdits().stream().map(InventoryRoles.Edit::toString).toList());
        if (o.message() != null) e.put("message", o.message());
        return e;
    }

    private void print(Outcome o) {
        if (options.json) {
            System.out.println(Json.write(json(o)));
            return;
        }
        if (o.client() != null) System.out.println(summary(o));
        switch (o.stage()) {
            case CHECKED -> {
                System.out.println("check mode: nothing was changed. " + o.message() + ":");
                o.inventoryEdits().forEach(e -> System.out.println("  " + e));
            }
            case VERIFIED -> printVerification(o);
            case REFUSED -> System.err.println("switchover refused, nothing was changed: " + o.message());
            default -> {
                if (o.verification() != null) printVerification(o);
                System.err.println("switchover stopped: " + o.message());
            }
        }
    }

    private static void printVerification(Outcome o) {
        PrintWriter w = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        Reports.printVerification(o.verification(), w, Style.forConsole());
        w.flush();
    }

    /** "db06 -> db07: writes paused 1.2 s at most through the VIP; 0 of 187 acknowledged writes lost". */
    static String summary(Outcome o) {
        WriteClient.Figures f = o.client();
        return String.format(Locale.ROOT, "switchover %s -> %s: writes through the VIP paused %.1f s at most; %s of %d acknowledged"
                        + " writes lost (%d failed while it paused)", o.from(), o.to(), f.maxPauseMs() / 1000.0,
                f.lost() == null ? "?" : String.valueOf(f.lost()), f.acknowledged(), f.failed());
    }

    private static Map<String, Object> client(WriteClient.Figures f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("writes_acknowledged", f.acknowledged());
        m.put("writes_failed", f.failed());
        m.put("max_pause_ms", f.maxPauseMs());
        m.put("acknowledged_writes_lost", f.lost());
        if (f.lostUnknown() != null) m.put("lost_unknown", f.lostUnknown());
        return m;
    }
}
