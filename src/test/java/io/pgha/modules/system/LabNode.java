package io.pgha.modules.system;

import io.pgha.testing.LabFixture;
import io.pgha.testing.TestModuleContext;
import io.pgha.transport.Connection;
import io.pgha.transport.ssh.SshConnector;

import java.nio.file.Path;

/** db06 over real SSH for the module lab tests: one connection per test class. */
final class LabNode implements AutoCloseable {
    static final String HOST = LabFixture.DB06;
    final LabFixture lab = LabFixture.get();
    private final SshConnector connector = new SshConnector();
    final Connection conn;

    LabNode() throws Exception {
        conn = connector.connect(lab.spec(HOST));
    }

    /** A fresh context (become on, not check mode). */
    TestModuleContext ctx() {
        return new TestModuleContext(conn, Path.of("target"));
    }

    TestModuleContext check() {
        TestModuleContext c = ctx();
        c.checkMode = true;
        c.diffMode = true;
        return c;
    }

    /** Root shell on the node, not through pgha: to see what the module really did. */
    String sh(String command) { return lab.sh(HOST, command); }

    int status(String command) { return lab.shStatus(HOST, command); }

    @Override
    public void close() throws Exception {
        conn.close();
        connector.close();
    }
}
