package io.pgha.ops.drill;

/** Where a drill's client or probe connects: a node's or the VIP's address, or a local SSH forward to it. */
record Endpoint(String host, int port, String via) {
    static Endpoint direct(String address, int port) { return new Endpoint(address, port, "direct"); }

    static Endpoint forwarded(int localPort, String throughHost) { return new Endpoint("127.0.0.1", localPort, "through " + throughHost); }
}
