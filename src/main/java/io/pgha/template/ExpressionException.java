package io.pgha.template;

/** A Freemarker expression or template could not be evaluated (syntax, undefined variable, wrong type). */
public class ExpressionException extends RuntimeException {
    public ExpressionException(String message) { super(message); }
    public ExpressionException(String message, Throwable cause) { super(message, cause); }

    static String abbreviate(String s) {
        String one = s.replace('\n', ' ').strip();
        return one.length() > 120 ? one.substring(0, 117) + "..." : one;
    }
}
