package io.pgha.template;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExpressionsTest {
    private final Expressions ex = new Expressions(Freemarker.configuration(List.of()));

    private VarsModel vars(Map<String, Object> m) { return VarsModel.of(m, ex); }

    @Test
    void rendersInterpolationsAndLeavesPlainTextAlone() {
        VarsModel v = vars(Map.of("pg_port", 54321, "name", "db06"));
        assertEquals("port=54321 on db06", ex.render("port=${pg_port} on ${name}", v, "test"));
        assertEquals("echo $HOME", ex.render("echo $HOME", v, "test"));
    }

    @Test
    void variablesReferToEachOtherLazily() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pg_bin", "${pg_home}/bin");
        m.put("pg_home", "/home/postgres/pghome");
        m.put("settings", Map.of("log_directory", "${pg_home}/log"));
        VarsModel v = vars(m);
        assertEquals("/home/postgres/pghome/bin/psql", ex.render("${pg_bin}/psql", v, "test"));
        assertEquals("/home/postgres/pghome/log", ex.render("${settings.log_directory}", v, "test"));
        assertEquals(Map.of("log_directory", "/home/postgres/pghome/log"), v.resolve("settings"));
    }

    @Test
    void wholeExpressionKeepsItsType() {
        VarsModel v = vars(Map.of("hosts", List.of("db06", "db07"), "port", 54321));
        assertEquals(List.of("db06", "db07"), ex.renderValue("${hosts}", v, "test"));
        assertEquals(54321, ((Number) ex.renderValue("${port}", v, "test")).intValue());
        assertEquals("54321/tcp", ex.renderValue("${port}/tcp", v, "test"));
    }

    @Test
    void conditions() {
        VarsModel v = vars(Map.of("ansible_os_family", "Debian", "result", Map.of("rc", 0, "stdout", "t")));
        assertTrue(ex.test("ansible_os_family == 'Debian'", v, "when"));
        assertFalse(ex.test("result.rc != 0", v, "when"));
        assertTrue(ex.test("result.stdout == 't' && ansible_os_family?starts_with('Deb')", v, "when"));
        assertTrue(ex.test("true", v, "when"));
        ExpressionException notBool = assertThrows(ExpressionException.class, () -> ex.test("result.rc", v, "when of task 'x'"));
        assertTrue(notBool.getMessage().contains("must be true or false"), notBool.getMessage());
    }

    @Test
    void undefinedVariableIsNamedWithWhereItIsUsed() {
        VarsModel v = vars(Map.of("a", 1));
        UndefinedVariableException e = assertThrows(UndefinedVariableException.class,
                () -> ex.render("x=${pg_portt}", v, "task 'configure' (site.yml:12)"));
        assertEquals("pg_portt", e.variable());
        assertTrue(e.getMessage().contains("task 'configure' (site.yml:12)"), e.getMessage());
        UndefinedVariableException inWhen = assertThrows(UndefinedVariableException.class,
                () -> ex.test("missing_flag == 'x'", v, "when"));
        assertEquals("missing_flag", inWhen.variable());
    }

    @Test
    void undefinedInsideANestedVariableNamesTheInnerOne() {
        Map<String, Object> m = Map.of("pg_bin", "${pg_hom}/bin");
        UndefinedVariableException e = assertThrows(UndefinedVariableException.class,
                () -> ex.render("${pg_bin}", vars(m), "task"));
        assertEquals("pg_hom", e.variable());
        assertTrue(e.getMessage().contains("variable 'pg_bin'"), e.getMessage());
    }

    @Test
    void selfReferenceIsReportedNotLooped() {
        Map<String, Object> m = Map.of("a", "${b}", "b", "${a}");
        ExpressionException e = assertThrows(ExpressionException.class, () -> ex.render("${a}", vars(m), "task"));
        assertTrue(e.getMessage().contains("refers to itself"), e.getMessage());
    }

    @Test
    void defaultsAndExistenceOperatorsWork() {
        VarsModel v = vars(Map.of());
        assertEquals("5432", ex.render("${pg_port!5432}", v, "t"));
        assertFalse(ex.test("pg_port??", v, "t"));
    }

    @Test
    void syntaxErrorsAreReported() {
        ExpressionException e = assertThrows(ExpressionException.class, () -> ex.test("a ==", vars(Map.of("a", 1)), "when"));
        assertTrue(e.getMessage().contains("syntax error"), e.getMessage());
    }
}
