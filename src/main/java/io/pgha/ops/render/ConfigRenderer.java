package io.pgha.ops.render;

import freemarker.core.InvalidReferenceException;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateNotFoundException;
import io.pgha.core.InputException;
import io.pgha.core.SourceLocation;
import io.pgha.template.ExpressionException;
import io.pgha.template.Expressions;
import io.pgha.template.Freemarker;
import io.pgha.template.UndefinedVariableException;
import io.pgha.template.VarsModel;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders every file of one node (ClusterFiles) from its variables, with the engine's strict
 * Freemarker configuration and lazily rendered variables, so what `pgha render` shows is what the
 * playbook's template tasks write. A missing variable is bad input naming the template's line.
 */
public final class ConfigRenderer {
    private final Configuration cfg;
    private final Expressions expressions;

    /** @param templateDirs the user's template folders, searched before the built-in templates */
    public ConfigRenderer(List<Path> templateDirs) {
        this.cfg = Freemarker.configuration(templateDirs);
        this.expressions = new Expressions(cfg);
    }

    public ConfigRenderer(Path templatesDir) { this(List.of(templatesDir)); }

    /** Every enabled file of the node whose flattened variables these are (ClusterVars.forHost). */
    public List<RenderedFile> render(Map<String, Object> hostVars) {
        VarsModel vars = VarsModel.of(hostVars, expressions);
        String host = String.valueOf(hostVars.get("inventory_hostname"));
        List<ClusterFile> files;
        try {
            files = ClusterFiles.forHost(vars);
        } catch (ExpressionException e) {
            throw new InputException(SourceLocation.of(DefaultVars.RELATIVE_PATH), ClusterFiles.VAR, host + ": " + e.getMessage());
        }
        List<RenderedFile> out = new ArrayList<>();
        for (ClusterFile f : files) out.add(new RenderedFile(f, render(f.template(), vars, host)));
        return out;
    }

    /** A template that takes no values (the failover rules' library, tested on its own). */
    public String renderAlone(String templateName) {
        return render(templateName, VarsModel.of(Map.of(), expressions), "-");
    }

    /** One template against a node's variables. */
    public String render(String templateName, VarsModel vars, String host) {
        Template t;
        try {
            t = cfg.getTemplate(templateName);
        } catch (TemplateNotFoundException e) {
            throw new InputException(SourceLocation.of("templates/" + templateName), null, "template not found");
        } catch (freemarker.core.ParseException e) {
            throw new InputException(new SourceLocation("templates/" + templateName, e.getLineNumber(), e.getColumnNumber()),
                    null, "template syntax error: " + firstLine(e.getEditorMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringWriter out = new StringWriter();
        try {
            t.process(vars, out);
        } catch (TemplateException e) {
            throw translate(e, templateName, host);
        } catch (ExpressionException e) {
            // A lazily rendered variable that failed while a list was iterated: Freemarker passes it on
            // without its position, so name the template and the variable.
            throw undefined(e, SourceLocation.of("templates/" + templateName), host);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static InputException translate(TemplateException e, String templateName, String host) {
        SourceLocation where = new SourceLocation("templates/" + templateName,
                e.getLineNumber() == null ? 0 : e.getLineNumber(), e.getColumnNumber() == null ? 0 : e.getColumnNumber());
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof ExpressionException x) return undefined(x, where, host);
            if (c instanceof InputException i) return i;
        }
        if (e instanceof InvalidReferenceException) {
            String name = e.getBlamedExpressionString();
            return new InputException(where, name, host + ": undefined variable '" + name
                    + "' (set it in the inventory or in " + DefaultVars.RELATIVE_PATH + ")");
        }
        return new InputException(where, null, host + ": " + firstLine(e.getMessageWithoutStackTop()));
    }

    private static InputException undefined(ExpressionException e, SourceLocation where, String host) {
        if (e instanceof UndefinedVariableException u) {
            String name = u.variable().replaceAll("^\\(+|\\)+$", "");
            return new InputException(where, name, host + ": " + u.getMessage()
                    + " (set it in the inventory or in " + DefaultVars.RELATIVE_PATH + ")");
        }
        return new InputException(where, null, host + ": " + e.getMessage());
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
