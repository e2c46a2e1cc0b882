package io.pgha.cli;

/** Entry point; the picocli command tree is assembled in PghaCommand. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(0);
    }
}
