package io.pgha.ops.drill;

import static io.pgha.core.Shell.quote;

/**
 * The drill's packet filter rules, as root shell commands on the failed node: a chain of its own
 * (PGHA_DRILL) hooked into INPUT and OUTPUT, so healing removes exactly what the drill added. Every
 * cut is also healed by a timer on the node itself (systemd-run), should the controller go away.
 * Pure: builds the commands.
 */
final class PacketFilter {
    static final String CHAIN = "PGHA_DRILL";
    static final String TIMER_UNIT = "pgha-drill-heal";

    private PacketFilter() {}

    /** The node and its peer cannot reach each other (TCP, VRRP multicast): clients still reach both. */
    static String partition(String peerAddress, long healAfterSeconds) {
        return cut(healAfterSeconds,
                "-A " + CHAIN + " -s " + quote(peerAddress) + " -j DROP",
                "-A " + CHAIN + " -d " + quote(peerAddress) + " -j DROP",
                "-A " + CHAIN + " -p 112 -j DROP");
    }

    /** The node reaches nobody and nobody reaches it, but for SSH (the drill heals it through that). */
    static String isolate(long healAfterSeconds) {
        return cut(healAfterSeconds,
                "-A " + CHAIN + " -i lo -j RETURN",
                "-A " + CHAIN + " -o lo -j RETURN",
                "-A " + CHAIN + " -p tcp --dport 22 -j RETURN",
                "-A " + CHAIN + " -p tcp --sport 22 -j RETURN",
                "-A " + CHAIN + " -j DROP");
    }

    /** Removes the drill's chain (nothing else); succeeds when there is none. */
    static String heal() {
        return "systemctl stop " + TIMER_UNIT + ".timer >/dev/null 2>&1; "
                + "iptables -D INPUT -j " + CHAIN + " 2>/dev/null; iptables -D OUTPUT -j " + CHAIN + " 2>/dev/null; "
                + "iptables -F " + CHAIN + " 2>/dev/null; iptables -X " + CHAIN + " 2>/dev/null; true";
    }

    private static String cut(long healAfterSeconds, String... rules) {
        StringBuilder s = new StringBuilder("command -v iptables >/dev/null || { echo 'iptables is not installed' >&2; exit 1; }; ");
        s.append(heal()).append("; ");
        // the timer first: once a rule is in, the node must heal even if this session never returns
        s.append("systemd-run --quiet --unit ").append(TIMER_UNIT).append(" --on-active=").append(healAfterSeconds)
                .append(" /bin/sh -c ").append(quote(heal()));
        s.append(" && iptables -N ").append(CHAIN);
        for (String r : rules) s.append(" && iptables ").append(r);
        s.append(" && iptables -I INPUT -j ").append(CHAIN).append(" && iptables -I OUTPUT -j ").append(CHAIN);
        return s.toString();
    }
}
