package io.pgha.ops.push;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RestartOrderTest {
    static Map<String, List<SettingChange>> both(SettingChange... c) {
        Map<String, List<SettingChange>> m = new LinkedHashMap<>();
        m.put("db06", List.of(c));
        m.put("db07", List.of(c));
        return m;
    }

    @Test
    void reloadOnlyChangesRestartNothing() {
        PushPlan p = RestartOrder.plan(both(new SettingChange("work_mem", "4MB", "8MB", "user")), "db06");
        assertFalse(p.restarts());
    }

    @Test
    void raisingAStandbyMinimumRestartsTheStandbysFirst() {
        PushPlan p = RestartOrder.plan(both(new SettingChange("max_connections", "1024", "1100", "postmaster")), "db06");
        assertEquals(List.of("db07"), p.restartFirst());
        assertEquals(List.of("db06"), p.restartThen());
    }

    @Test
    void loweringOneRestartsThePrimaryFirst() {
        PushPlan p = RestartOrder.plan(both(new SettingChange("shared_buffers", "128MB", "256MB", "postmaster"),
                new SettingChange("max_wal_senders", "50", "20", "postmaster")), "db06");
        assertEquals(List.of("db06"), p.restartFirst());
        assertEquals(List.of("db07"), p.restartThen());
    }

    @Test
    void onlyNodesWithARestartSettingRestart() {
        Map<String, List<SettingChange>> m = new LinkedHashMap<>();
        m.put("db06", List.of(new SettingChange("work_mem", "4MB", "8MB", "user")));
        m.put("db07", List.of(new SettingChange("shared_buffers", "128MB", "256MB", "postmaster")));
        PushPlan p = RestartOrder.plan(m, "db06");
        assertEquals(List.of("db07"), p.restartFirst());
        assertEquals(List.of(), p.restartThen());
    }

    @Test
    void anUnsetValueIsNotTakenAsLowered() {
        assertFalse(RestartOrder.lowersAMinimum(new SettingChange("max_connections", null, "50", "postmaster")));
        assertFalse(RestartOrder.lowersAMinimum(new SettingChange("max_connections", "100", null, "postmaster")));
        assertFalse(RestartOrder.lowersAMinimum(new SettingChange("shared_buffers", "256MB", "128MB", "postmaster")));
    }

    @Test
    void aSwitchoverStandsInForThePrimarysRestartAfterTheStandbysRestart() {
        PushPlan p = RestartOrder.plan(both(new SettingChange("shared_buffers", "128MB", "256MB", "postmaster")), "db06")
                .viaSwitchover("db06");
        assertEquals(List.of("db07"), p.restartFirst());
        assertEquals(List.of(), p.restartThen());
        assertEquals("db06", p.handOverFrom());
        assertTrue(p.restarts());
        assertFalse(p.restartsInPlace("db06"));
        assertNull(RestartOrder.whyNotBySwitchover(p));
    }

    @Test
    void aLoweredStandbyMinimumCannotGoThroughASwitchover() {
        PushPlan p = RestartOrder.plan(both(new SettingChange("max_connections", "1100", "1024", "postmaster")), "db06");
        String why = RestartOrder.whyNotBySwitchover(p);
        assertTrue(why.startsWith("max_connections 1100 -> 1024 on db06, max_connections 1100 -> 1024 on db07: a hot standby"
                + " cannot run with less than its primary"), why);
        assertTrue(why.contains("push without --primary-update switchover"), why);
    }
}
