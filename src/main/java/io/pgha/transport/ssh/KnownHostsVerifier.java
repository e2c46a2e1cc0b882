package io.pgha.transport.ssh;

import io.pgha.transport.HostKeyException;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks one host's key against an OpenSSH known_hosts file (plain, hashed |1| and [host]:port
 * entries, @revoked markers). Known and equal: trusted. Unknown: refused, or appended when
 * accept-new is on. Known but different (a CHANGED key): always refused.
 */
public final class KnownHostsVerifier {
    private static final Object APPEND_LOCK = new Object();

    private final String hostName;
    private final String address;
    private final int port;
    private final Path file;
    private final boolean acceptNew;
    private List<KnownKey> entries;

    /** One known_hosts line that names this host. key is null for a key type this client cannot read. */
    private record KnownKey(int line, String marker, String keyType, PublicKey key) {}

    public KnownHostsVerifier(String hostName, String address, int port, Path file, boolean acceptNew) {
        this.hostName = hostName;
        this.address = address;
        this.port = port;
        this.file = file != null ? file : Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
        this.acceptNew = acceptNew;
    }

    /** Returns when the key is trusted (after appending it, if new and accepted); throws otherwise. */
    public synchronized void verify(PublicKey presented) throws HostKeyException {
        List<KnownKey> known = entries();
        String where = hostName + " (" + address + ":" + port + ")";
        for (KnownKey k : known) {
            if ("revoked".equals(k.marker()) && k.key() != null && KeyUtils.compareKeys(k.key(), presented)) {
                throw new HostKeyException(where + ": host key " + KeyUtils.getFingerPrint(presented) + " is marked @revoked in "
                        + file + ":" + k.line() + ". Refusing to connect.");
            }
        }
        List<KnownKey> plain = known.stream().filter(k -> k.marker() == null).toList();
        for (KnownKey k : plain) {
            if (k.key() != null && KeyUtils.compareKeys(k.key(), presented)) return;
        }
        if (!plain.isEmpty()) {
            // Prefer the line of the same key type in the message: that is the key that changed.
            String type = KeyUtils.getKeyType(presented);
            KnownKey old = plain.stream().filter(k -> sameType(k.keyType(), type)).findFirst().orElse(plain.get(0));
            String oldPrint = old.key() == null ? old.keyType() + " key" : KeyUtils.getFingerPrint(old.key());
            throw new HostKeyException("REMOTE HOST KEY CHANGED for " + where + ": known_hosts has " + oldPrint
                    + " (" + file + ":" + old.line() + "), the host presented " + KeyUtils.getFingerPrint(presented)
                    + ". If the host was rebuilt, remove the old key: ssh-keygen -R " + hostPattern(address, port)
                    + " -f " + file);
        }
        if (!acceptNew) {
            throw new HostKeyException(where + ": host key " + KeyUtils.getFingerPrint(presented) + " ("
                    + KeyUtils.getKeyType(presented) + ") is not in " + file + ". Check it, then rerun with"
                    + " --accept-new-host-keys (or add it: ssh-keyscan -p " + port + " " + address + " >> " + file + ")");
        }
        append(presented);
    }

    /** Key types known_hosts holds for this host (ssh-ed25519, ssh-rsa, ...): ask the server for these first. */
    public synchronized Set<String> knownKeyTypes() {
        Set<String> types = new LinkedHashSet<>();
        try {
            for (KnownKey k : entries()) if (k.marker() == null) types.add(KeyUtils.getCanonicalKeyType(k.keyType()));
        } catch (HostKeyException e) {
            // Unreadable file: verify() reports it.
        }
        return types;
    }

    /** "addr" for port 22, "[addr]:port" otherwise: the host field OpenSSH writes and ssh-keygen -R expects. */
    static String hostPattern(String address, int port) {
        return port == 22 ? address : "[" + address + "]:" + port;
    }

    private List<KnownKey> entries() throws HostKeyException {
        if (entries != null) return entries;
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            lines = List.of();
        } catch (IOException e) {
            throw new HostKeyException(hostName + ": cannot read known_hosts " + file + ": " + e.getMessage());
        }
        List<KnownKey> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) continue;
            KnownHostEntry e;
            try {
                e = KnownHostEntry.parseKnownHostEntry(line);
            } catch (RuntimeException bad) {
                continue; // OpenSSH skips malformed lines too
            }
            if (e == null || e.getKeyEntry() == null) continue;
            if ("cert-authority".equals(e.getMarker())) continue; // host certificates are not used here
            if (!e.isHostMatch(address, port)) continue;
            out.add(new KnownKey(i + 1, e.getMarker(), e.getKeyEntry().getKeyType(), resolve(e.getKeyEntry())));
        }
        entries = out;
        return out;
    }

    private static PublicKey resolve(AuthorizedKeyEntry entry) {
        try {
            return entry.resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.IGNORING);
        } catch (IOException | java.security.GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    private static boolean sameType(String a, String b) {
        return KeyUtils.getCanonicalKeyType(a).equals(KeyUtils.getCanonicalKeyType(b));
    }

    private void append(PublicKey key) throws HostKeyException {
        String line = hostPattern(address, port) + " " + PublicKeyEntry.toString(key) + "\n";
        synchronized (APPEND_LOCK) {
            try {
                if (file.getParent() != null) Files.createDirectories(file.getParent());
                boolean needsNewline = Files.exists(file) && Files.size(file) > 0 && !endsWithNewline(file);
                Files.writeString(file, (needsNewline ? "\n" : "") + line, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new HostKeyException(hostName + ": cannot add the host key to " + file + ": " + e.getMessage());
            }
        }
        entries = null; // re-read next time
    }

    private static boolean endsWithNewline(Path f) throws IOException {
        try (var ch = Files.newByteChannel(f)) {
            ch.position(ch.size() - 1);
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
            ch.read(b);
            return b.get(0) == '\n';
        }
    }
}
