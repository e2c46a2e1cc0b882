package io.pgha.modules.files;

import io.pgha.modules.ModuleResult;
import io.pgha.modules.support.TextDiff;
import io.pgha.testing.TestModuleContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static io.pgha.modules.ModuleResult.Status.CHANGED;
import static io.pgha.modules.ModuleResult.Status.FAILED;
import static io.pgha.modules.ModuleResult.Status.OK;
import static io.pgha.modules.files.FilesLab.assertStatus;
import static io.pgha.modules.files.FilesLab.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** lineinfile and blockinfile on the real node db06. */
@Tag("lab")
class LineBlockLabTest {
    static FilesLab lab;
    final LineInFileModule lineinfile = new LineInFileModule();
    final BlockInFileModule blockinfile = new BlockInFileModule();

    @BeforeAll static void up() throws Exception { lab = new FilesLab(); }
    @AfterAll static void down() throws Exception { if (lab != null) lab.close(); }

    @Test
    void lineReplacedOnceThenUnchangedKeepingOwnerAndMode() throws Exception {
        String f = lab.dir + "/postgresql.conf";
        lab.sh("printf '#listen_addresses = localhost\\nport = 5432\\n' > " + f + " && chown pgha:pgha " + f + " && chmod 0600 " + f);
        Object[] args = {"path", f, "regexp", "^#?listen_addresses", "line", "listen_addresses = '*'"};
        ModuleResult r = run(lineinfile, lab.check(), args);
        assertStatus(CHANGED, r);
        assertEquals("#listen_addresses = localhost\nport = 5432\n", lab.cat(f));
        assertStatus(CHANGED, run(lineinfile, lab.ctx(), args));
        assertEquals("listen_addresses = '*'\nport = 5432\n", lab.cat(f));
        assertEquals("0600 pgha pgha", lab.attrs(f));
        assertStatus(OK, run(lineinfile, lab.ctx(), args));
    }

    @Test
    void diffModeShowsTheEditedLine() throws Exception {
        String f = lab.dir + "/hosts";
        lab.sh("printf '127.0.0.1 localhost\\n' > " + f);
        TestModuleContext c = lab.diff();
        ModuleResult r = run(lineinfile, c, "path", f, "line", "172.30.107.157 db07", "insertafter", "EOF");
        assertStatus(CHANGED, r);
        String shown = TextDiff.unified(f, r.diffs().get(0).before(), r.diffs().get(0).after());
        assertTrue(shown.contains("@@ -1 +1,2 @@\n 127.0.0.1 localhost\n+172.30.107.157 db07\n"), shown);
        assertEquals("127.0.0.1 localhost\n172.30.107.157 db07\n", lab.cat(f));
    }

    @Test
    void createMakesTheFileWithModeAndAbsentRemoves() throws Exception {
        String f = lab.dir + "/new.conf";
        ModuleResult r = run(lineinfile, lab.ctx(), "path", f, "line", "a=1");
        assertStatus(FAILED, r);
        assertTrue(r.msg().contains("create"), r.msg());
        assertFalse(lab.exists(f));
        assertStatus(OK, run(lineinfile, lab.ctx(), "path", f, "line", "a=1", "state", "absent"));
        // check mode: an earlier task would create it, so report the edit instead of failing
        assertStatus(CHANGED, run(lineinfile, lab.check(), "path", f, "line", "a=1"));
        assertFalse(lab.exists(f));
        assertStatus(CHANGED, run(lineinfile, lab.ctx(), "path", f, "line", "a=1", "create", "yes", "mode", "0640", "owner", "pgha"));
        assertEquals("a=1\n", lab.cat(f));
        assertEquals("0640 pgha root", lab.attrs(f));
        assertStatus(CHANGED, run(lineinfile, lab.ctx(), "path", f, "regexp", "^a=", "state", "absent"));
        assertEquals("", lab.cat(f));
        assertStatus(OK, run(lineinfile, lab.ctx(), "path", f, "regexp", "^a=", "state", "absent"));
    }

