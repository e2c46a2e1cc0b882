package io.pgha.it;

import io.pgha.ops.Stage;
import io.pgha.ops.bootstrap.Bootstrap.Outcome;
import io.pgha.testing.LabFixture;
import io.pgha.testing.NodeLogsOnFailure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static io.pgha.testing.LabFixture.DB06;
import static io.pgha.testing.LabFixture.DB07;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Legitimate values that need quoting, end to end on the lab: a data directory whose path holds a
 * space, and replication and health-check passwords holding every printable ASCII character. Bootstrap
 * must verify replication with them (pg_basebackup, the WAL receiver and the scripts all read them).
 */
@Tag("lab")
@ExtendWith(NodeLogsOnFailure.class)
class QuotedValuesLabTest {
    private static final String DATA = "/var/lib/postgresql/15/pg data";
    static LabFixture lab;
    static Path inventory;
    static String password;

    @BeforeAll
    static void bareNodesAndAnInventoryWithAwkwardValues() throws IOException {
        lab = LabFixture.get();
        lab.freshNodes();
        StringBuilder all = new StringBuilder();
        for (char c = 0x20; c < 0x7f; c++) all.append(c);
        password = all.toString();
        Path inv = BootstrapRuns.copy(lab.inventory().getParent(), "lab-quoted");
        Path secrets = inv.resolve("secrets");
        Files.createDirectories(secrets);
        for (String name : new String[] {"pg_replication_password", "pg_monitor_password"}) {
            Path f = secrets.resolve(name);
            Files.writeString(f, password + "\n");
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        }
        BootstrapRuns.swap(inv.resolve("group_vars/cluster.yml"), "pg_data: /var/lib/postgresql/15/main", "pg_data: \"" + DATA + "\"");
        for (String name : new String[] {"pg_replication_password", "pg_monitor_password"}) {
            BootstrapRuns.swap(inv.resolve("hosts.yml"), name + "_file: " + lab.config().secretsDir().resolve(name), name + "_file: secrets/" + name);
        }
        inventory = inv;
    }

    @Test
    void aDataDirectoryWithASpaceAndPasswordsOfEveryPrintableCharacterBootstrapAndReplicate() {
        Outcome o = BootstrapRuns.run(inventory, false, "package, quoted values");
        assertEquals(Stage.VERIFIED, o.stage(), "bootstrap did not verify: " + o);
        assertTrue(o.verification().passed(), o.verification().toString());
        assertEquals(DATA, lab.sh(DB06, "su postgres -c \"psql -X -At -p 54321 -c 'show data_directory'\"").strip());
        assertEquals("t", lab.sh(DB07, "su postgres -c \"psql -X -At -p 54321 -c 'select pg_is_in_recovery()'\"").strip());
        assertEquals("streaming", lab.sh(DB07, "su postgres -c \"psql -X -At -p 54321 -c 'select status from pg_stat_wal_receiver'\"").strip(),
                "the WAL receiver logged in with the password from .pgpass");
        // the health check runs with the quoted PGDATA and reports a healthy primary
        assertEquals(0, lab.shStatus(DB06, "/etc/keepalived/pg_monitor.sh"), lab.sh(DB06, "tail -5 /etc/keepalived/log/pg_monitor.log"));
        String fileMode = lab.sh(DB06, "stat -c %a /var/lib/postgresql/.pgpass").strip();
        assertEquals("600", fileMode);
    }
}
