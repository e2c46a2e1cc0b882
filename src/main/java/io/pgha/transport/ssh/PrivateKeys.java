package io.pgha.transport.ssh;

import io.pgha.transport.ConnectionSpec;
import io.pgha.transport.UnreachableException;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;

/** Reads ansible_ssh_private_key_file (OpenSSH or PEM; ed25519, RSA, ECDSA) once per connection spec. */
final class PrivateKeys {
    private PrivateKeys() {}

    static List<KeyPair> load(ConnectionSpec spec) throws UnreachableException {
        Path file = spec.privateKey();
        if (file == null) return List.of();
        String what = spec.hostName() + ": cannot use the private key " + file + " (ansible_ssh_private_key_file): ";
        try (InputStream in = Files.newInputStream(file)) {
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(file.toString()), in,
                    FilePasswordProvider.EMPTY);
            List<KeyPair> out = new ArrayList<>();
            if (pairs != null) pairs.forEach(out::add);
            if (out.isEmpty()) throw new UnreachableException(what + "no key found in it (expected an OpenSSH or PEM private key)");
            return out;
        } catch (NoSuchFileException e) {
            throw new UnreachableException(what + "no such file");
        } catch (AccessDeniedException e) {
            throw new UnreachableException(what + "permission denied");
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            String m = String.valueOf(e.getMessage());
            if (m.toLowerCase().contains("password") || m.toLowerCase().contains("encrypt") || m.toLowerCase().contains("passphrase")) {
                throw new UnreachableException(what + "it is protected by a passphrase, which pgha does not prompt for;"
                        + " use a key without a passphrase for automation");
            }
            throw new UnreachableException(what + m);
        }
    }
}
