package io.pgha.playbook;

import io.pgha.core.SourceLocation;

import java.util.List;
import java.util.Map;

/**
 * One play. {@code serial} 0 means all hosts at once; {@code become} null means "not set" (the
 * inventory's ansible_become decides).
 */
public record Play(String name, String hosts, Map<String, Object> vars, Boolean become, String becomeUser,
                   int serial, boolean gatherFacts, boolean anyErrorsFatal, List<Task> tasks,
                   List<Task> handlers, List<String> tags, SourceLocation location) {}
