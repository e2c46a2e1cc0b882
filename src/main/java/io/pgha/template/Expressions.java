package io.pgha.template;

import freemarker.core.Environment;
import freemarker.core.InvalidReferenceException;
import freemarker.core.ParseException;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateHashModel;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.utility.DeepUnwrap;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates Freemarker expressions and renders ${...} text against a variables model. Parsed
 * templates are cached by text (tasks repeat per host and per loop item). {@code where} names the
 * place for error messages ("when of task 'x' (site.yml:12)").
 */
public final class Expressions {
    private static final Pattern WHOLE_EXPR = Pattern.compile("^\\$\\{([^{}]*)}$", Pattern.DOTALL);
    private static final Pattern MISSING = Pattern.compile("==> ([^\\s\\[]+)");
    private static final String RESULT = "__pgha_result";
    private final Configuration cfg;
    private final Map<String, Template> cache = new ConcurrentHashMap<>();

    public Expressions(Configuration cfg) { this.cfg = cfg; }

    public Configuration configuration() { return cfg; }

    /** True when the text holds something Freemarker would interpret. */
    public static boolean isTemplated(String text) {
        return text != null && (text.contains("${") || text.contains("<#") || text.contains("<@"));
    }

    /** Renders text; plain text comes back as is without touching Freemarker. */
    public String render(String text, TemplateHashModel vars, String where) {
        if (!isTemplated(text)) return text;
        StringWriter out = new StringWriter();
        process(template(text, where), vars, out, where, text);
        return out.toString();
    }

    /**
     * Renders a value for a module argument: a string that is exactly one ${expr} yields the
     * expression's own value (a list stays a list, a number a number); other strings render to text.
     */
    public Object renderValue(String text, TemplateHashModel vars, String where) {
        Matcher m = WHOLE_EXPR.matcher(text.strip());
        if (m.matches()) return eval(m.group(1), vars, where);
        return render(text, vars, where);
    }

    /** The value of an expression, unwrapped to plain Java (String, Number, Boolean, List, Map). */
    public Object eval(String expression, TemplateHashModel vars, String where) {
        Template t = template("<#assign " + RESULT + " = (" + expression + ")>", where);
        try {
            Environment env = t.createProcessingEnvironment(vars, Writer.nullWriter());
            env.process();
            TemplateModel result = env.getMainNamespace().get(RESULT);
            return result == null ? null : DeepUnwrap.unwrap(result);
        } catch (TemplateException e) {
            throw translate(e, where, expression);
        } catch (IOException e) {
            throw new ExpressionException(where + ": " + e.getMessage(), e);
        }
    }

    /** A condition (when, changed_when, until, assert): a boolean expression; "true"/"false" literals allowed. */
    public boolean test(String condition, TemplateHashModel vars, String where) {
        String c = condition.strip();
        if (c.equals("true")) return true;
        if (c.equals("false")) return false;
        Object v = eval(c, vars, where);
        if (v instanceof Boolean b) return b;
        throw new ExpressionException(where + ": condition '" + ExpressionException.abbreviate(c)
                + "' must be true or false, but it is " + describe(v));
    }

    private static String describe(Object v) {
        if (v == null) return "empty";
        return v.getClass().getSimpleName().toLowerCase() + " '" + v + "'";
    }

    private Template template(String text, String where) {
        Template cached = cache.get(text);
        if (cached != null) return cached;
        try {
            Template t = new Template(where, new StringReader(text), cfg);
            cache.put(text, t);
            return t;
        } catch (ParseException e) {
            throw new ExpressionException(where + ": syntax error in '" + ExpressionException.abbreviate(text)
                    + "': " + firstLine(e.getEditorMessage()), e);
        } catch (IOException e) {
            throw new ExpressionException(where + ": " + e.getMessage(), e);
        }
    }

    private void process(Template t, TemplateHashModel vars, Writer out, String where, String text) {
        try {
            Environment env = t.createProcessingEnvironment(vars, out);
            env.process();
        } catch (TemplateException e) {
            throw translate(e, where, text);
        } catch (IOException e) {
            throw new ExpressionException(where + ": " + e.getMessage(), e);
        }
    }

    /** Turns Freemarker's long messages into one line naming the variable and the place. */
    static RuntimeException translate(TemplateException e, String where, String text) {
        Throwable cause = e;
        while (cause.getCause() instanceof TemplateException te && te != cause) cause = te;
        if (e.getCause() instanceof ExpressionException ee) return ee;   // nested lazy var already explained
        // A failure behind a variable (facts that could not be gathered) is not an expression error: pass it on.
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof RuntimeException re && !(c instanceof ExpressionException)
                    && !c.getClass().getName().startsWith("freemarker.")) return re;
        }
        if (e instanceof InvalidReferenceException || e.getMessage().contains("evaluated to null or missing")) {
            Matcher m = MISSING.matcher(e.getMessage());
            String name = m.find() ? m.group(1) : e.getBlamedExpressionString();
            return new UndefinedVariableException(name, where, text);
        }
        if (e instanceof TemplateModelException tme && tme.getCause() instanceof ExpressionException ee) return ee;
        return new ExpressionException(where + ": " + firstLine(e.getMessageWithoutStackTop()) + " in '"
                + ExpressionException.abbreviate(text) + "'", e);
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
