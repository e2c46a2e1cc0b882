package io.pgha.engine;

import io.pgha.transport.Connection;
import io.pgha.transport.ExecRequest;
import io.pgha.transport.ExecResult;
import io.pgha.transport.PortForward;
import io.pgha.transport.TransportException;

/**
 * A host's connection as an operation's own reads use it (status, verify, the push plan, the drill):
 * every command is told to the run's listener, masked, as a playbook task's is (shown with -v).
 * Closing it does nothing: the connection belongs to {@link ClusterHosts}.
 */
final class LoggedConnection implements Connection {
    private final Connection connection;
    private final RunListener listener;

    LoggedConnection(Connection connection, RunListener listener) {
        this.connection = connection;
        this.listener = listener;
    }

    @Override public String hostName() { return connection.hostName(); }

    @Override
    public ExecResult exec(ExecRequest request) throws TransportException {
        ExecResult r = connection.exec(request);
        listener.command(connection.hostName(), request.command(), r.exitCode(), r.stdout(), r.stderr(), r.duration());
        return r;
    }

    @Override
    public void upload(byte[] content, String remotePath, int mode) throws TransportException {
        connection.upload(content, remotePath, mode);
    }

    @Override
    public byte[] download(String remotePath) throws TransportException { return connection.download(remotePath); }

    @Override
    public PortForward forward(String remoteHost, int remotePort) throws TransportException {
        return connection.forward(remoteHost, remotePort);
    }

    @Override
    public void close() {
        // the pool closes the connection at the end of the command
    }
}
