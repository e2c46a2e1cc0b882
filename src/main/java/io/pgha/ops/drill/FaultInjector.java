package io.pgha.ops.drill;

import io.pgha.transport.Connection;
import io.pgha.transport.ExecRequest;
import io.pgha.transport.ExecResult;
import io.pgha.transport.TransportException;

import java.time.Duration;

import static io.pgha.modules.support.Shell.quote;

/**
 * Injects a fault into one node and heals it: services and signals as root over the node's SSH
 * session, packet filters likewise, power and cables through the NodeControl.
 *
 * @param victim        the failed node's inventory name
 * @param peerAddress   the other node's address (partition)
 * @param pgService     PostgreSQL's systemd unit on the victim
 * @param kaService     keepalived's unit
 * @param pgData        the data directory (the postmaster's pid file)
 * @param healAfter     the node heals a packet filter by itself after this long
 */
record FaultInjector(Fault fault, String victim, Connection ssh, NodeControl control, String peerAddress,
                     String pgService, String kaService, String pgData, Duration healAfter) {

    /** What is run, for the drill's output. */
    String describe() {
        return switch (fault) {
            case STOP_POSTGRESQL -> "systemctl stop " + pgService;
            case KILL_POSTGRESQL -> "kill -KILL of the postmaster (" + pgData + "/postmaster.pid)";
            case STOP_KEEPALIVED -> "systemctl stop " + kaService;
            case HOST_DOWN, STANDBY_DOWN -> control.name() + ": power off " + victim;
            case ISOLATE -> control.name() + ": every link of " + victim + " cut";
            case PARTITION -> "packet filter on " + victim + ": " + peerAddress + " and VRRP dropped";
        };
    }

    void inject() throws TransportException {
        switch (fault) {
            case STOP_POSTGRESQL -> root("systemctl stop " + quote(pgService));
            case KILL_POSTGRESQL -> root("kill -KILL \"$(head -n 1 " + quote(pgData + "/postmaster.pid") + ")\"");
            case STOP_KEEPALIVED -> root("systemctl stop " + quote(kaService));
            case HOST_DOWN, STANDBY_DOWN -> control.powerOff(victim);
            case ISOLATE -> control.disconnect(victim);
            case PARTITION -> root(PacketFilter.partition(peerAddress, healAfter.toSeconds()));
        }
    }

    /** Brings the node back as a careless operator or a reboot would. */
    void heal() throws TransportException {
        switch (fault) {
            case STOP_POSTGRESQL, KILL_POSTGRESQL -> root("systemctl start " + quote(pgService));
            case STOP_KEEPALIVED -> root("systemctl start " + quote(kaService));
            case HOST_DOWN, STANDBY_DOWN -> control.powerOn(victim);
            case ISOLATE -> control.reconnect(victim);
            case PARTITION -> root(PacketFilter.heal());
        }
    }

    private void root(String script) throws TransportException {
        ExecResult r = ssh.exec(ExecRequest.of(script).asBecome(true, null).withTimeout(Duration.ofSeconds(90)));
        if (r.exitCode() != 0) {
            throw new TransportException(victim + ": `" + script + "` failed (exit " + r.exitCode() + "): " + r.stderr().strip());
        }
    }
}
