package io.pgha.ops.drill;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class PacketFilterTest {
    @Test
    void aPartitionDropsThePeerAndVrrpInItsOwnChainAndHealsByATimerFirst() {
        String s = PacketFilter.partition("10.0.0.7", 90);
        int timer = s.indexOf("systemd-run --quiet --unit pgha-drill-heal --on-active=90");
        int firstRule = s.indexOf("iptables -N PGHA_DRILL");
        assertTrue(timer > 0 && timer < firstRule, "the node's own heal timer is set before any rule: " + s);
        assertTrue(s.contains("iptables -A PGHA_DRILL -s '10.0.0.7' -j DROP && iptables -A PGHA_DRILL -d '10.0.0.7' -j DROP"
                + " && iptables -A PGHA_DRILL -p 112 -j DROP && iptables -I INPUT -j PGHA_DRILL && iptables -I OUTPUT -j PGHA_DRILL"), s);
    }

    @Test
    void isolationKeepsSshSoTheDrillCanHealIt() {
        String s = PacketFilter.isolate(60);
        assertTrue(s.indexOf("--dport 22 -j RETURN") < s.indexOf("-A PGHA_DRILL -j DROP"), s);
    }

    @Test
    void healingRemovesOnlyTheDrillsChainAndSucceedsWithoutOne() {
        String s = PacketFilter.heal();
        assertTrue(s.contains("iptables -D INPUT -j PGHA_DRILL") && s.contains("iptables -X PGHA_DRILL") && s.endsWith("true"), s);
    }
}
