package io.pgha.core;

import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

import java.util.regex.Pattern;

/**
 * Implicit types close to YAML 1.2's core schema instead of SnakeYAML's YAML 1.1 defaults:
 * booleans are only true/false (yes/no/on/off stay strings), integers with a leading zero (file
 * modes like 0644) stay strings instead of becoming octal numbers, and there are no timestamps.
 */
final class YamlResolver extends Resolver {
    static final Pattern BOOL_12 = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");
    /** Decimal without a leading zero, or hexadecimal. */
    static final Pattern INT_12 = Pattern.compile("^(?:[-+]?(?:0|[1-9][0-9]*)|0x[0-9a-fA-F]+)$");
    /** A float needs a dot or an exponent; no leading zeros before the dot (0.5 is fine, 00.5 is a string). */
    static final Pattern FLOAT_12 = Pattern.compile(
            "^(?:[-+]?(?:(?:0|[1-9][0-9]*)\\.[0-9]*|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
                    + "|[-+]?(?:0|[1-9][0-9]*)[eE][-+]?[0-9]+"
                    + "|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
    static final Pattern NULL_12 = Pattern.compile("^(?:~|null|Null|NULL| *)$");

    @Override
    protected void addImplicitResolvers() {
        addImplicitResolver(Tag.BOOL, BOOL_12, "tTfF", 10);
        addImplicitResolver(Tag.INT, INT_12, "-+0123456789", 40);
        addImplicitResolver(Tag.FLOAT, FLOAT_12, "-+0123456789.", 60);
        addImplicitResolver(Tag.MERGE, MERGE, "<", 10);
        addImplicitResolver(Tag.NULL, NULL_12, "~nN\0", 10);
        addImplicitResolver(Tag.NULL, EMPTY, null, 10);
    }
}
