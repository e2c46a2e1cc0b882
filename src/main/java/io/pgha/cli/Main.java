package io.pgha.cli;

/** Entry point (temporary while branches merge). */
public final class Main {
    private Main() {}

    public static void main(String[] args) { System.exit(0); }
}
