package io.pgha.transport.ssh;

import io.pgha.transport.HostKeyException;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KnownHostsVerifierTest {
    // Made with ssh-keygen; K1_HASHED_* are `ssh-keygen -H` of "10.0.0.5 K1" and "[10.0.0.6]:2222 K1".
    static final String K1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICbgK/2PzNmUe33Jq0q+C3gHHFSRPJMkG9Aoq+mJjv5a";
    static final String K1_PRINT = "SHA256:w6BWGiSsGc+60gSI9f2wpPpDCRKYC39Qp2K7Moti50U";
    static final String K2 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEdWOYgtAZqO5sOL/yMW9ZFn7i5ZY0MwMCwla1ZJ5NLE";
    static final String K2_PRINT = "SHA256:4BfKCJkO5auYQ/qYS6zmwhmRAJXGc+dcp51Z4Dy2YOg";
    static final String K3_ECDSA = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBMtOfUvKWKkUv8P4Ry1lmzyVrPtgvr3wWNlKW6fJ7fj6QCKsqgRi6B0Yh4ECQVMqhxuSDf7HQo2/q3xvWaptDFQ=";
    static final String K1_HASHED_22 = "|1|qqdTeAt6synYkWlAchsDF9/FQIE=|512cWgUqSDY8lM92x503DZEPY2k= " + K1;
    static final String K1_HASHED_2222 = "|1|+t9gkUBoCIq0OkIzypXGix6nm0w=|uoaIA5FLq2mGOL2r43vXt99JXhE= " + K1;

    @TempDir
    Path dir;

    static PublicKey key(String entry) throws Exception {
        return PublicKeyEntry.parsePublicKeyEntry(entry).resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.FAILING);
    }

    Path knownHosts(String... lines) throws Exception {
        Path f = dir.resolve("known_hosts");
        Files.writeString(f, String.join("\n", lines) + "\n");
        return f;
    }

    KnownHostsVerifier verifier(Path file, String address, int port, boolean acceptNew) {
        return new KnownHostsVerifier("db06", address, port, file, acceptNew);
    }

    @Test
    void plainEntryMatchesOnPort22() throws Exception {
        Path f = knownHosts("# comment", "10.0.0.9 " + K2, "10.0.0.5 " + K1);
        assertDoesNotThrow(() -> verifier(f, "10.0.0.5", 22, false).verify(key(K1)));
    }

    @Test
    void commaSeparatedNamesAndPatternsMatch() throws Exception {
        Path f = knownHosts("db06,10.0.0.5 " + K1, "10.0.1.* " + K2);
        assertDoesNotThrow(() -> verifier(f, "10.0.0.5", 22, false).verify(key(K1)));
        assertDoesNotThrow(() -> verifier(f, "10.0.1.7", 22, false).verify(key(K2)));
    }

    @Test
    void hashedEntryMatches() throws Exception {
        Path f = knownHosts(K1_HASHED_22);
        assertDoesNotThrow(() -> verifier(f, "10.0.0.5", 22, false).verify(key(K1)));
        // The same hash does not stand for another address.
        HostKeyException e = assertThrows(HostKeyException.class, () -> verifier(f, "10.0.0.50", 22, false).verify(key(K1)));
        assertTrue(e.getMessage().contains("is not in"), e.getMessage());
    }

    @Test
    void bracketedPortEntryMatchesOnlyThatPort() throws Exception {
        Path f = knownHosts("[10.0.0.6]:2222 " + K1);
        assertDoesNotThrow(() -> verifier(f, "10.0.0.6", 2222, false).verify(key(K1)));
        assertThrows(HostKeyException.class, () -> verifier(f, "10.0.0.6", 22, false).verify(key(K1)));
        // and a plain entry (port 22) does not vouch for another port
        Path g = knownHosts("10.0.0.6 " + K1);
        assertThrows(HostKeyException.class, () -> verifier(g, "10.0.0.6", 2222, false).verify(key(K1)));
    }

    @Test
    void hashedBracketedPortEntryMatches() throws Exception {
        Path f = knownHosts(K1_HASHED_2222);
        assertDoesNotThrow(() -> verifier(f, "10.0.0.6", 2222, false).verify(key(K1)));
        assertThrows(HostKeyException.class, () -> verifier(f, "10.0.0.6", 22, false).verify(key(K1)));
    }

    @Test
    void unknownKeyRefusedWithAdvice() throws Exception {
        Path f = knownHosts("10.0.0.9 " + K1);
        HostKeyException e = assertThrows(HostKeyException.class, () -> verifier(f, "10.0.0.5", 22, false).verify(key(K1)));
        assertEquals("db06 (10.0.0.5:22): host key " + K1_PRINT + " (ssh-ed25519) is not in " + f + ". Check it, then rerun"
                + " with --accept-new-host-keys (or add it: ssh-keyscan -p 22 10.0.0.5 >> " + f + ")", e.getMessage());
    }

    @Test
    void unknownKeyAcceptedIsAppendedAndTrustedAfterwards() throws Exception {
        Path f = dir.resolve("sub/known_hosts"); // missing file and folder: created
        verifier(f, "10.0.0.7", 2200, true).verify(key(K2));
        assertEquals("[10.0.0.7]:2200 " + K2 + "\n", Files.readString(f));
        assertDoesNotThrow(() -> verifier(f, "10.0.0.7", 2200, false).verify(key(K2)));
    }

    @Test
    void appendAddsMissingNewline() throws Exception {
        Path f = dir.resolve("known_hosts");
        Files.writeString(f, "10.0.0.9 " + K1); // no trailing newline
        verifier(f, "10.0.0.5", 22, true).verify(key(K2));
        assertEquals("10.0.0.9 " + K1 + "\n10.0.0.5 " + K2 + "\n", Files.readString(f));
    }

    @Test
    void changedKeyRefusedEvenWithAcceptNew() throws Exception {
        Path f = knownHosts("10.0.0.9 " + K2, K1_HASHED_22);
        String before = Files.readString(f);
        HostKeyException e = assertThrows(HostKeyException.class, () -> verifier(f, "10.0.0.5", 22, true).verify(key(K2)));
        assertEquals("REMOTE HOST KEY CHANGED for db06 (10.0.0.5:22): known_hosts has " + K1_PRINT + " (" + f + ":2),"
                + " the host presented " + K2_PRINT + ". If the host was rebuilt, remove the old key: ssh-keygen -R 10.0.0.5 -f "
                + f, e.getMessage());
        assertEquals(before, Files.readString(f), "nothing appended");
    }

    @Test
    void changedKeyOnOtherPortNamesBracketedHostForRemoval() throws Exception {
        Path f = knownHosts("[10.0.0.6]:2222 " + K1);
        HostKeyException e = assertThrows(HostKeyException.class, () -> verifier(f, "10.0.0.6", 2222, true).verify(key(K2)));
        assertTrue(e.getMessage().contains("ssh-keygen -R [10.0.0.6]:2222 -f " + f), e.getMessage());
    }

    @Test
    void keyOfAnotherTypeThanTheKnownOneIsTreatedAsChanged() throws Exception {
        Path f = knownHosts("10.0.0.5 " + K1);
        HostKeyException e = assertThrows(HostKeyException.class, () -> verifier(f, "10.0.0.5", 22, true).verify(key(K3_ECDSA)));
        assertTrue(e.getMessage().startsWith("REMOTE HOST KEY CHANGED"), e.getMessage());
    }

    @Test
    void revokedKeyRefused() throws Exception {
        Path f = knownHosts("@revoked * " + K1, "10.0.0.5 " + K1);
        HostKeyException e = assertThrows(HostKeyException.class, () -> verifier(f, "10.0.0.5", 22, true).verify(key(K1)));
        assertTrue(e.getMessage().contains("@revoked"), e.getMessage());
    }

    @Test
    void malformedLinesAreSkipped() throws Exception {
        Path f = knownHosts("garbage", "10.0.0.5 ssh-ed25519 !!!notbase64", "10.0.0.5 " + K1);
        assertDoesNotThrow(() -> verifier(f, "10.0.0.5", 22, false).verify(key(K1)));
    }

    @Test
    void knownKeyTypesListsThisHostsTypesOnly() throws Exception {
        Path f = knownHosts("10.0.0.5 " + K3_ECDSA, K1_HASHED_22, "10.0.0.9 ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQC7");
        assertEquals(Set.of("ecdsa-sha2-nistp256", "ssh-ed25519"), verifier(f, "10.0.0.5", 22, false).knownKeyTypes());
        assertFalse(verifier(f, "10.0.0.77", 22, false).knownKeyTypes().iterator().hasNext());
    }
}
