package io.pgha.ops.drill;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FaultTest {
    @Test
    void onlyThePartitionAndTheStandbysLossMayLeaveEveryWriteThroughTheVipAcknowledged() {
        List<Fault> quiet = Arrays.stream(Fault.values()).filter(f -> !f.interruptsWrites()).toList();
        assertEquals(List.of(Fault.PARTITION, Fault.STANDBY_DOWN), quiet);
    }
}
