package io.pgha.engine;

import freemarker.template.TemplateException;
import io.pgha.template.ExpressionException;
import io.pgha.template.UndefinedVariableException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Freemarker errors from whole template files, turned into one line naming the variable, file and line. */
final class TemplateErrors {
    private static final Pattern MISSING = Pattern.compile("==> ([^\\s\\[]+)");

    private TemplateErrors() {}

    static RuntimeException translate(TemplateException e, String where, String file) {
        if (e.getCause() instanceof ExpressionException ee) return ee;
        String at = e.getLineNumber() != null ? file + ":" + e.getLineNumber() : file;
        if (e.getMessage() != null && e.getMessage().contains("evaluated to null or missing")) {
            Matcher m = MISSING.matcher(e.getMessage());
            return new UndefinedVariableException(m.find() ? m.group(1) : e.getBlamedExpressionString(), at, null);
        }
        String msg = e.getMessageWithoutStackTop();
        int nl = msg == null ? -1 : msg.indexOf('\n');
        return new ExpressionException(at + ": " + (nl < 0 ? msg : msg.substring(0, nl)), e);
    }
}
