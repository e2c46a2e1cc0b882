package io.pgha.testing;

/** Shell text for lab tests that must order events on a node rather than time them. */
public final class NodeScripts {
    private NodeScripts() {}

    /**
     * Waits until condition (shell text) holds, at most 30 s, polling every 0.1 s; exits 9 when it
     * never does: a test that waits for an event on the node fails with its outcome instead of hanging.
     */
    public static String awaitOnNode(String condition) {
        return "i=0; until " + condition + "; do i=$((i+1)); [ $i -le 300 ] || { echo 'gave up waiting' >&2; exit 9; }; sleep 0.1; done";
    }
}
