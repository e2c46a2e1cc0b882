package io.pgha.cli;

import io.pgha.ops.push.PushPlan;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PushReportsTest {
    @Test
    void theRestartLineSaysTheOrder() {
        assertEquals("no restart: every change takes a reload", PushReports.restarts(new PushPlan(Map.of(), List.of(), List.of())));
        assertEquals("restart: db07, then db06", PushReports.restarts(new PushPlan(Map.of(), List.of("db07"), List.of("db06"))));
        assertEquals("restart: db06", PushReports.restarts(new PushPlan(Map.of(), List.of(), List.of("db06"))));
        assertEquals("restart: db07", PushReports.restarts(new PushPlan(Map.of(), List.of("db07"), List.of())));
        assertEquals("restart: db07, then a switchover instead of db06's restart (it hands over to its standby and restarts"
                + " as that standby's standby)", PushReports.restarts(new PushPlan(Map.of(), List.of("db07"), List.of(), "db06")));
        assertEquals("a switchover instead of db06's restart (it hands over to its standby and restarts as that standby's standby)",
                PushReports.restarts(new PushPlan(Map.of(), List.of(), List.of(), "db06")));
    }
}
