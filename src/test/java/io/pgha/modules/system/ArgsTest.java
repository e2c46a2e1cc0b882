package io.pgha.modules.system;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.pgha.testing.TestArgs.args;

class ArgsTest {

    @Test
    void booleansInTheirYamlAndTextForms() throws Exception {
        assertTrue(Args.bool(args("x", "yes"), "x"));
        assertTrue(Args.bool(args("x", true), "x"));
        assertTrue(Args.bool(args("x", 1), "x"));
        assertFalse(Args.bool(args("x", "No"), "x"));
        assertNull(Args.bool(args(), "x"));
        assertTrue(Args.bool(args(), "x", true));
        TaskFailure e = assertThrows(TaskFailure.class, () -> Args.bool(args("x", "maybe"), "x"));
        assertTrue(e.getMessage().contains("'x'") && e.getMessage().contains("maybe"));
    }

    @Test
    void listsFromYamlListsOrCommaText() {
        assertEquals(List.of("a", "b"), Args.list(args("x", "a, b"), "x"));
        assertEquals(List.of("a b", "c"), Args.list(args("x", List.of("a b", "c", "")), "x"));
        assertEquals(List.of(), Args.list(args(), "x"));
    }

    @Test
    void numbersAndChoices() throws Exception {
        assertEquals(5, Args.integer(args("x", "5"), "x"));
        assertEquals(1.5, Args.seconds(args("x", "1.5"), "x", 0));
        assertThrows(TaskFailure.class, () -> Args.integer(args("x", "five"), "x"));
        assertEquals("absent", Args.choice(args("s", "ABSENT"), "s", "present", "present", "absent"));
        assertThrows(TaskFailure.class, () -> Args.choice(args("s", "gone"), "s", "present", "present", "absent"));
    }
}
