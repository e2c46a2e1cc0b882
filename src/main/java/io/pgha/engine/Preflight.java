package io.pgha.engine;

import freemarker.template.Template;
import freemarker.template.TemplateBooleanModel;
import freemarker.template.TemplateHashModel;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateNumberModel;
import freemarker.template.TemplateScalarModel;
import freemarker.template.TemplateSequenceModel;
import io.pgha.core.InputException;
import io.pgha.core.SourceLocation;
import io.pgha.facts.Facts;
import io.pgha.inventory.Inventory;
import io.pgha.modules.Module;
import io.pgha.modules.ModuleRegistry;
import io.pgha.playbook.Play;
import io.pgha.playbook.Task;
import io.pgha.template.ExpressionException;
import io.pgha.template.Expressions;
import io.pgha.template.UndefinedVariableException;
import io.pgha.template.VarsModel;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a playbook against the inventory before any host is contacted: every when, argument and
 * template file is evaluated per host with the variables known up front. Names only known at run
 * time (registered results, set_fact, loop items, facts) stand in as "anything", so only truly
 * undefined variables and syntax errors are reported, as InputException naming the task's file,
 * line and field.
 */
final class Preflight {
    private final ModuleRegistry modules;
    private final Expressions expressions;
    private final Inventory inventory;
    private final RunOptions options;
    private final Path baseDir;

    Preflight(ModuleRegistry modules, Expressions expressions, Inventory inventory, RunOptions options, Path baseDir) {
        this.modules = modules;
        this.expressions = expressions;
        this.inventory = inventory;
        this.options = options;
        this.baseDir = baseDir;
    }

    void check(Map<Play, List<String>> playHosts) {
        Set<String> runtimeNames = runtimeNames(playHosts.keySet());
        for (Map.Entry<Play, List<String>> e : playHosts.entrySet()) {
            Play play = e.getKey();
            for (String host : e.getValue()) {
                Map<String, Object> hostVars = inventory.hostVars(host);
                for (Task t : Task.leaves(play.tasks())) checkTask(t, play, hostVars, runtimeNames);
                for (Task t : play.handlers()) checkTask(t, play, hostVars, runtimeNames);
            }
        }
    }

    private Set<String> runtimeNames(Iterable<Play> plays) {
        Set<String> names = new HashSet<>(Facts.VAR_NAMES);
        names.add("ansible_facts");
        names.add("item");
        names.add("result");
        for (Play p : plays) {
            for (List<Task> list : List.of(Task.leaves(p.tasks()), p.handlers())) {
                for (Task t : list) {
                    if (t.register() != null) names.add(t.register());
                    Module m = modules.get(t.module());
                    if (m != null && m.spec().acceptsAnyArgs()) names.addAll(t.args().keySet());
                }
            }
        }
        return names;
    }

    private void checkTask(Task task, Play play, Map<String, Object> hostVars, Set<String> runtimeNames) {
        // registered names are runtime values: known to exist, their content unknown before the run
        Map<String, Object> layers = VarLayers.of(options.defaultVars(), hostVars, play.vars(), Map.of(), task.vars(),
                MagicVars.withExtraVars(options, inventory)).flatten();
        VarsModel model = new VarsModel(k -> layers.containsKey(k) ? layers.get(k)
                : runtimeNames.contains(k) ? Anything.INSTANCE : null, layers::keySet, expressions);
        String where = TaskRunner.where(task);
        for (String cond : task.when()) attempt(task, "when", () -> expressions.eval(cond, model, where + " when"));
        if (task.changedWhen() != null) attempt(task, "changed_when", () -> expressions.eval(task.changedWhen(), model, where));
        if (task.failedWhen() != null) attempt(task, "failed_when", () -> expressions.eval(task.failedWhen(), model, where));
        if (task.until() != null) attempt(task, "until", () -> expressions.eval(task.until(), model, where));
        if (task.loop() instanceof String s) attempt(task, "loop", () -> expressions.renderValue(s.contains("${") ? s : "${" + s + "}", model, where));
        Module module = modules.get(task.module());
        if (module == null) return;   // meta and the like: nothing to render
        for (Map.Entry<String, Object> arg : task.args().entrySet()) {
            if (module.spec().isRawExpression(arg.getKey())) continue;
            attemptDeep(task, arg.getKey(), arg.getValue(), model, where);
        }
        String tplArg = module.spec().templateFileArg();
        if (tplArg != null && task.args().get(tplArg) instanceof String src && !Expressions.isTemplated(src)) {
            attempt(task, tplArg, () -> renderTemplate(src, model));
        }
    }

    private void attemptDeep(Task task, String field, Object v, VarsModel model, String where) {
        if (v instanceof String s) attempt(task, field, () -> expressions.renderValue(s, model, where + " " + field));
        else if (v instanceof Map<?, ?> m) m.values().forEach(x -> attemptDeep(task, field, x, model, where));
        else if (v instanceof List<?> l) l.forEach(x -> attemptDeep(task, field, x, model, where));
    }

    private Object renderTemplate(String src, VarsModel model) {
        Path local = LocalFiles.find(baseDir, src);
        try {
            Template t = Files.isRegularFile(local)
                    ? new Template(src, Files.readString(local), expressions.configuration())
                    : expressions.configuration().getTemplate(src);
            t.createProcessingEnvironment(model, Writer.nullWriter()).process();
        } catch (freemarker.template.TemplateNotFoundException e) {
            return null;   // the template module reports a missing file itself, with the paths it tried
        } catch (freemarker.template.TemplateException e) {
            throw TemplateErrors.translate(e, "template " + src, src);
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    private void attempt(Task task, String field, Runnable r) {
        try {
            r.run();
        } catch (UndefinedVariableException e) {
            throw new InputException(location(task, field), field, e.getMessage());
        } catch (ExpressionException e) {
            if (e.getMessage() != null && e.getMessage().contains("syntax error")) {
                throw new InputException(location(task, field), field, e.getMessage());
            }
            // Other evaluation errors may come from the stand-ins; the real run reports them.
        }
    }

    private static SourceLocation location(Task task, String field) {
        SourceLocation l = task.argLocations() == null ? null : task.argLocations().get(field);
        return l != null ? l : task.location();
    }

    /** A stand-in for a value only known at run time: behaves as any type, has every member. */
    static final class Anything implements TemplateHashModel, TemplateScalarModel, TemplateBooleanModel,
            TemplateNumberModel, TemplateSequenceModel {
        static final Anything INSTANCE = new Anything();

        @Override public TemplateModel get(String key) { return this; }
        @Override public boolean isEmpty() { return false; }
        @Override public String getAsString() { return ""; }
        @Override public boolean getAsBoolean() { return true; }
        @Override public Number getAsNumber() { return 0; }
        @Override public TemplateModel get(int index) { return this; }
        @Override public int size() { return 1; }
    }
}
