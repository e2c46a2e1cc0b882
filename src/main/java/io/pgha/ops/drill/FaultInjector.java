package io.pgha.ops.drill;

import io.pgha.engine.Recap;
import io.pgha.transport.Connection;
import io.pgha.transport.ExecRequest;
import io.pgha.transport.ExecResult;
import io.pgha.transport.TransportException;

import java.time.Duration;
import java.util.Map;

/**
 * Injects a fault into one node and heals it: what is done to its services is a playbook
 * (playbooks/drill-fault.yml, through the engine's service module like every other operation);
 * packet filters run as root on the node's session; power and cables go through the NodeControl.
 *
 * @param victim        the failed node's inventory name
 * @param playbooks     runs one of the project's playbooks on the operation's session
 * @param ssh           the victim's session (packet filters)
 * @param peerAddress   the other node's address (partition)
 * @param pgService     PostgreSQL's unit on the victim (for the drill's output; the playbook reads its own)
 * @param kaService     keepalived's unit, likewise
 * @param pgData        the data directory (the postmaster's pid file), likewise
 * @param healAfter     the node heals a packet filter by itself after this long
 */
record FaultInjector(Fault fault, String victim, Playbooks playbooks, Connection ssh, NodeControl control, String peerAddress,
                     String pgService, String kaService, String pgData, Duration healAfter) {
    private static final String INJECT = "inject", HEAL = "heal";

    /** How an operation runs a playbook (ClusterSession::play). */
    @FunctionalInterface
    interface Playbooks {
        Recap play(String playbook, Map<String, Object> vars);
    }

    /** What is done, for the drill's output. */
    String describe() {
        return switch (fault) {
            case STOP_POSTGRESQL -> "service " + pgService + " stopped";
            case KILL_POSTGRESQL -> "kill -KILL of the postmaster (" + pgData + "/postmaster.pid)";
            case STOP_KEEPALIVED -> "service " + kaService + " stopped";
            case HOST_DOWN, STANDBY_DOWN -> control.name() + ": power off " + victim;
            case ISOLATE -> control.name() + ": every link of " + victim + " cut";
            case PARTITION -> "packet filter on " + victim + ": " + peerAddress + " and VRRP dropped";
        };
    }

    void inject() throws TransportException {
        switch (fault) {
            case STOP_POSTGRESQL, KILL_POSTGRESQL, STOP_KEEPALIVED -> play(INJECT);
            case HOST_DOWN, STANDBY_DOWN -> control.powerOff(victim);
            case ISOLATE -> control.disconnect(victim);
            case PARTITION -> root(PacketFilter.partition(peerAddress, healAfter.toSeconds()));
        }
    }

    /** Brings the node back as a careless operator or a reboot would. */
    void heal() throws TransportException {
        switch (fault) {
            case STOP_POSTGRESQL, KILL_POSTGRESQL, STOP_KEEPALIVED -> play(HEAL);
            case HOST_DOWN, STANDBY_DOWN -> control.powerOn(victim);
            case ISOLATE -> control.reconnect(victim);
            case PARTITION -> root(PacketFilter.heal());
        }
    }

    private void play(String step) throws TransportException {
        Recap recap = playbooks.play(FailoverDrill.FAULT_PLAYBOOK, Map.of(FailoverDrill.FAULT_VICTIM, victim,
                FailoverDrill.FAULT_OPTION, fault.option(), FailoverDrill.FAULT_STEP, step));
        if (recap.exitCode() != 0) {
            String why = recap.firstFailures().getOrDefault(victim, String.join("; ", recap.firstFailures().values()));
            throw new TransportException(victim + ": " + FailoverDrill.FAULT_PLAYBOOK + " (" + step + " " + fault.option()
                    + ") failed: " + why);
        }
    }

    private void root(String script) throws TransportException {
        ExecResult r = ssh.exec(ExecRequest.of(script).asBecome(true, null).withTimeout(Duration.ofSeconds(90)));
        if (r.exitCode() != 0) {
            throw new TransportException(victim + ": `" + script + "` failed (exit " + r.exitCode() + "): " + r.stderr().strip());
        }
    }
}
