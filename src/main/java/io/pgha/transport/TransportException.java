package io.pgha.transport;

/** A command could not be run (channel failed, timeout, SFTP error); the message names the host. */
public class TransportException extends Exception {
    public TransportException(String message) { super(message); }
    public TransportException(String message, Throwable cause) { super(message, cause); }
}
