package io.pgha.core;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Pattern;

/**
 * Masks secret values wherever text leaves pgha (console, JSON events, diffs, logs). Values are
 * registered as they are resolved (passwords by reference, vars whose name looks secret), so any
 * later text containing them is masked, whatever its source.
 */
public final class Secrets {
    public static final String MASK = "********";
    /** Shorter secrets are refused: masking every occurrence of one or two characters would garble all output. */
    public static final int MIN_LENGTH = 6;
    private static final Pattern SECRET_NAME =
            Pattern.compile(".*(pass(word|wd)?|secret|token|auth_pass|private_key).*", Pattern.CASE_INSENSITIVE);
    private final Set<String> values = new CopyOnWriteArraySet<>();

    /** Names that look secret but whose values are not: pg_password_encryption, ka_auth_type. */
    private static final Pattern NOT_SECRET_NAME = Pattern.compile(".*(password_encryption|auth_type)", Pattern.CASE_INSENSITIVE);

    /** True when a variable of this name holds a secret (password, auth_pass, token, ...). */
    public static boolean isSecretName(String name) {
        return name != null && SECRET_NAME.matcher(name).matches() && !NOT_SECRET_NAME.matcher(name).matches()
                && !name.toLowerCase(Locale.ROOT).endsWith("_file")
                && !name.toLowerCase(Locale.ROOT).endsWith("_env");
    }

    /** The secrets of the command running on this thread: Main prints its errors after the command has ended. */
    private static final ThreadLocal<Secrets> COMMAND = new ThreadLocal<>();

    /** Registers a value of any length (the inventory refuses secrets shorter than MIN_LENGTH). */
    public void register(String value) {
        if (value == null || value.isEmpty()) return;
        values.add(value);
    }

    /** Makes these the secrets error messages of this thread's command are masked with. */
    public void useForErrors() { COMMAND.set(this); }

    /** An error message masked with the secrets of the command that failed on this thread. */
    public static String maskError(String text) {
        Secrets s = COMMAND.get();
        return s == null ? text : s.mask(text);
    }

    public void registerAll(Collection<String> vals) { vals.forEach(this::register); }

    public String mask(String text) {
        if (text == null || values.isEmpty()) return text;
        String out = text;
        // Longest first, so a secret that contains another is masked whole.
        List<String> sorted = values.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (String v : sorted) out = out.replace(v, MASK);
        return out;
    }
}
