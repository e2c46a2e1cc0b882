package io.pgha.inventory;

import io.pgha.core.InputException;
import io.pgha.core.Secrets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 7, part 4: files that cannot be read say which file and where, instead of a bare decoder message or silence. */
class InventoryFileErrorsTest {
    @TempDir Path dir;

    @BeforeEach
    void hosts() throws IOException {
        Files.writeString(dir.resolve("hosts.yml"), "all:\n  children:\n    cluster:\n      hosts:\n        db06:\n");
        Files.createDirectories(dir.resolve("group_vars"));
    }

    private InputException loadFails() {
        return assertThrows(InputException.class, () -> new YamlInventoryLoader(new Secrets(), k -> null).load(dir));
    }

    @Test
    void aFileThatIsNotUtf8NamesItsLineAndByteOffset() throws IOException {
        Path f = dir.resolve("group_vars/cluster.yml");
        Files.write(f, "pg_port: 54321\npg_cluster_name: caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        InputException e = loadFails();
        assertEquals(f.toString(), e.location().file(), e.describe());
        assertEquals(2, e.location().line(), e.describe());
        assertTrue(e.getMessage().startsWith("not UTF-8 at line 2 (byte offset 35: 0xe9)"), e.describe());
    }

    @Test
    void aSymbolicLinkLoopInGroupVarsIsNamed() throws IOException {
        Path a = dir.resolve("group_vars/cluster.yml");
        Path b = dir.resolve("group_vars/other.yml");
        Files.createSymbolicLink(a, b);
        Files.createSymbolicLink(b, a);
        InputException e = loadFails();
        assertTrue(e.location().file().equals(a.toString()) || e.location().file().equals(b.toString()), e.describe());
        assertTrue(e.getMessage().contains("a symbolic link loop"), e.describe());
    }

    @Test
    void aSymbolicLinkToNothingIsNamed() throws IOException {
        Path link = dir.resolve("group_vars/cluster.yml");
        Files.createSymbolicLink(link, dir.resolve("nowhere.yml"));
        InputException e = loadFails();
        assertEquals(link.toString(), e.location().file(), e.describe());
        assertTrue(e.getMessage().contains("a symbolic link to nothing"), e.describe());
    }
}
