package io.pgha.modules.system;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SysctlFileTest {
    @Test
    void appendsToEmptyOrMissingFile() {
        assertEquals("vm.swappiness = 10\n", SysctlFile.apply("", "vm.swappiness", "10"));
        assertEquals("# x\nvm.swappiness = 10\n", SysctlFile.apply("# x", "vm.swappiness", "10"));
    }

    @Test
    void replacesTheFirstLineAndDropsDuplicates() {
        String before = "# tuning\nvm.swappiness=60\nnet.ipv4.ip_forward = 1\nvm/swappiness = 30\n";
        assertEquals("# tuning\nvm.swappiness = 10\nnet.ipv4.ip_forward = 1\n", SysctlFile.apply(before, "vm.swappiness", "10"));
    }

    @Test
    void sameValueKeepsTheUsersLineSoNothingChanges() {
        String before = "net.ipv4.ip_local_port_range=32768\t60999\n";
        assertEquals(before, SysctlFile.apply(before, "net.ipv4.ip_local_port_range", "32768 60999"));
        assertTrue(SysctlFile.sameValue("32768\t60999", "32768 60999"));
        assertFalse(SysctlFile.sameValue("1", "0"));
    }

    @Test
    void removesTheKey() {
        assertEquals("a = 1\n", SysctlFile.apply("a = 1\nvm.swappiness = 10\n", "vm.swappiness", null));
        assertEquals("", SysctlFile.apply("vm.swappiness = 10\n", "vm.swappiness", null));
        assertEquals("# vm.swappiness = 1\n", SysctlFile.apply("# vm.swappiness = 1\n", "vm.swappiness", null));
    }

    @Test
    void readsValuesAndBooleans() {
        assertEquals("2", SysctlFile.valueIn("x=1\n-x = 2\n", "x"));
        assertNull(SysctlFile.valueIn("y=1\n", "x"));
        assertEquals("1", SysctlModule.value(true));
        assertEquals("32768 60999", SysctlModule.value("32768   60999"));
    }
}
