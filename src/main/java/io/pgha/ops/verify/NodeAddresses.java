package io.pgha.ops.verify;

/** Whether a node holds an address (the VIP), from `ip -o -4 addr show`: shared by verify, status and the drill. */
public final class NodeAddresses {
    /** The command whose output {@link #holds} reads; needs no sudo. */
    public static final String LIST = "ip -o -4 addr show";

    private NodeAddresses() {}

    /** True when the listing has the address with any prefix length (172.30.107.15 is not 172.30.107.159). */
    public static boolean holds(String ipAddrOutput, String address) {
        for (String line : ipAddrOutput.split("\n")) {
            for (String word : line.trim().split("\\s+")) {
                if (word.startsWith(address + "/") || word.equals(address)) return true;
            }
        }
        return false;
    }
}
