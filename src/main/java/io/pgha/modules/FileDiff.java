package io.pgha.modules;

/** Before/after content of one file (null before: file absent). Rendered as a unified diff by the output layer. */
public record FileDiff(String path, String before, String after) {}
