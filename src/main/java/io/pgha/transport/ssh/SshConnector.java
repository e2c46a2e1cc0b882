package io.pgha.transport.ssh;

import io.pgha.transport.Connection;
import io.pgha.transport.ConnectionSpec;
import io.pgha.transport.Connector;
import io.pgha.transport.HostKeyException;
import io.pgha.transport.TransportException;
import io.pgha.transport.UnreachableException;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.password.PasswordIdentityProvider;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.core.CoreModuleProperties;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The SSH transport: ONE MINA SshClient for the whole run, shared by all hosts; connect() gives each
 * host one authenticated session that lives until the connection is closed. Host keys are checked
 * against the spec's known_hosts (KnownHostsVerifier); nothing is read from ~/.ssh (config, keys).
 */
public final class SshConnector implements Connector {
    static final Duration HEARTBEAT = Duration.ofSeconds(15);
    private static final AttributeRepository.AttributeKey<HostKeyCheck> CHECK = new AttributeRepository.AttributeKey<>();

    private SshClient client;

    /** Per-connect state the shared client's hooks reach through the session's connection context. */
    private static final class HostKeyCheck {
        final KnownHostsVerifier verifier;
        volatile HostKeyException refusal;

        HostKeyCheck(KnownHostsVerifier verifier) { this.verifier = verifier; }
    }

    private synchronized SshClient client() {
        if (client == null) {
            SshClient c = SshClient.setUpDefaultClient();
            // Only what the inventory says: no ~/.ssh/config, no default identities.
            c.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
            c.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
            c.setPasswordIdentityProvider(PasswordIdentityProvider.EMPTY_PASSWORDS_PROVIDER);
            c.setServerKeyVerifier(SshConnector::verifyServerKey);
            c.addSessionListener(new PreferKnownHostKeyTypes());
            // Plain host keys only: known_hosts @cert-authority lines are not supported, so never ask for a certificate.
            c.setSignatureFactories(c.getSignatureFactories().stream()
                    .filter(f -> !f.getName().contains("-cert-")).toList());
            CoreModuleProperties.HEARTBEAT_INTERVAL.set(c, HEARTBEAT); // keeps idle NAT/firewall state alive
            CoreModuleProperties.TCP_NODELAY.set(c, true);             // small packets: no Nagle delay per command
            CoreModuleProperties.IDLE_TIMEOUT.set(c, Duration.ZERO);   // a run may sit idle during long local work
            c.start();
            client = c;
        }
        return client;
    }

    @Override
    public Connection connect(ConnectionSpec spec) throws TransportException {
        return connect(spec, becomeShellsWanted());
    }

    /** As connect(spec), choosing whether become commands may share a long-lived sudo shell (BecomeShell). */
    SshConnection connect(ConnectionSpec spec, boolean becomeShells) throws TransportException {
        List<KeyPair> keys = PrivateKeys.load(spec);
        if (keys.isEmpty() && spec.password() == null) {
            throw new UnreachableException(spec.hostName() + ": no SSH credentials: set ansible_ssh_private_key_file"
                    + " (or a password through ansible_password_env/_file)");
        }
        return new SshConnection(spec, () -> openSession(spec, keys), becomeShells);
    }

    /**
     * PGHA_BECOME_SHELL=off runs every become command through its own sudo (one sudo log line per
     * command, as auditors may require) instead of one long-lived sudo shell per user.
     */
    static boolean becomeShellsWanted() {
        return !"off".equalsIgnoreCase(System.getenv().getOrDefault("PGHA_BECOME_SHELL", "on").strip());
    }

    /** Connects and authenticates, within spec.connectTimeout() in total. Also used to reconnect. */
    ClientSession openSession(ConnectionSpec spec, List<KeyPair> keys) throws TransportException {
        Duration limit = spec.connectTimeout() == null ? Duration.ofSeconds(30) : spec.connectTimeout();
        long deadline = System.nanoTime() + limit.toNanos();
        HostKeyCheck check = new HostKeyCheck(new KnownHostsVerifier(spec.hostName(), spec.address(), spec.port(),
                spec.knownHosts(), spec.acceptNewHostKeys()));
        String where = spec.hostName() + " (" + spec.address() + ":" + spec.port() + ")";
        ClientSession session = null;
        try {
            ConnectFuture cf = client().connect(spec.user(), spec.address(), spec.port(),
                    AttributeRepository.ofKeyValuePair(CHECK, check));
            session = cf.verify(remaining(deadline)).getSession();
            for (KeyPair k : keys) session.addPublicKeyIdentity(k);
            if (spec.password() != null) session.addPasswordIdentity(spec.password());
            session.auth().verify(remaining(deadline));
            return session;
        } catch (IOException | RuntimeException e) {
            closeQuietly(session);
            if (check.refusal != null) throw check.refusal;
            throw explain(spec, where, limit, e);
        }
    }

