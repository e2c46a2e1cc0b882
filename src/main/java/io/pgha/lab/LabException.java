package io.pgha.lab;

/** The lab could not be brought up, inspected or removed. The message says what failed and what to do next. */
public class LabException extends RuntimeException {
    public LabException(String message) { super(message); }
    public LabException(String message, Throwable cause) { super(message, cause); }
}
