package io.pgha.transport;

import java.io.IOException;

/**
 * One host's connection for a whole run: one authenticated session, one channel per command.
 * Implementations are thread-safe for concurrent exec calls (several channels at once).
 */
public interface Connection extends AutoCloseable {

    /** The inventory name of the host (db06), for messages. */
    String hostName();

    /** Runs a command, waits for it (bounded by the request's timeout) and returns its exit code and output. */
    ExecResult exec(ExecRequest request) throws TransportException;

    /**
     * Writes a file as the login user, atomically: upload to a temporary name in the same directory,
     * then rename over the target (no torn files). Mode applied before the rename (octal, e.g. 0600).
     * For paths the login user cannot write, callers upload to a temp dir and move with become.
     */
    void upload(byte[] content, String remotePath, int mode) throws TransportException;

    /** Reads a whole remote file as the login user. */
    byte[] download(String remotePath) throws TransportException;

    /**
     * Local port forwarding: a local port on 127.0.0.1 that reaches remoteHost:remotePort as seen from
     * the host (ops use it for JDBC). Close the returned handle to stop forwarding.
     */
    PortForward forward(String remoteHost, int remotePort) throws TransportException;

    @Override
    void close() throws IOException;
}
