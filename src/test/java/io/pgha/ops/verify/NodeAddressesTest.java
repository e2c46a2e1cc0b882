package io.pgha.ops.verify;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeAddressesTest {
    @Test
    void theVipIsFoundWithAnyPrefixButNotAsAPrefixOfAnotherAddress() {
        String ip = "2: eth0    inet 172.30.107.156/24 brd 172.30.107.255 scope global eth0\\       valid_lft forever\n"
                + "2: eth0    inet 172.30.107.159/24 scope global secondary eth0:vip\\       valid_lft forever\n";
        assertTrue(NodeAddresses.holds(ip, "172.30.107.159"));
        assertFalse(NodeAddresses.holds(ip, "172.30.107.15"));
        assertFalse(NodeAddresses.holds(ip, "172.30.107.1"));
    }
}
