package io.pgha.modules.system;

import io.pgha.facts.Facts;
import io.pgha.modules.ModuleContext;
import io.pgha.template.Expressions;
import io.pgha.template.Freemarker;
import io.pgha.template.VarsModel;
import io.pgha.testing.TestModuleContext;
import io.pgha.transport.ExecRequest;
import io.pgha.transport.ExecResult;
import io.pgha.transport.TransportException;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A TestModuleContext whose eval/render go through the engine's own Expressions (as in a real run):
 * TestModuleContext's eval wraps the expression in {@code <#if>}, where a {@code >} ends the tag.
 */
final class ExpressionContext implements ModuleContext {
    private final TestModuleContext base;
    private final Map<String, Object> vars = new LinkedHashMap<>();
    private final Expressions expressions = new Expressions(Freemarker.configuration(List.of(Path.of("."))));

    ExpressionContext(TestModuleContext base) { this.base = base; }

    ExpressionContext var(String k, Object v) { vars.put(k, v); return this; }

    private VarsModel model() { return VarsModel.of(vars, expressions); }

    @Override public Object eval(String expression) { return expressions.eval(expression, model(), "test"); }
    @Override public String render(String text) { return expressions.render(text, model(), "test"); }
    @Override public Map<String, Object> vars() { return vars; }

    @Override public String hostName() { return base.hostName(); }
    @Override public ExecResult exec(String command) throws TransportException { return base.exec(command); }
    @Override public ExecResult exec(ExecRequest request) throws TransportException { return base.exec(request); }
    @Override public void upload(byte[] c, String p, int m) throws TransportException { base.upload(c, p, m); }
    @Override public byte[] download(String p) throws TransportException { return base.download(p); }
    @Override public boolean become() { return base.become(); }
    @Override public String becomeUser() { return base.becomeUser(); }
    @Override public Facts facts() { return base.facts(); }
    @Override public boolean checkMode() { return base.checkMode(); }
    @Override public boolean diffMode() { return base.diffMode(); }
    @Override public String renderTemplateFile(String path) { return base.renderTemplateFile(path); }
    @Override public Path resolveLocal(String path) { return base.resolveLocal(path); }
    @Override public void progress(String message) { base.progress(message); }
    @Override public void secret(String value) { base.secret(value); }
}
