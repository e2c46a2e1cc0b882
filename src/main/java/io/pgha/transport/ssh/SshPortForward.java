package io.pgha.transport.ssh;

import io.pgha.transport.PortForward;
import org.apache.sshd.client.session.forward.ExplicitPortForwardingTracker;

import java.io.IOException;
import java.util.function.Consumer;

/** A local port on 127.0.0.1 forwarded through the host's SSH session; close() stops listening. */
final class SshPortForward implements PortForward {
    private final ExplicitPortForwardingTracker tracker;
    private final int localPort;
    private final Consumer<SshPortForward> onClose;

    SshPortForward(ExplicitPortForwardingTracker tracker, Consumer<SshPortForward> onClose) {
        this.tracker = tracker;
        this.localPort = tracker.getBoundAddress().getPort();
        this.onClose = onClose;
    }

    @Override
    public int localPort() {
        return localPort;
    }

    @Override
    public void close() {
        try {
            tracker.close();
        } catch (IOException ignored) {
            // the session may already be gone, which stops the forward too
        }
        onClose.accept(this);
    }
}
