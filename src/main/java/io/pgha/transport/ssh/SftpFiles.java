package io.pgha.transport.ssh;

import io.pgha.transport.TransportException;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHPosixRenameExtension;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

import java.io.IOException;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.locks.ReentrantLock;

/**
 * File transfer over one SFTP channel per connection, opened on first use and reused. Calls are
 * serialized (one file at a time per host is plenty; tasks on one host run in order anyway).
 * Uploads are atomic: write a temporary file next to the target with its final mode, then rename over.
 */
final class SftpFiles {
    private static final int CHUNK = 64 * 1024;

    private final String host;
    private final String user;
    private final SshConnection.SessionOpener sessions;
    private final Random random;
    private final ReentrantLock lock = new ReentrantLock();
    private SftpClient sftp; // guarded by lock

    SftpFiles(String host, String user, SshConnection.SessionOpener sessions, Random random) {
        this.host = host;
        this.user = user;
        this.sessions = sessions;
        this.random = random;
    }

    void upload(byte[] content, String remotePath, int mode) throws TransportException {
        int slash = remotePath.lastIndexOf('/');
        String name = remotePath.substring(slash + 1);
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw new TransportException(host + ": cannot upload to '" + remotePath + "': not a file path");
        }
        String dir = slash < 0 ? "." : remotePath.substring(0, slash);
        String tmp = dir + "/." + name + ".pgha-" + HexFormat.of().toHexDigits(random.nextLong());
        lock.lock();
        try {
            SftpClient s = sftp();
            try {
                // Mode set on the empty file before any content is written: a secret is never readable by others.
                try (SftpClient.CloseableHandle h = s.open(tmp, EnumSet.of(SftpClient.OpenMode.Write,
                        SftpClient.OpenMode.Create, SftpClient.OpenMode.Exclusive))) {
                    s.setStat(h, new SftpClient.Attributes().perms(mode & 07777));
                    for (int off = 0; off < content.length; off += CHUNK) {
                        s.write(h, off, content, off, Math.min(CHUNK, content.length - off));
                    }
                }
                rename(s, tmp, remotePath);
            } catch (IOException e) {
                try {
                    s.remove(tmp);
                } catch (IOException ignored) {
                    // it may never have been created
                }
                throw failure("upload to " + remotePath, dir, e);
            }
        } finally {
            lock.unlock();
        }
    }

    private static void rename(SftpClient s, String from, String to) throws IOException {
        OpenSSHPosixRenameExtension posix = s.getExtension(OpenSSHPosixRenameExtension.class);
        if (posix != null && posix.isSupported()) {
            posix.posixRename(from, to); // rename(2): atomic replace
            return;
        }
        // Plain SFTPv3 rename refuses to overwrite: remove first (a short window without the file).
        try {
            s.remove(to);
        } catch (SftpException e) {
            if (e.getStatus() != SftpConstants.SSH_FX_NO_SUCH_FILE) throw e;
        }
        s.rename(from, to);
    }

    byte[] download(String remotePath) throws TransportException {
        lock.lock();
        try (InputStream in = sftp().read(remotePath)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw failure("download of " + remotePath, null, e);
        } finally {
            lock.unlock();
        }
    }

    private SftpClient sftp() throws TransportException {
        if (sftp != null && sftp.isOpen() && !sftp.isClosing()) return sftp;
        closeClient();
        try {
            sftp = SftpClientFactory.instance().createSftpClient(sessions.open());
            return sftp;
        } catch (IOException e) {
            throw new TransportException(host + ": cannot start SFTP (is the sftp subsystem enabled in sshd_config?): "
                    + e.getMessage(), e);
        }
    }

    private TransportException failure(String what, String dir, IOException e) {
        String why = e.getMessage();
        if (e instanceof SftpException se) {
            why = switch (se.getStatus()) {
                case SftpConstants.SSH_FX_NO_SUCH_FILE -> dir == null ? "no such file" : "no such file or directory (does " + dir + " exist?)";
                case SftpConstants.SSH_FX_PERMISSION_DENIED -> "permission denied for the login user '" + user + "'"
                        + (dir == null ? "" : " (upload to a directory it can write, then move the file with become)");
                default -> se.getMessage();
            };
        }
        return new TransportException(host + ": " + what + " failed: " + why, e);
    }

    void close() {
        lock.lock();
        try {
            closeClient();
        } finally {
            lock.unlock();
        }
    }

    private void closeClient() {
        if (sftp != null) {
            try {
                sftp.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            sftp = null;
        }
    }
}
