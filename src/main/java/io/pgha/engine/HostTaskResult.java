package io.pgha.engine;

import io.pgha.modules.FileDiff;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one task did on one host (all loop items folded together).
 *
 * @param ignored  failed, but ignore_errors was set: the host goes on
 * @param data     the registered value (rc, stdout, changed, ...), for --json and -v
 */
public record HostTaskResult(String host, HostStatus status, String msg, Duration duration,
                             List<FileDiff> diffs, boolean ignored, Map<String, Object> data) {}
