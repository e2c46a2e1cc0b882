package io.pgha.ops.render;

import io.pgha.core.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The witness's settings are refused when fencing's ordering or the witness's identity would not hold. */
class WitnessSettingsTest {
    @TempDir Path tmp;
    private int copies;

    private SeedCase seed() { return new SeedCase(tmp.resolve("inv" + copies++)); }

    private List<String> fields(Map<String, Object> extra) {
        return seed().problems(extra).stream().map(InputException::field).toList();
    }

    @Test
    void noWitnessAndAProperWitnessPass() {
        assertEquals(List.of(), fields(Map.of()));
        assertEquals(List.of("pg_witness_password", "pg_witness_password"), fields(Map.of("pg_witness_host", "172.16.107.158")),
                "the seed gives no witness password: the only problem, on each node (as for every missing secret)");
    }

    @Test
    void aLeaseThatCouldExpireBeforeTheCutOffPrimaryFencedIsRefused() {
        List<InputException> p = seed().problems(Map.of("pg_witness_host", "172.16.107.158", "pg_lease_ttl", 4));
        InputException ttl = p.stream().filter(e -> e.field().equals("pg_lease_ttl")).findFirst().orElseThrow();
        assertTrue(ttl.getMessage().contains("must exceed pg_lease_fence_after + 2 x (pg_lease_interval + pg_lease_call_timeout) + 1 = 6.0 s"),
                ttl.getMessage());
    }

    @Test
    void aWitnessOnANodeOrNotAnAddressIsRefused() {
        assertTrue(fields(Map.of("pg_witness_host", "172.16.107.156")).contains("pg_witness_host"), "a node of the cluster");
        assertTrue(fields(Map.of("pg_witness_host", "wit;ness")).contains("pg_witness_host"), "not an address");
        assertTrue(fields(Map.of("pg_witness_host", "172.16.107.158", "pg_lease_interval", "fast")).contains("pg_lease_interval"));
    }
}
