package io.pgha.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import java.util.Optional;

/**
 * When a lab test fails, prints what each node's HA scripts said (fence, failover guard, health check),
 * keepalived's journal and the state marks: a failure seen once in CI then carries its own evidence
 * (the logs are gone with the CI machine). Reads the lab's default paths; prints, never asserts.
 */
public final class NodeLogsOnFailure implements TestWatcher {
    private static final String DUMP = String.join("; ",
            "echo '--- role:' $(runuser -u postgres -- psql -X -At -c 'select pg_is_in_recovery()' 2>&1 | head -1)",
            "echo '--- addresses:'; ip -o -4 addr show 2>&1",
            "echo '--- marks:'; for f in /var/lib/pgha/*; do [ -f \"$f\" ] && echo \"$f: $(head -c 300 \"$f\")\"; done",
            "echo '--- pg_fence.log:'; tail -n 25 /etc/keepalived/log/pg_fence.log 2>&1",
            "echo '--- pg_failover.log:'; tail -n 40 /etc/keepalived/log/pg_failover.log 2>&1",
            "echo '--- pg_monitor.log:'; tail -n 30 /etc/keepalived/log/pg_monitor.log 2>&1",
            "echo '--- keepalived journal:'; journalctl -u keepalived --no-pager -n 40 -o short-precise 2>&1");

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        LabFixture lab;
        try {
            lab = LabFixture.get();
        } catch (RuntimeException e) {
            return; // the lab never started: the failure says so itself
        }
        StringBuilder out = new StringBuilder("\n===== node logs after the failure of " + context.getDisplayName() + " =====\n");
        for (String host : new String[] {LabFixture.DB06, LabFixture.DB07}) {
            out.append("===== ").append(host).append('\n');
            try {
                out.append(lab.shOutput(host, DUMP));
            } catch (RuntimeException e) {
                out.append("(could not read: ").append(e.getMessage()).append(")\n");
            }
        }
        System.out.println(out);
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) { testFailed(context, cause); }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {}
}
