package io.pgha.facts;

import io.pgha.transport.Connection;
import io.pgha.transport.TransportException;

/** PLACEHOLDER until the transport branch lands its implementation. */
public final class FactGatherer {
    public Facts gather(Connection c) throws TransportException {
        throw new TransportException("fact gathering not merged yet on " + c.hostName());
    }
}
