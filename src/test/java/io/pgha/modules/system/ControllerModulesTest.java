package io.pgha.modules.system;

import io.pgha.modules.ModuleResult;
import io.pgha.testing.TestModuleContext;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.pgha.testing.TestArgs.args;

/** debug, fail, assert and set_fact: they never touch the host, so no connection is needed. */
class ControllerModulesTest {
    final ExpressionContext ctx = new ExpressionContext(new TestModuleContext(null, Path.of(".")))
            .var("port", 5432).var("role", "primary").var("peers", List.of("db06", "db07"));


    @Test
    void debugShowsMsgOrAVariable() throws Exception {
        ModuleResult r = new DebugModule().run(ctx, args("msg", "port is 5432"));
        assertEquals(ModuleResult.Status.OK, r.status());
        assertEquals("port is 5432", r.msg());
        ModuleResult v = new DebugModule().run(ctx, args("var", "peers"));
        assertEquals("peers: [\"db06\", \"db07\"]", v.msg());
        assertEquals(List.of("db06", "db07"), v.data().get("peers"));
        assertEquals("Hello world!", new DebugModule().run(ctx, args()).msg());
        ModuleResult undefined = new DebugModule().run(ctx, args("var", "${nope.x}"));
        assertEquals(ModuleResult.Status.OK, undefined.status());
        assertEquals("nope.x: VARIABLE IS NOT DEFINED (nope)", undefined.msg());
    }

    @Test
    void failFailsWithItsMessage() {
        ModuleResult r = new FailModule().run(ctx, args("msg", "no primary found"));
        assertTrue(r.failed());
        assertEquals("no primary found", r.msg());
    }

    @Test
    void assertNamesTheFirstFalseExpression() throws Exception {
        ModuleResult ok = new AssertModule().run(ctx, args("that", List.of("port == 5432", "role == \"primary\"")));
        assertEquals(ModuleResult.Status.OK, ok.status());
        ModuleResult bad = new AssertModule().run(ctx, args("that", List.of("port == 5432", "role == \"standby\"", "port > 1")));
        assertTrue(bad.failed());
        assertTrue(bad.msg().contains("role == \"standby\""), bad.msg());
        ModuleResult custom = new AssertModule().run(ctx, args("that", "${port > 6000}", "fail_msg", "port too low", "success_msg", "fine"));
        assertEquals("port too low", custom.msg());
        assertEquals("fine", new AssertModule().run(ctx, args("that", "port > 1", "success_msg", "fine")).msg());
        ModuleResult notBool = new AssertModule().run(ctx, args("that", "role"));
        assertTrue(notBool.failed() && notBool.msg().contains("must be true or false"), notBool.msg());
        assertThrows(TaskFailure.class, () -> new AssertModule().run(ctx, args("that", List.of())));
    }

    @Test
    void setFactReturnsFacts() throws Exception {
        Map<String, Object> a = new HashMap<>(args("pg_role", "primary", "lag", 0, "cacheable", true));
        ModuleResult r = new SetFactModule().run(ctx, a);
        assertEquals(Map.of("pg_role", "primary", "lag", 0), r.facts());
        assertFalse(r.changed() || r.failed());
        assertThrows(TaskFailure.class, () -> new SetFactModule().run(ctx, args("bad-name", 1)));
    }

    @Test
    void everyModuleIsListedOnceWithASpec() {
        List<String> names = SystemModules.all().stream().map(m -> m.name()).toList();
        assertEquals(List.of("command", "shell", "package", "user", "group", "service", "wait_for", "sysctl", "debug", "fail",
                "assert", "set_fact"), names);
        SystemModules.all().forEach(m -> assertTrue(m.spec() != null));
        assertEquals("cmd", new CommandModule().spec().freeFormArg());
        assertTrue(new AssertModule().spec().isRawExpression("that"));
        assertTrue(new SetFactModule().spec().acceptsAnyArgs());
    }
}
