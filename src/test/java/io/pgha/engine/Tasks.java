package io.pgha.engine;

import io.pgha.core.SourceLocation;
import io.pgha.playbook.Play;
import io.pgha.playbook.Task;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds Task and Play records for engine tests. */
final class Tasks {
    String name;
    final String module;
    Map<String, Object> args = new LinkedHashMap<>();
    List<String> when = new ArrayList<>();
    String register, changedWhen, failedWhen, until, delegateTo;
    List<String> notify = new ArrayList<>(), tags = new ArrayList<>(), listen = new ArrayList<>();
    boolean ignoreErrors, runOnce;
    int retries;
    Object loop;
    static int line = 1;

    Tasks(String module) { this.module = module; }

    static Tasks task(String module) { return new Tasks(module); }
    Tasks name(String n) { name = n; return this; }
    Tasks arg(String k, Object v) { args.put(k, v); return this; }
    Tasks when(String w) { when.add(w); return this; }
    Tasks register(String r) { register = r; return this; }
    Tasks notify(String n) { notify.add(n); return this; }
    Tasks tags(String... t) { tags.addAll(List.of(t)); return this; }
    Tasks loop(Object l) { loop = l; return this; }
    Tasks changedWhen(String c) { changedWhen = c; return this; }
    Tasks failedWhen(String f) { failedWhen = f; return this; }
    Tasks until(String u, int r) { until = u; retries = r; return this; }
    Tasks ignoreErrors() { ignoreErrors = true; return this; }
    Tasks runOnce() { runOnce = true; return this; }
    Tasks listen(String l) { listen.add(l); return this; }

    Task build() {
        return new Task(name, module, args, when, register, notify, changedWhen, failedWhen, ignoreErrors, retries, until,
                Duration.ofMillis(10), tags, runOnce, delegateTo, loop, null, null, Map.of(), false, listen, Map.of(),
                new SourceLocation("test.yml", line++, 3), null);
    }

    static Play play(List<Task> tasks, List<Task> handlers, boolean anyErrorsFatal) {
        return new Play("test play", "all", Map.of(), null, null, 0, false, anyErrorsFatal, tasks, handlers, List.of(),
                new SourceLocation("test.yml", 1, 3));
    }
}