    static UnreachableException explain(ConnectionSpec spec, String where, Duration limit, Exception e) {
        Throwable root = rootCause(e);
        String msg = String.valueOf(e.getMessage()) + " " + root.getMessage();
        if (root instanceof ConnectException && String.valueOf(root.getMessage()).toLowerCase().contains("refused")) {
            return new UnreachableException(where + ": connection refused. Check ansible_host/ansible_port and that sshd"
                    + " runs there.", e);
        }
        if (root instanceof UnknownHostException || root instanceof java.nio.channels.UnresolvedAddressException) {
            return new UnreachableException(where + ": unknown host name '" + spec.address() + "'. Check ansible_host.", e);
        }
        if (root instanceof NoRouteToHostException) {
            return new UnreachableException(where + ": no route to host. Check ansible_host and the network.", e);
        }
        if (root instanceof SocketTimeoutException || msg.toLowerCase().contains("timeout")
                || msg.toLowerCase().contains("timed out")) {
            return new UnreachableException(where + ": no SSH answer within " + limit.toSeconds() + " s. Check"
                    + " ansible_host/ansible_port, that the host is up and that no firewall drops port " + spec.port() + ".", e);
        }
        if (msg.contains("No more authentication methods") || msg.toLowerCase().contains("auth")) {
            String with = (spec.privateKey() != null ? "key " + spec.privateKey() : "")
                    + (spec.privateKey() != null && spec.password() != null ? " and " : "")
                    + (spec.password() != null ? "a password" : "");
            return new UnreachableException(where + ": authentication as '" + spec.user() + "' with " + with
                    + " failed. Check ansible_user / ansible_ssh_private_key_file (its public key must be in ~"
                    + spec.user() + "/.ssh/authorized_keys on the host).", e);
        }
        String detail = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return new UnreachableException(where + ": SSH connection failed: " + detail
                + ". Check ansible_host/ansible_port and that sshd runs there.", e);
    }

    private static boolean verifyServerKey(ClientSession session, java.net.SocketAddress remote, java.security.PublicKey key) {
        HostKeyCheck check = checkOf(session);
        if (check == null) return false; // not a session of ours: trust nothing
        try {
            check.verifier.verify(key);
            return true;
        } catch (HostKeyException e) {
            check.refusal = e;
            return false;
        }
    }

    private static HostKeyCheck checkOf(Session session) {
        if (!(session instanceof ClientSession cs) || cs.getConnectionContext() == null) return null;
        return cs.getConnectionContext().getAttribute(CHECK);
    }

    /**
     * Before key exchange, moves the host key algorithms known_hosts holds for this host to the front,
     * as OpenSSH does, so a host known by its ed25519 key is not asked for its ECDSA key (which would
     * then look unknown or changed).
     */
    private static final class PreferKnownHostKeyTypes implements SessionListener {
        @Override
        public void sessionCreated(Session session) {
            HostKeyCheck check = checkOf(session);
            if (check == null) return;
            Set<String> known = check.verifier.knownKeyTypes();
            if (known.isEmpty()) return;
            List<NamedFactory<Signature>> sigs = new ArrayList<>(session.getSignatureFactories());
            sigs.sort(Comparator.comparingInt(f -> known.contains(KeyUtils.getCanonicalKeyType(f.getName())) ? 0 : 1));
            session.setSignatureFactories(sigs);
        }
    }

    private static Duration remaining(long deadline) {
        long left = deadline - System.nanoTime();
        return Duration.ofNanos(Math.max(left, Duration.ofMillis(1).toNanos()));
    }

    private static Throwable rootCause(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) r = r.getCause();
        return r;
    }

    private static void closeQuietly(ClientSession s) {
        if (s == null) return;
        try { s.close(true); } catch (RuntimeException ignored) { /* already failing */ }
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            try { client.stop(); } catch (RuntimeException ignored) { /* shutting down */ }
            client = null;
        }
    }
}
