package io.pgha.engine;

import io.pgha.core.Secrets;
import io.pgha.modules.ModuleRegistry;
import io.pgha.modules.system.DebugModule;
import io.pgha.output.ConsoleOutput;
import io.pgha.output.JsonOutput;
import io.pgha.output.Style;
import io.pgha.playbook.Playbook;
import io.pgha.template.Expressions;
import io.pgha.template.Freemarker;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.pgha.engine.Tasks.task;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 7, part 3: debug of a secret shows the mask on the console and in --json -v, never the value. */
class SecretOutputTest {
    static final String SECRET = "S3cret\"repl\\pw";   // JSON escapes it: masking must come first

    private String run(boolean json) {
        Secrets secrets = new Secrets();
        secrets.register(SECRET);
        ModuleRegistry registry = new ModuleRegistry().register(new DebugModule());
        PlaybookRunner runner = new PlaybookRunner(registry, PlaybookRunnerTest.NO_HOSTS,
                new Expressions(Freemarker.configuration(List.of())), secrets);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        RunListener listener = json ? new JsonOutput(out, 1) : new ConsoleOutput(out, new Style(false), 1);
        var play = Tasks.play(List.of(
                task("debug").arg("msg", "${pg_replication_password}").register("shown").build(),
                task("debug").arg("var", "pg_replication_password").build(),
                task("debug").name("password ${pg_replication_password}").arg("msg", "the result: ${shown.msg}").build()), List.of(), false);
        runner.run(new Playbook(Path.of("test.yml"), Path.of("."), List.of(play)),
                PlaybookRunnerTest.inventory(Map.of("db06", Map.of("pg_replication_password", SECRET))), RunOptions.defaults(), listener);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theConsoleShowsTheMaskOnly() {
        String out = run(false);
        assertTrue(out.contains(Secrets.MASK), out);
        assertFalse(out.contains("S3cret"), out);
    }

    @Test
    void aShortSecretIsMaskedToo() {
        Secrets secrets = new Secrets();
        secrets.register("ab");
        org.junit.jupiter.api.Assertions.assertEquals("x" + Secrets.MASK + "x", secrets.mask("xabx"));
        secrets.useForErrors();
        org.junit.jupiter.api.Assertions.assertEquals("x" + Secrets.MASK + "x", Secrets.maskError("xabx"));
        new Secrets().useForErrors();
    }

    @Test
    void jsonWithResultsShowsTheMaskOnly() {
        String out = run(true);
        assertTrue(out.contains("\"result\""), out);
        assertTrue(out.contains(Secrets.MASK), out);
        assertFalse(out.contains("S3cret"), out);
    }
}
