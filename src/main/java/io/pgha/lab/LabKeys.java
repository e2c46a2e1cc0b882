package io.pgha.lab;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;

/** The lab's SSH key pair: made once (ed25519, OpenSSH format, private file 0600), then reused. */
final class LabKeys {
    private LabKeys() {}

    /** Creates the pair unless the private key exists. Returns true when it was created. */
    static boolean ensure(Path privateKey, Path publicKey, String comment) {
        try {
            Files.createDirectories(privateKey.getParent());
            if (Files.exists(privateKey)) {
                if (!Files.exists(publicKey)) {
                    throw new LabException(privateKey + " exists without " + publicKey
                            + ": restore it or delete both to get a new pair");
                }
                return false;
            }
            KeyPair kp = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
            ByteArrayOutputStream priv = new ByteArrayOutputStream();
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(kp, comment, null, priv);
            Path tmp = privateKey.resolveSibling(privateKey.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(tmp, priv.toByteArray());
            try {
                Files.move(tmp, privateKey); // not REPLACE_EXISTING: a concurrent maker's key wins, ours goes
            } catch (FileAlreadyExistsException e) {
                Files.deleteIfExists(tmp);
                return false;
            }
            Files.writeString(publicKey, PublicKeyEntry.toString(kp.getPublic()) + " " + comment + "\n", StandardCharsets.UTF_8);
            return true;
        } catch (IOException | GeneralSecurityException e) {
            throw new LabException("cannot create the lab's SSH key pair in " + privateKey.getParent() + ": " + e.getMessage(), e);
        }
    }

    /** The public key line ("ssh-ed25519 AAAA... comment") to put in authorized_keys. */
    static String publicKeyLine(Path publicKey) {
        try {
            return Files.readString(publicKey, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new LabException("cannot read " + publicKey + ": " + e.getMessage(), e);
        }
    }
}
