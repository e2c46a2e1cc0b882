package io.pgha.playbook;

import java.nio.file.Path;
import java.util.List;

/** A validated playbook: a list of plays. {@code baseDir} resolves relative src/template paths. */
public record Playbook(Path path, Path baseDir, List<Play> plays) {}
