package io.pgha.modules.files;

import io.pgha.facts.Facts;
import io.pgha.modules.ModuleContext;
import io.pgha.testing.TestModuleContext;
import io.pgha.transport.ExecRequest;
import io.pgha.transport.ExecResult;
import io.pgha.transport.TransportException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A ModuleContext that records every command and its output, as the engine would log them with -vv. */
final class RecordingContext implements ModuleContext {
    final TestModuleContext inner;
    final List<String> logged = new ArrayList<>();

    RecordingContext(TestModuleContext inner) { this.inner = inner; }

    @Override public String hostName() { return inner.hostName(); }
    @Override public ExecResult exec(String command) throws TransportException { return record(command, inner.exec(command)); }
    @Override public ExecResult exec(ExecRequest request) throws TransportException { return record(request.command(), inner.exec(request)); }

    /** What the engine logs for a private exec (EngineModuleContext.execPrivate): the command, never its stdout. */
    @Override public ExecResult execPrivate(ExecRequest request) throws TransportException {
        ExecResult r = inner.exec(request);
        logged.add(request.command() + "\n(" + r.stdout().length() + " characters, not shown)\n" + r.stderr());
        return r;
    }

    private ExecResult record(String command, ExecResult r) {
        logged.add(command + "\n" + r.stdout() + "\n" + r.stderr());
        return r;
    }

    @Override public void upload(byte[] content, String remotePath, int mode) throws TransportException { inner.upload(content, remotePath, mode); }
    @Override public byte[] download(String remotePath) throws TransportException { return inner.download(remotePath); }
    @Override public boolean become() { return inner.become(); }
    @Override public String becomeUser() { return inner.becomeUser(); }
    @Override public Facts facts() { return inner.facts(); }
    @Override public boolean checkMode() { return inner.checkMode(); }
    @Override public boolean diffMode() { return inner.diffMode(); }
    @Override public Map<String, Object> vars() { return inner.vars(); }
    @Override public Object eval(String expression) { return inner.eval(expression); }
    @Override public String render(String text) { return inner.render(text); }
    @Override public String renderTemplateFile(String path) { return inner.renderTemplateFile(path); }
    @Override public Path resolveLocal(String path) { return inner.resolveLocal(path); }
    @Override public void progress(String message) { inner.progress(message); }
    @Override public void secret(String value) { inner.secret(value); }
}
