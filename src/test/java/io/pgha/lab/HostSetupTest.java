package io.pgha.lab;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostSetupTest {
    @Test
    void aReadyMachineIsLeftAloneAndOnlyRootOnDebianIsSetUp() {
        assertEquals(HostSetup.Decision.READY, HostSetup.decide(null, false, false));
        assertEquals(HostSetup.Decision.RUN_SETUP, HostSetup.decide("no Docker engine answers", true, true));
        assertEquals(HostSetup.Decision.REFUSE, HostSetup.decide("no Docker engine answers", false, true));
        assertEquals(HostSetup.Decision.REFUSE, HostSetup.decide("no Docker engine answers", true, false));
    }

    @Test
    void theRefusalSaysWhatIsMissingAndWhatToRun() {
        String notRoot = HostSetup.refusal("no Docker engine answers at unix:///var/run/docker.sock", false);
        assertTrue(notRoot.startsWith("no Docker engine answers at unix:///var/run/docker.sock. Run it as root (sudo ./pgha lab up)"
                + " on Debian and it sets this machine up (docker.io, iptables and debootstrap from Debian"), notRoot);
        String notDebian = HostSetup.refusal("the base image debian:bookworm is missing", true);
        assertTrue(notDebian.contains("pgha sets up Debian machines only"), notDebian);
    }

    @Test
    void theJarCarriesTheSameScriptTheTestsRun() throws IOException {
        try (InputStream in = HostSetup.class.getResourceAsStream("/lab/" + HostSetup.SCRIPT)) {
            assertNotNull(in, "lab-host-setup.sh is not in the jar");
            assertEquals(Files.readString(Path.of("scripts", HostSetup.SCRIPT)), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
