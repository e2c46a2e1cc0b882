package io.pgha.transport;

/** Opens connections. The SSH implementation shares one client for the whole run. */
public interface Connector extends AutoCloseable {
    Connection connect(ConnectionSpec spec) throws TransportException;

    @Override
    void close();
}
