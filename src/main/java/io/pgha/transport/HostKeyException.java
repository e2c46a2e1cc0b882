package io.pgha.transport;

/** The host's key is unknown (and --accept-new-host-keys was not given) or has CHANGED (always refused). */
public class HostKeyException extends UnreachableException {
    public HostKeyException(String message) { super(message); }
}
