package io.pgha.ops.drill;

/**
 * What a drill needs beyond SSH to fail a node: its power and its network cable. On the lab the
 * container engine does it; on real hosts power is a crash reboot over SSH, and the cable a packet filter.
 */
public interface NodeControl {
    /** Power lost at once (no shutdown). */
    void powerOff(String host);

    /** Power back: the host boots (a real host that crash-rebooted does so by itself). */
    void powerOn(String host);

    /** Every link of the host cut. */
    void disconnect(String host);

    /** The links back. */
    void reconnect(String host);

    /** A short name for the drill's output: "lab" or "ssh". */
    String name();
}
