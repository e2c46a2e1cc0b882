package io.pgha.output;

/** ANSI colours, only when writing to a terminal that wants them (NO_COLOR and TERM=dumb respected). */
public final class Style {
    private final boolean on;

    public Style(boolean on) { this.on = on; }

    public static Style forConsole() {
        boolean tty = System.console() != null && System.getenv("NO_COLOR") == null
                && !"dumb".equals(System.getenv("TERM"));
        return new Style(tty);
    }

    public boolean enabled() { return on; }

    public String green(String s) { return wrap("32", s); }
    public String yellow(String s) { return wrap("33", s); }
    public String red(String s) { return wrap("31", s); }
    public String cyan(String s) { return wrap("36", s); }
    public String magenta(String s) { return wrap("35", s); }
    public String bold(String s) { return wrap("1", s); }
    public String dim(String s) { return wrap("2", s); }

    private String wrap(String code, String s) { return on ? "\u001b[" + code + "m" + s + "\u001b[0m" : s; }
}
