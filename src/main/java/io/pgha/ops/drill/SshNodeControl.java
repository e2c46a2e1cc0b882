package io.pgha.ops.drill;

import io.pgha.transport.Connection;
import io.pgha.transport.ExecRequest;
import io.pgha.transport.TransportException;

import java.time.Duration;
import java.util.function.Function;

/**
 * Power and cables of real hosts, over SSH: power off is a crash reboot (sysrq 'b': no shutdown, as a
 * power loss; the host boots by itself), only with --allow-host-down; a cut cable is the drill's packet
 * filter dropping everything but SSH, healed by the drill or by the node's own timer.
 */
final class SshNodeControl implements NodeControl {
    private final Function<String, Connection> sessions;
    private final boolean allowHostDown;
    private final Duration healAfter;

    SshNodeControl(Function<String, Connection> sessions, boolean allowHostDown, Duration healAfter) {
        this.sessions = sessions;
        this.allowHostDown = allowHostDown;
        this.healAfter = healAfter;
    }

    @Override
    public void powerOff(String host) {
        if (!allowHostDown) {
            throw new IllegalStateException("powering " + host + " off is a crash reboot of a real host: give --allow-host-down to mean it");
        }
        // detached and delayed, so the SSH command returns before the kernel reboots
        run(host, "echo 1 > /proc/sys/kernel/sysrq; nohup sh -c 'sleep 1; echo b > /proc/sysrq-trigger' >/dev/null 2>&1 &");
    }

    @Override
    public void powerOn(String host) {
        // a crash-rebooted host boots by itself
    }

    @Override
    public void disconnect(String host) { run(host, PacketFilter.isolate(healAfter.toSeconds())); }

    @Override
    public void reconnect(String host) { run(host, PacketFilter.heal()); }

    @Override
    public String name() { return "ssh"; }

    private void run(String host, String script) {
        try {
            var r = sessions.apply(host).exec(ExecRequest.of(script).asBecome(true, null).withTimeout(Duration.ofSeconds(60)));
            if (r.exitCode() != 0) throw new IllegalStateException(host + ": `" + script + "` failed: " + r.stderr().strip());
        } catch (TransportException e) {
            throw new IllegalStateException(host + ": " + e.getMessage(), e);
        }
    }
}
