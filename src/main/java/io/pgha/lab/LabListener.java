package io.pgha.lab;

import java.time.Duration;

/** Progress of a lab operation: one call per finished step, with how long it took. */
@FunctionalInterface
public interface LabListener {
    void step(String description, Duration took);

    /** A long step is starting (the image build), so a user knows why nothing happens for a while. */
    default void starting(String description) {}

    /** A line of detail inside a long step (image build output). Ignored unless overridden. */
    default void detail(String line) {}

    LabListener SILENT = (d, t) -> {};
}
