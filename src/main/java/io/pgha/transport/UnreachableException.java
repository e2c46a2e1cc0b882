package io.pgha.transport;

/**
 * The host could not be reached or would not let us in (connect refused/timed out, authentication
 * failed, host key refused). The message says what happened and what to do next. Exit code 4.
 */
public class UnreachableException extends TransportException {
    public UnreachableException(String message) { super(message); }
    public UnreachableException(String message, Throwable cause) { super(message, cause); }
}
