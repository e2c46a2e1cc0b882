package io.pgha.ops.render;

import io.pgha.core.InputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A copy of the seed inventory to break one thing in, and the validator's verdict on it. */
final class SeedCase {
    final Path inv;
    final Map<String, Object> defaults = DefaultVars.load(Path.of(DefaultVars.RELATIVE_PATH));

    SeedCase(Path tmp, Map<String, String> secrets) {
        this.inv = SeedInventory.copy("seed", tmp, secrets);
    }

    SeedCase(Path tmp) { this(tmp, SeedInventory.ARTICLE_SECRETS); }

    List<InputException> problems(Map<String, Object> extraVars) {
        return new ClusterValidator().withoutFileChecks().problems(SeedInventory.load(inv), defaults, extraVars);
    }

    List<InputException> problems() { return problems(Map.of()); }

    /** Sets top-level keys at the end of an inventory file (earlier lines for them removed); returns the first line's number. */
    int append(String file, String lines) {
        try {
            Path p = inv.resolve(file);
            String text = Files.readString(p);
            for (String l : lines.split("\n")) {
                int colon = l.indexOf(':');
                if (colon > 0 && !l.startsWith(" ")) text = text.replaceAll("(?m)^" + Pattern.quote(l.substring(0, colon + 1)) + ".*\n", "");
            }
            if (!text.endsWith("\n")) text += "\n";
            Files.writeString(p, text + lines);
            return (int) text.lines().count() + 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one problem named for this field, at this file and line. */
    InputException problemAt(List<InputException> problems, String field, String file, int line) {
        List<InputException> mine = problems.stream().filter(p -> field.equals(p.field())).toList();
        assertEquals(1, mine.size(), () -> "expected one problem for " + field + ", got " + problems.stream().map(InputException::describe).toList());
        InputException e = mine.get(0);
        assertTrue(e.location().file().endsWith(file), e.describe());
        assertEquals(line, e.location().line(), e.describe());
        return e;
    }
}
