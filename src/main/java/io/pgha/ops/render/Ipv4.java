package io.pgha.ops.render;

/** An IPv4 address or network (address/prefix), enough to tell whether an address is inside a subnet. */
record Ipv4(long address, int prefix) {
    /** "172.16.107.159" (prefix 32) or "172.16.107.0/24"; null when the text is not one. */
    static Ipv4 parse(String text) {
        if (text == null) return null;
        String t = text.strip();
        int prefix = 32;
        int slash = t.indexOf('/');
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                return null;
            }
            if (prefix < 0 || prefix > 32) return null;
            t = t.substring(0, slash);
        }
        String[] parts = t.split("\\.", -1);
        if (parts.length != 4) return null;
        long a = 0;
        for (String p : parts) {
            if (!p.matches("[0-9]{1,3}")) return null;
            int o = Integer.parseInt(p);
            if (o > 255) return null;
            a = (a << 8) | o;
        }
        return new Ipv4(a, prefix);
    }

    private long mask() { return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL; }

    /** This address's network under its own prefix. */
    Ipv4 network() { return new Ipv4(address & mask(), prefix); }

    /** The last address of this address's subnet. */
    long broadcast() { return (address & mask()) | (~mask() & 0xFFFFFFFFL); }

    boolean contains(Ipv4 other) { return (other.address & mask()) == (address & mask()); }

    @Override
    public String toString() {
        return ((address >> 24) & 255) + "." + ((address >> 16) & 255) + "." + ((address >> 8) & 255) + "." + (address & 255)
                + (prefix == 32 ? "" : "/" + prefix);
    }
}
