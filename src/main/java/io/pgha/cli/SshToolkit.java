package io.pgha.cli;

import io.pgha.ops.Toolkit;
import io.pgha.transport.ssh.SshConnector;

import java.nio.file.Path;

/** Where pgha chooses its transport: every verb's Toolkit reaches the hosts over SSH (MINA SSHD). */
final class SshToolkit {
    private SshToolkit() {}

    static Toolkit at(Path workDir) { return new Toolkit(workDir, new SshConnector()); }
}
