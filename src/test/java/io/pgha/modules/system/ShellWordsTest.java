package io.pgha.modules.system;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ShellWordsTest {
    @Test
    void splitsOnWhitespaceAndKeepsQuotedText() throws Exception {
        assertEquals(List.of("echo", "a b", "c"), ShellWords.split("echo 'a b'   c"));
        assertEquals(List.of("echo", "say \"hi\" $HOME"), ShellWords.split("echo \"say \\\"hi\\\" $HOME\""));
        assertEquals(List.of("a b", "c'd"), ShellWords.split("a\\ b c\\'d"));
        assertEquals(List.of("x", ""), ShellWords.split("x ''"));
        assertEquals(List.of("ab", "c"), ShellWords.split("a'b' c\n"));
    }

    @Test
    void shellOperatorsArePlainWords() throws Exception {
        assertEquals(List.of("echo", "a", "|", "wc", ";", "rm", ">x"), ShellWords.split("echo a | wc ; rm >x"));
    }

    @Test
    void unterminatedQuotesAreReported() {
        assertThrows(TaskFailure.class, () -> ShellWords.split("echo 'oops"));
        assertThrows(TaskFailure.class, () -> ShellWords.split("echo \"oops"));
    }
}