    @Test
    void blockInsertedThenUnchangedThenReplacedInPlace() throws Exception {
        String f = lab.dir + "/pg_hba.conf";
        lab.sh("printf 'local all all peer\\nhost all all 0.0.0.0/0 reject\\n' > " + f);
        Object[] v1 = {"path", f, "block", "host replication replicator 172.30.107.0/24 scram-sha-256",
                "insertbefore", "reject$"};
        assertStatus(CHANGED, run(blockinfile, lab.check(), v1));
        assertEquals("local all all peer\nhost all all 0.0.0.0/0 reject\n", lab.cat(f));
        assertStatus(CHANGED, run(blockinfile, lab.ctx(), v1));
        String expected = "local all all peer\n# BEGIN PGHA MANAGED BLOCK\nhost replication replicator 172.30.107.0/24 scram-sha-256\n"
                + "# END PGHA MANAGED BLOCK\nhost all all 0.0.0.0/0 reject\n";
        assertEquals(expected, lab.cat(f));
        assertStatus(OK, run(blockinfile, lab.ctx(), v1));

        ModuleResult r = run(blockinfile, lab.diff(), "path", f, "block", "host replication replicator 172.30.107.156/32 scram-sha-256\n"
                + "host replication replicator 172.30.107.157/32 scram-sha-256\n");
        assertStatus(CHANGED, r);
        String now = lab.cat(f);
        assertTrue(now.startsWith("local all all peer\n# BEGIN PGHA MANAGED BLOCK\nhost replication replicator 172.30.107.156/32"), now);
        assertTrue(now.endsWith("# END PGHA MANAGED BLOCK\nhost all all 0.0.0.0/0 reject\n"), now);
        String shown = TextDiff.unified(f, r.diffs().get(0).before(), r.diffs().get(0).after());
        assertTrue(shown.contains("-host replication replicator 172.30.107.0/24"), shown);

        assertStatus(CHANGED, run(blockinfile, lab.ctx(), "path", f, "state", "absent"));
        assertEquals("local all all peer\nhost all all 0.0.0.0/0 reject\n", lab.cat(f));
        assertStatus(OK, run(blockinfile, lab.ctx(), "path", f, "state", "absent"));
    }

    @Test
    void blockCreatesAMissingFileWhenAskedAndMasksSecretsInTheDiff() throws Exception {
        String f = lab.dir + "/app.env";
        ModuleResult r = run(blockinfile, lab.diff(), "path", f, "block", "PGPASSWORD=hunter22\nPGPORT=5432", "create", true, "mode", "0600");
        assertStatus(CHANGED, r);
        assertEquals("0600 root root", lab.attrs(f));
        assertEquals("# BEGIN PGHA MANAGED BLOCK\nPGPASSWORD=hunter22\nPGPORT=5432\n# END PGHA MANAGED BLOCK\n", lab.cat(f));
        String shown = TextDiff.unified(f, r.diffs().get(0).before(), r.diffs().get(0).after());
        assertFalse(shown.contains("hunter22"), shown);
        assertTrue(shown.contains("+PGPASSWORD=********\n+PGPORT=5432\n"), shown);
    }

    @Test
    void aSymlinkedFileIsEditedThroughTheLink() throws Exception {
        String target = lab.dir + "/real.conf", link = lab.dir + "/link.conf";
        lab.sh("printf 'a=1\\n' > " + target + " && ln -s " + target + " " + link);
        assertStatus(CHANGED, run(lineinfile, lab.ctx(), "path", link, "line", "b=2"));
        assertEquals("a=1\nb=2\n", lab.cat(target));
        assertEquals(target, lab.sh("readlink " + link).strip(), "the link stays a link");
        assertStatus(OK, run(lineinfile, lab.ctx(), "path", link, "line", "b=2"));
    }
}
