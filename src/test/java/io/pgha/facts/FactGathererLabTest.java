package io.pgha.facts;

import io.pgha.testing.LabFixture;
import io.pgha.transport.Connection;
import io.pgha.transport.ExecRequest;
import io.pgha.transport.ExecResult;
import io.pgha.transport.PortForward;
import io.pgha.transport.TransportException;
import io.pgha.transport.ssh.SshConnector;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Facts of the real lab node db06 over SSH, in one round trip. */
@Tag("lab")
class FactGathererLabTest {

    /** Counts execs; everything else goes to the real connection. */
    static final class Counting implements Connection {
        final Connection inner;
        final AtomicInteger execs = new AtomicInteger();

        Counting(Connection inner) { this.inner = inner; }

        @Override public String hostName() { return inner.hostName(); }
        @Override public ExecResult exec(ExecRequest r) throws TransportException { execs.incrementAndGet(); return inner.exec(r); }
        @Override public void upload(byte[] c, String p, int m) throws TransportException { inner.upload(c, p, m); }
        @Override public byte[] download(String p) throws TransportException { return inner.download(p); }
        @Override public PortForward forward(String h, int p) throws TransportException { return inner.forward(h, p); }
        @Override public void close() throws IOException { inner.close(); }
    }

    @Test
    void factsOfDb06InOneExec() throws Exception {
        LabFixture lab = LabFixture.get();
        try (SshConnector connector = new SshConnector();
             Counting c = new Counting(connector.connect(lab.spec(LabFixture.DB06)))) {
            Facts f = new FactGatherer().gather(c);
            assertEquals(1, c.execs.get(), "one round trip");
            assertEquals("db06", f.hostname());
            assertEquals("Debian", f.osFamily());
            assertEquals("Debian", f.distribution());
            assertEquals(lab.sh(LabFixture.DB06, ". /etc/os-release; echo $VERSION_ID").strip(), f.distributionVersion());
            assertEquals("systemd", f.initSystem());
            assertEquals("apt", f.packageManager());
            assertTrue(f.interfaces().get("eth0").contains(lab.address(LabFixture.DB06) + "/24"), f.interfaces().toString());
            assertEquals(List.of("127.0.0.1/8"), f.interfaces().get("lo"));
            assertEquals(lab.sh(LabFixture.DB06, "uname -m").strip(), f.architecture());
            assertEquals(Integer.parseInt(lab.sh(LabFixture.DB06, "nproc").strip()), f.cpus());
            assertTrue(f.memoryMb() > 100, "memory " + f.memoryMb());
            assertEquals("pgha", f.user());
            assertEquals("db06", f.asVars().get("ansible_hostname"));
        }
    }
}
