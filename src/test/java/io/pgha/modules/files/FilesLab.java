package io.pgha.modules.files;

import io.pgha.modules.Module;
import io.pgha.modules.ModuleResult;
import io.pgha.testing.LabFixture;
import io.pgha.testing.TestModuleContext;
import io.pgha.transport.Connection;
import io.pgha.transport.ssh.SshConnector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static io.pgha.testing.TestArgs.args;

/**
 * One SSH connection to db06 per test class, a scratch folder on the node (/tmp/modfiles-*), a local
 * folder standing for the playbook's, and helpers to run a module and read the node as root.
 */
final class FilesLab implements AutoCloseable {
    static final String HOST = LabFixture.DB06;
    final LabFixture lab = LabFixture.get();
    final SshConnector connector = new SshConnector();
    final Connection conn;
    final String dir;
    final Path local;

    FilesLab() throws Exception {
        conn = connector.connect(lab.spec(HOST));
        dir = "/tmp/modfiles-" + Long.toHexString(System.nanoTime());
        lab.sh(HOST, "mkdir -m 0755 " + dir);
        local = Files.createTempDirectory("modfiles-local");
    }

    TestModuleContext ctx() { return new TestModuleContext(conn, local); }

    TestModuleContext check() {
        TestModuleContext c = ctx();
        c.checkMode = true;
        return c;
    }

    TestModuleContext diff() {
        TestModuleContext c = ctx();
        c.diffMode = true;
        return c;
    }

    static ModuleResult run(Module m, TestModuleContext ctx, Object... kv) throws Exception {
        return m.run(ctx, args(kv));
    }

    /** Root shell on the node (docker exec), to see what the module really did. */
    String sh(String cmd) { return lab.sh(HOST, cmd); }

    boolean exists(String path) { return lab.shStatus(HOST, "test -e " + path + " || test -L " + path) == 0; }

    /** "0640 postgres postgres" style. */
    String attrs(String path) { return sh("stat -c '%04a %U %G' " + path).strip(); }

    String cat(String path) { return sh("cat " + path); }

    static void assertStatus(ModuleResult.Status expected, ModuleResult r) {
        assertEquals(expected, r.status(), () -> "status; msg: " + r.msg());
    }

    @Override
    public void close() throws IOException {
        try {
            lab.sh(HOST, "rm -rf " + dir);
        } finally {
            try (var files = Files.walk(local)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            conn.close();
            connector.close();
        }
    }
}
