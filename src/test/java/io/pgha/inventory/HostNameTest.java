package io.pgha.inventory;

import io.pgha.core.InputException;
import io.pgha.core.Secrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Host names land in scripts, comments and render's OUT/HOST/: only DNS labels pass, at their file:line. */
class HostNameTest {
    @TempDir Path dir;

    private Inventory load(String hostKey) throws IOException {
        Files.writeString(dir.resolve("hosts.yml"), "all:\n  hosts:\n    db06: {}\n    " + hostKey + ": {}\n");
        return new YamlInventoryLoader(new Secrets(), k -> null).load(dir);
    }

    @ParameterizedTest
    @ValueSource(strings = {"'..'", "'../etc'", "'db/07'", "'db`id`'", "'db07;id'", "\"db07\\n# x\"", "'db 07'", "'db07.'",
            "'.db07'", "'db..07'", "'-db07'", "'db07$x'", "'db''07'"})
    void aHostNameOutsideDnsLabelsIsRefusedAtItsLine(String key) {
        InputException e = assertThrows(InputException.class, () -> load(key));
        assertEquals("host", e.field(), e.describe());
        assertEquals(4, e.location().line(), e.describe());
        assertTrue(e.describe().contains("is not a host name"), e.describe());
        assertFalse(e.describe().contains("\n"), "one line: " + e.describe());
    }

    @Test
    void dnsNamesAndAnsibleStyleNamesPass() throws IOException {
        Inventory inv = load("db07.example.com");
        assertEquals(List.of("db06", "db07.example.com"), inv.hosts().stream().map(Host::name).toList());
        assertEquals("db_07", load("db_07").hosts().get(1).name());
    }
}
