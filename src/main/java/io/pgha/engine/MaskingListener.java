package io.pgha.engine;

import io.pgha.core.Secrets;
import io.pgha.core.Trees;
import io.pgha.modules.FileDiff;
import io.pgha.playbook.Play;
import io.pgha.playbook.Task;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The one place a run's events are masked: every text on its way to an output (console, --json,
 * diffs, debug's msg, registered results with -v, commands and their output) passes through
 * {@link Secrets#mask} here, before it is formatted or JSON-escaped.
 */
final class MaskingListener implements RunListener {
    private final RunListener out;
    private final Secrets secrets;

    MaskingListener(RunListener out, Secrets secrets) {
        this.out = out;
        this.secrets = secrets;
    }

    @Override
    public void playStarted(Play play, List<String> hosts) { out.playStarted(play, hosts); }

    @Override
    public void taskStarted(String taskName, Task task, boolean handler, List<String> hosts) {
        out.taskStarted(secrets.mask(taskName), task, handler, hosts);
    }

    @Override
    public void blockStarted(String name, String section, List<String> hosts) {
        out.blockStarted(secrets.mask(name), section, hosts);
    }

    @Override
    public void progress(String host, String message) { out.progress(host, secrets.mask(message)); }

    @Override
    public void command(String host, String command, int exitCode, String stdout, String stderr, Duration took) {
        out.command(host, secrets.mask(command), exitCode, secrets.mask(stdout), secrets.mask(stderr), took);
    }

    @Override
    public void taskFinished(String taskName, Task task, List<HostTaskResult> results, Duration took) {
        List<HostTaskResult> masked = results.stream().map(this::masked).toList();
        out.taskFinished(secrets.mask(taskName), task, masked, took);
    }

    @Override
    public void warning(String message) { out.warning(secrets.mask(message)); }

    @Override
    public void runFinished(Recap recap) { out.runFinished(recap); }

    private HostTaskResult masked(HostTaskResult r) {
        List<FileDiff> diffs = r.diffs().stream()
                .map(d -> new FileDiff(d.path(), secrets.mask(d.before()), secrets.mask(d.after()))).toList();
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) deep(r.data());
        return new HostTaskResult(r.host(), r.status(), secrets.mask(r.msg()), r.duration(), diffs, r.ignored(), data);
    }

    /** Strings anywhere in a registered value (lists, maps) masked; the run's own copy is left alone. */
    private Object deep(Object v) { return Trees.map(v, x -> x instanceof String s ? secrets.mask(s) : x); }
}
