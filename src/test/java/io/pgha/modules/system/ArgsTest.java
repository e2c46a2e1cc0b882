package io.pgha.modules.system;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArgsTest {
    static Map<String, Object> m(Object... kv) {
        Map<String, Object> a = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) a.put((String) kv[i], kv[i + 1]);
        return a;
    }

    @Test
    void booleansInTheirYamlAndTextForms() throws Exception {
        assertTrue(Args.bool(m("x", "yes"), "x"));
        assertTrue(Args.bool(m("x", true), "x"));
        assertTrue(Args.bool(m("x", 1), "x"));
        assertFalse(Args.bool(m("x", "No"), "x"));
        assertNull(Args.bool(m(), "x"));
        assertTrue(Args.bool(m(), "x", true));
        TaskFailure e = assertThrows(TaskFailure.class, () -> Args.bool(m("x", "maybe"), "x"));
        assertTrue(e.getMessage().contains("'x'") && e.getMessage().contains("maybe"));
    }

    @Test
    void listsFromYamlListsOrCommaText() {
        assertEquals(List.of("a", "b"), Args.list(m("x", "a, b"), "x"));
        assertEquals(List.of("a b", "c"), Args.list(m("x", List.of("a b", "c", "")), "x"));
        assertEquals(List.of(), Args.list(m(), "x"));
    }

    @Test
    void numbersAndChoices() throws Exception {
        assertEquals(5, Args.integer(m("x", "5"), "x"));
        assertEquals(1.5, Args.seconds(m("x", "1.5"), "x", 0));
        assertThrows(TaskFailure.class, () -> Args.integer(m("x", "five"), "x"));
        assertEquals("absent", Args.choice(m("s", "ABSENT"), "s", "present", "present", "absent"));
        assertThrows(TaskFailure.class, () -> Args.choice(m("s", "gone"), "s", "present", "present", "absent"));
    }
}
