package io.pgha.ops.drill;

import io.pgha.ops.verify.VerifyTarget;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LostWritesTest {
    private static List<VipWriter.Ack> acks(long... ns) {
        return java.util.Arrays.stream(ns).mapToObj(n -> new VipWriter.Ack(n, n * 1000, 2)).toList();
    }

    @Test
    void theAcknowledgedNumbersTheServerLacksAreLostInAcknowledgementOrder() {
        assertEquals(List.of("vip#3", "vip#5"), LostWrites.missing("vip", acks(1, 2, 3, 4, 5), Set.of(1L, 2L, 4L, 6L)));
    }

    @Test
    void nothingIsLostWhenTheServerKeptEveryAcknowledgedRow() {
        // a row written but never acknowledged (7: the connection broke before the answer) is no loss
        assertEquals(List.of(), LostWrites.missing("direct", acks(1, 2), Set.of(1L, 2L, 7L)));
    }

    @Test
    void aWriterIsLabelledByTheLastPartOfItsRunId() {
        assertEquals("direct", new VipWriter(null, (VerifyTarget) null, "0b1c2d3e-aaaa-bbbb-cccc-1234-direct").label());
    }
}
