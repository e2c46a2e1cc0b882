package io.pgha.testing;

import freemarker.template.Configuration;
import freemarker.template.Template;
import io.pgha.facts.Facts;
import io.pgha.modules.ModuleContext;
import io.pgha.template.Freemarker;
import io.pgha.transport.Connection;
import io.pgha.transport.ExecRequest;
import io.pgha.transport.ExecResult;
import io.pgha.transport.TransportException;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A ModuleContext for module tests: a real lab node through any Connection, plain vars, Freemarker
 * from the project's configuration. Facts are given (the fact gatherer is tested on its own).
 */
public final class TestModuleContext implements ModuleContext {
    private final Connection conn;
    private final Map<String, Object> vars = new HashMap<>();
    private final Path localDir;
    private final Configuration fm;
    public boolean checkMode;
    public boolean diffMode;
    public boolean become = true;
    public String becomeUser;
    public Facts facts = new Facts("Debian", "debian", "12", "systemd", "apt", "db06", "db06", "x86_64",
            Map.of(), 2, 1024, "pgha");
    public final List<String> progress = new ArrayList<>();
    public final List<String> secrets = new ArrayList<>();

    public TestModuleContext(Connection conn, Path localDir) {
        this.conn = conn;
        this.localDir = localDir;
        this.fm = Freemarker.configuration(List.of(localDir, localDir.resolve("templates")));
    }

    /** A context on a lab node through docker exec. */
    public static TestModuleContext onLab(String host, Path localDir) {
        LabFixture lab = LabFixture.get();
        return new TestModuleContext(new DockerExecConnection(host, lab.containerName(host)), localDir);
    }

    public TestModuleContext var(String k, Object v) { vars.put(k, v); return this; }

    @Override public String hostName() { return conn.hostName(); }
    @Override public ExecResult exec(String command) throws TransportException {
        return conn.exec(ExecRequest.of(command).asBecome(become, becomeUser));
    }
    @Override public ExecResult exec(ExecRequest request) throws TransportException { return conn.exec(request); }
    @Override public void upload(byte[] content, String remotePath, int mode) throws TransportException { conn.upload(content, remotePath, mode); }
    @Override public byte[] download(String remotePath) throws TransportException { return conn.download(remotePath); }
    @Override public boolean become() { return become; }
    @Override public String becomeUser() { return becomeUser; }
    @Override public Facts facts() { return facts; }
    @Override public boolean checkMode() { return checkMode; }
    @Override public boolean diffMode() { return diffMode; }
    @Override public Map<String, Object> vars() { return vars; }

    @Override
    public Object eval(String expression) {
        String out = render("<#if (" + expression + ")?is_boolean><#if " + expression + ">true<#else>false</#if><#else>${" + expression + "}</#if>");
        return "true".equals(out) ? Boolean.TRUE : "false".equals(out) ? Boolean.FALSE : out;
    }

    @Override
    public String render(String text) {
        try {
            Template t = new Template("inline", new StringReader(text), fm);
            StringWriter w = new StringWriter();
            t.process(vars, w);
            return w.toString();
        } catch (Exception e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public String renderTemplateFile(String path) {
        try {
            Template t = fm.getTemplate(path);
            StringWriter w = new StringWriter();
            t.process(vars, w);
            return w.toString();
        } catch (Exception e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override public Path resolveLocal(String path) {
        Path p = Path.of(path);
        return p.isAbsolute() ? p : localDir.resolve(path);
    }
    @Override public void progress(String message) { progress.add(message); }
    @Override public void secret(String value) { secrets.add(value); }
}
