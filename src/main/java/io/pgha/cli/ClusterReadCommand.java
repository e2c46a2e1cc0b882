package io.pgha.cli;

import io.pgha.ops.ClusterSession;
import io.pgha.ops.ProjectLayout;
import io.pgha.ops.Toolkit;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** What the verbs that only read a cluster share (status, verify): its session, opened and closed around the reading. */
abstract class ClusterReadCommand implements Callable<Integer> {
    @Mixin
    ClusterReadOptions options;

    @Spec
    CommandSpec spec;

    /** Reads the cluster, prints what it found; returns the exit code. */
    abstract int read(ClusterSession session, boolean json, PrintWriter out);

    @Override
    public final Integer call() {
        ProjectLayout layout = ProjectLayout.discover();
        try (Toolkit kit = SshToolkit.at(layout.home()); ClusterSession session = options.session(kit, layout)) {
            return read(session, options.json, spec.commandLine().getOut());
        }
    }
}
