package io.pgha.ops.status;

/** A WAL position as PostgreSQL prints it (16/B374D848): two hex halves of a 64-bit byte offset. */
public record Lsn(long value) implements Comparable<Lsn> {

    public static Lsn parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1) throw new IllegalArgumentException("not an LSN: " + text);
        try {
            long hi = Long.parseLong(text.substring(0, slash), 16);
            long lo = Long.parseLong(text.substring(slash + 1), 16);
            if (hi > 0xFFFFFFFFL || lo > 0xFFFFFFFFL) throw new IllegalArgumentException("not an LSN: " + text);
            return new Lsn((hi << 32) | lo);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an LSN: " + text, e);
        }
    }

    /** Bytes of WAL from other to this (negative when other is ahead). */
    public long bytesAfter(Lsn other) { return value - other.value; }

    @Override
    public int compareTo(Lsn o) { return Long.compareUnsigned(value, o.value); }

    @Override
    public String toString() { return Long.toHexString(value >>> 32).toUpperCase() + "/" + Long.toHexString(value & 0xFFFFFFFFL).toUpperCase(); }
}
