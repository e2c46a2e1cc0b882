package io.pgha.it;

import io.pgha.cli.CliRun;
import io.pgha.cli.FailoverDrillCommand;
import io.pgha.ops.Stage;
import io.pgha.ops.bootstrap.Bootstrap.Outcome;
import io.pgha.ops.rejoin.Rejoin;
import io.pgha.testing.LabFixture;
import io.pgha.testing.NodeLogsOnFailure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;

import static io.pgha.testing.LabFixture.DB06;
import static io.pgha.testing.LabFixture.DB07;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `pgha bootstrap -i .lab/NAME/source` (inventories/lab-source's settings): PostgreSQL and keepalived from the upstream tarballs,
 * compiled once on db06 and shipped to db07, to verified replication; a re-run changes nothing.
 */
@Tag("lab")
@ExtendWith(NodeLogsOnFailure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BootstrapSourceLabTest {
    static LabFixture lab;
    static Path project;
    static Path inventory;

    @BeforeAll
    static void bareNodesAndTarballs() throws IOException, InterruptedException {
        lab = LabFixture.get();
        project = BootstrapRuns.project();
        Process p = new ProcessBuilder(project.resolve("scripts/fetch-sources.sh").toString())
                .directory(project.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "scripts/fetch-sources.sh failed: " + out);
        for (String line : out.split("\n")) assertTrue(Files.exists(Path.of(line.strip())), "tarball missing: " + line);
        lab.freshNodes();
        inventory = lab.sourceInventory().getParent();
    }

    static Outcome bootstrap() {
        return BootstrapRuns.run(inventory, false, "source");
    }

    @Test
    @Order(1)
    void compiledOnceShippedToTheOtherNode() {
        Outcome o = bootstrap();
        assertEquals(Stage.VERIFIED, o.stage(), "source bootstrap did not verify: " + o);
        assertTrue(o.verification().passed(), o.verification().toString());
        for (String h : new String[] {DB06, DB07}) {
            assertTrue(lab.sh(h, "/home/postgres/pghome/bin/postgres --version").contains("15.18"), h);
            assertTrue(lab.sh(h, "/usr/local/keepalived/sbin/keepalived --version 2>&1").contains("v2.2.7"), h);
            assertEquals("active", lab.sh(h, "systemctl is-active postgresql keepalived | sort -u").strip(), h);
        }
        // compiled on db06 only: db07 has no build tree, it unpacked db06's installed tree
        assertEquals(0, lab.shStatus(DB06, "test -f /var/tmp/pgha/postgresql-15.18/config.status"));
        assertTrue(lab.shStatus(DB07, "test -e /var/tmp/pgha/postgresql-15.18") != 0, "db07 compiled PostgreSQL itself");
        assertTrue(lab.shStatus(DB07, "test -e /var/tmp/pgha/keepalived-2.2.7") != 0, "db07 compiled keepalived itself");
    }

    @Test
    @Order(2)
    void walIsArchivedByScpAsTheArticleDoes() {
        // archive_command scp's to the primary (db06), itself included; the standby restores by scp from it
        assertTrue(lab.sh(DB06, "su - postgres -c 'psql -X -At -p 54321 -c \"show archive_command\"'").startsWith("scp %p "));
        String wal = lab.sh(DB06, "su - postgres -c 'psql -X -At -p 54321 -c \"select pg_walfile_name(pg_switch_wal())\"'").strip();
        boolean archived = false;
        for (int i = 0; i < 40 && !archived; i++) {
            archived = lab.shStatus(DB06, "test -f /home/postgres/pg_archive/" + wal) == 0;
            if (!archived) BootstrapRuns.pause(250);
        }
        assertTrue(archived, wal + " not archived on db06: "
                + lab.sh(DB06, "su - postgres -c 'psql -X -At -p 54321 -c \"select * from pg_stat_archiver\"'"));
        assertEquals("0", lab.sh(DB06, "su - postgres -c 'psql -X -At -p 54321 -c \"select failed_count from pg_stat_archiver\"'").strip());
        // the standby's restore_command works: db07's postgres fetches that segment over scp
        assertEquals(0, lab.shStatus(DB07, "su - postgres -c 'scp -q -o BatchMode=yes " + lab.address(DB06)
                + ":/home/postgres/pg_archive/" + wal + " /tmp/restore-check && rm /tmp/restore-check'"));
        assertEquals("600", lab.sh(DB07, "stat -c %a /home/postgres/.ssh/authorized_keys").strip());
    }

    @Test
    @Order(3)
    void secondRunChangesNothing() {
        Outcome o = bootstrap();
        // CI run 5 of 2026-12-02 lost db06 for about 30 s here (sshd refused, PostgreSQL silent); cause not found yet
        assertEquals(Stage.VERIFIED, o.stage(), () -> "re-run did not verify: " + o + "\n" + lab.diagnose(DB06) + "\n" + lab.diagnose(DB07));
        assertEquals(0, o.recap().totalChanged(), "re-run changed something");
    }

    @Test
    @Order(4)
    void theArticlesDrillAndRejoinOnItsLayout() throws IOException {
        // the article's layout: configuration in the data directory, WAL archived by scp to the primary
        CliRun drill = CliRun.of(new FailoverDrillCommand(), "-i", inventory.toString(), "--json");
        assertEquals(0, drill.exit(), drill.out() + drill.err());
        assertTrue(drill.out().contains("\"acknowledged_writes_lost\":0,"), drill.out());

        Path swapped = BootstrapRuns.swappedRoles(inventory, "lab-source-swapped");
        Rejoin.Outcome o = BootstrapRuns.rejoin(swapped, new ArrayList<>());
        assertEquals(Stage.VERIFIED, o.stage(), o.toString());
        assertEquals(Rejoin.Method.REWIND, o.method());
        assertEquals("t", lab.sh(DB06, "su - postgres -c 'psql -X -At -p 54321 -c \"select pg_is_in_recovery()\"'").strip());
        // db07 archives to itself now (archive_command re-rendered for the new primary), and it works
        assertTrue(o.bootstrap().verification().checks().stream().anyMatch(c -> c.name().equals("archiving") && c.passed()
                && c.host().equals(DB07)), o.bootstrap().verification().toString());
    }
}
