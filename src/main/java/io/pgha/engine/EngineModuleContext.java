package io.pgha.engine;

import freemarker.template.Template;
import io.pgha.core.Secrets;
import io.pgha.facts.Facts;
import io.pgha.modules.ModuleContext;
import io.pgha.template.ExpressionException;
import io.pgha.template.Expressions;
import io.pgha.template.VarsModel;
import io.pgha.transport.Connection;
import io.pgha.transport.ExecRequest;
import io.pgha.transport.ExecResult;
import io.pgha.transport.TransportException;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The ModuleContext the engine gives a module: one host, one task, one loop item. */
final class EngineModuleContext implements ModuleContext {
    private final HostRun vars;          // whose variables (the task's host)
    private final HostRun target;        // where it runs (the delegate under delegate_to)
    private final HostConnections connections;
    private final VarsModel model;
    private final Expressions expressions;
    private final boolean become;
    private final String becomeUser;
    private final boolean check;
    private final boolean diff;
    private final Path baseDir;
    private final RunListener listener;
    private final Secrets secrets;
    private final String where;

    EngineModuleContext(HostRun vars, HostRun target, HostConnections connections, VarsModel model,
                        Expressions expressions, boolean become, String becomeUser, boolean check, boolean diff,
                        Path baseDir, RunListener listener, Secrets secrets, String where) {
        this.vars = vars;
        this.target = target;
        this.connections = connections;
        this.model = model;
        this.expressions = expressions;
        this.become = become;
        this.becomeUser = becomeUser;
        this.check = check;
        this.diff = diff;
        this.baseDir = baseDir;
        this.listener = listener;
        this.secrets = secrets;
        this.where = where;
    }

    @Override public String hostName() { return target.name; }

    private Connection connection() throws TransportException { return connections.get(target.name); }

    @Override
    public ExecResult exec(String command) throws TransportException {
        return exec(ExecRequest.of(command).asBecome(become, becomeUser));
    }

    @Override
    public ExecResult exec(ExecRequest request) throws TransportException {
        ExecResult r = connection().exec(request);
        listener.command(target.name, request.command(), r.exitCode(), r.stdout(), r.stderr(), r.duration());
        return r;
    }

    @Override
    public ExecResult execPrivate(ExecRequest request) throws TransportException {
        ExecResult r = connection().exec(request);
        listener.command(target.name, request.command(), r.exitCode(), "(" + r.stdout().length() + " characters, not shown)",
                r.stderr(), r.duration());
        return r;
    }

    @Override
    public void upload(byte[] content, String remotePath, int mode) throws TransportException {
        connection().upload(content, remotePath, mode);
    }

    @Override
    public byte[] download(String remotePath) throws TransportException { return connection().download(remotePath); }

    @Override public boolean become() { return become; }
    @Override public String becomeUser() { return becomeUser; }
    @Override public Facts facts() throws TransportException { return target.facts(); }
    @Override public boolean checkMode() { return check; }
    @Override public boolean diffMode() { return diff; }

    @Override
    public Map<String, Object> vars() { return vars.snapshot(Map.of()); }

    @Override
    public Object eval(String expression) { return expressions.eval(expression, model, where); }

    @Override
    public String render(String text) { return expressions.render(text, model, where); }

    @Override
    public String renderTemplateFile(String path) {
        Path local = resolveLocal(path);
        try {
            Template t = Files.isRegularFile(local)
                    ? new Template(local.toString(), Files.readString(local), expressions.configuration())
                    : expressions.configuration().getTemplate(path);
            StringWriter out = new StringWriter();
            t.createProcessingEnvironment(model, out).process();
            return out.toString();
        } catch (freemarker.template.TemplateNotFoundException e) {
            throw new ExpressionException(where + ": template '" + path + "' not found (looked in "
                    + LocalFiles.searchPath(baseDir) + " and the built-in templates)");
        } catch (freemarker.template.TemplateException e) {
            throw TemplateErrors.translate(e, "template " + path, path);
        } catch (IOException e) {
            throw new ExpressionException(where + ": cannot read template " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Path resolveLocal(String path) {
        return LocalFiles.find(baseDir, path);
    }

    @Override
    public void progress(String message) { listener.progress(target.name, message); }

    @Override
    public void secret(String value) { secrets.register(value); }
}
