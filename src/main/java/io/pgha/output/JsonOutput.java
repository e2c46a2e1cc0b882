package io.pgha.output;

import io.pgha.core.Json;
import io.pgha.engine.HostTaskResult;
import io.pgha.engine.Recap;
import io.pgha.engine.RunListener;
import io.pgha.modules.FileDiff;
import io.pgha.playbook.Play;
import io.pgha.playbook.Task;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** --json: one JSON object per line per event (play, task result per host, progress, recap). */
public final class JsonOutput implements RunListener {
    private final PrintStream out;
    private final int verbosity;

    public JsonOutput(PrintStream out, int verbosity) {
        this.out = out;
        this.verbosity = verbosity;
    }

    private synchronized void emit(Map<String, Object> event) { out.println(Json.write(event)); }

    private static Map<String, Object> event(String type) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", type);
        m.put("time", java.time.Instant.now().toString());
        return m;
    }

    @Override
    public void playStarted(Play play, List<String> hosts) {
        Map<String, Object> e = event("play");
        e.put("name", play.name() == null ? play.hosts() : play.name());
        e.put("hosts", hosts);
        emit(e);
    }

    @Override
    public void blockStarted(String name, String section, List<String> hosts) {
        Map<String, Object> e = event("block");
        e.put("section", section);
        if (name != null) e.put("name", name);
        e.put("hosts", hosts);
        emit(e);
    }

    @Override
    public void progress(String host, String message) {
        Map<String, Object> e = event("progress");
        e.put("host", host);
        e.put("msg", message);
        emit(e);
    }

    @Override
    public void command(String host, String command, int exitCode, String stdout, String stderr, Duration took) {
        if (verbosity < 1) return;
        Map<String, Object> e = event("command");
        e.put("host", host);
        e.put("cmd", command);
        e.put("rc", exitCode);
        e.put("duration_ms", took.toMillis());
        if (verbosity >= 2) {
            e.put("stdout", stdout);
            e.put("stderr", stderr);
        }
        emit(e);
    }

    @Override
    public void taskFinished(String taskName, Task task, List<HostTaskResult> results, Duration took) {
        for (HostTaskResult r : results) {
            Map<String, Object> e = event("task");
            e.put("task", taskName);
            if (task != null) {
                e.put("module", task.module());
                e.put("location", String.valueOf(task.location()));
            }
            e.put("host", r.host());
            e.put("status", r.status().label());
            e.put("ignored", r.ignored());
            e.put("duration_ms", r.duration().toMillis());
            if (r.msg() != null) e.put("msg", r.msg());
            if (!r.diffs().isEmpty()) {
                List<Map<String, Object>> diffs = new ArrayList<>();
                for (FileDiff d : r.diffs()) {
                    Map<String, Object> dm = new LinkedHashMap<>();
                    dm.put("path", d.path());
                    dm.put("before", d.before());
                    dm.put("after", d.after());
                    diffs.add(dm);
                }
                e.put("diffs", diffs);
            }
            if (verbosity >= 1 && !r.data().isEmpty()) e.put("result", r.data());
            emit(e);
        }
    }

    @Override
    public void warning(String message) {
        Map<String, Object> e = event("warning");
        e.put("msg", message);
        emit(e);
    }

    @Override
    public void runFinished(Recap recap) {
        Map<String, Object> e = event("recap");
        Map<String, Object> hosts = new LinkedHashMap<>();
        recap.hosts().forEach((h, c) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ok", c.ok);
            m.put("changed", c.changed);
            m.put("failed", c.failed);
            m.put("skipped", c.skipped);
            m.put("unreachable", c.unreachable);
            m.put("ignored", c.ignored);
            hosts.put(h, m);
        });
        e.put("hosts", hosts);
        e.put("duration_ms", recap.took().toMillis());
        e.put("exit_code", recap.exitCode());
        emit(e);
    }
}
