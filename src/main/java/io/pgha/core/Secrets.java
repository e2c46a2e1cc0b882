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

    public void register(String value) {
        // Very short values would mask ordinary words; nobody's real password is under 3 chars.
        if (value != null && value.length() >= 3) values.add(value);
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
