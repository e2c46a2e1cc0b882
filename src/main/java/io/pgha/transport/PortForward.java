package io.pgha.transport;

/** A live local port forward; localPort() is on 127.0.0.1. */
public interface PortForward extends AutoCloseable {
    int localPort();

    @Override
    void close();
}
