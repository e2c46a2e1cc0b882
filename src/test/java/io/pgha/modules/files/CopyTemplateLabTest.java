package io.pgha.modules.files;

import io.pgha.modules.FileDiff;
import io.pgha.modules.ModuleResult;
import io.pgha.modules.support.TextDiff;
import io.pgha.testing.TestModuleContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static io.pgha.modules.ModuleResult.Status.CHANGED;
import static io.pgha.modules.ModuleResult.Status.FAILED;
import static io.pgha.modules.ModuleResult.Status.OK;
import static io.pgha.modules.files.FilesLab.assertStatus;
import static io.pgha.modules.files.FilesLab.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** copy and template on the real node db06 over SSH with sudo. */
@Tag("lab")
class CopyTemplateLabTest {
    static FilesLab lab;
    final CopyModule copy = new CopyModule();
    final TemplateModule template = new TemplateModule();

    @BeforeAll static void up() throws Exception { lab = new FilesLab(); }
    @AfterAll static void down() throws Exception { if (lab != null) lab.close(); }

    @Test
    void copyContentCreatesThenIsUnchangedAndAppliesOwnerModeAsRoot() throws Exception {
        String dest = lab.dir + "/motd";
        // check mode first: reports the change, touches nothing
        ModuleResult r = run(copy, lab.check(), "content", "hello\n", "dest", dest, "owner", "pgha", "mode", "0640");
        assertStatus(CHANGED, r);
        assertFalse(lab.exists(dest));

        r = run(copy, lab.ctx(), "content", "hello\n", "dest", dest, "owner", "pgha", "group", "root", "mode", "0640");
        assertStatus(CHANGED, r);
        assertEquals("hello\n", lab.cat(dest));
        assertEquals("0640 pgha root", lab.attrs(dest));

        r = run(copy, lab.ctx(), "content", "hello\n", "dest", dest, "owner", "pgha", "group", "root", "mode", "0640");
        assertStatus(OK, r);
        assertEquals(lab.sh("sha256sum < " + dest).split(" ")[0], r.data().get("checksum"));
    }

    @Test
    void modeAndOwnerAreFixedWithoutReupload() throws Exception {
        String dest = lab.dir + "/fix.conf";
        lab.sh("printf 'a=1\\n' > " + dest + " && chmod 0666 " + dest + " && touch -d '2001-01-01' " + dest);
        String inode = lab.sh("stat -c %i " + dest);
        ModuleResult r = run(copy, lab.check(), "content", "a=1\n", "dest", dest, "mode", "0600", "owner", "pgha");
        assertStatus(CHANGED, r);
        assertEquals("0666 root root", lab.attrs(dest));
        r = run(copy, lab.ctx(), "content", "a=1\n", "dest", dest, "mode", "0600", "owner", "pgha");
        assertStatus(CHANGED, r);
        assertTrue(r.msg().contains("mode") && r.msg().contains("owner"), r.msg());
        assertEquals("0600 pgha root", lab.attrs(dest));
        // same inode and old mtime: the content was not rewritten
        assertEquals(inode, lab.sh("stat -c %i " + dest));
        assertTrue(lab.sh("stat -c %y " + dest).startsWith("2001-01-01"));
        assertStatus(OK, run(copy, lab.ctx(), "content", "a=1\n", "dest", dest, "mode", "0600", "owner", "pgha"));
    }

    @Test
    void replacingKeepsExistingModeAndOwnerAndIsANewInode() throws Exception {
        String dest = lab.dir + "/keep.conf";
        lab.sh("printf 'old\\n' > " + dest + " && chown pgha:pgha " + dest + " && chmod 0604 " + dest);
        String inode = lab.sh("stat -c %i " + dest);
        assertStatus(CHANGED, run(copy, lab.ctx(), "content", "new\n", "dest", dest));
        assertEquals("new\n", lab.cat(dest));
        assertEquals("0604 pgha pgha", lab.attrs(dest));
        // atomic rename of a temp file: a new inode, and no temp files left behind
        assertFalse(inode.equals(lab.sh("stat -c %i " + dest)));
        assertEquals("", lab.sh("ls -A " + lab.dir + " | grep pgha- || true"));
    }

    @Test
    void copyFromControllerIntoADirectoryWithBackup() throws Exception {
        Files.createDirectories(lab.local.resolve("files"));
        Files.writeString(lab.local.resolve("app.conf"), "port = 5432\n");
        String d = lab.dir + "/etc";
        lab.sh("mkdir " + d + " && printf 'port = 1\\n' > " + d + "/app.conf");
        ModuleResult r = run(copy, lab.ctx(), "src", "app.conf", "dest", d + "/", "backup", "yes");
        assertStatus(CHANGED, r);
        assertEquals("port = 5432\n", lab.cat(d + "/app.conf"));
        String backup = (String) r.data().get("backup_file");
        assertNotNull(backup);
        assertEquals("port = 1\n", lab.cat(backup));
        assertStatus(OK, run(copy, lab.ctx(), "src", "app.conf", "dest", d));
    }

    @Test
    void diffModeShowsAUnifiedDiffAndMasksSecrets() throws Exception {
        String dest = lab.dir + "/keepalived.conf";
        lab.sh("printf 'vrrp_instance VI_1 {\\n  state BACKUP\\n  auth_pass oldsecret1\\n  priority 100\\n}\\n' > " + dest);
        String wanted = "vrrp_instance VI_1 {\n  state BACKUP\n  auth_pass n3wSecret!\n  priority 150\n}\n";
        ModuleResult r = run(copy, lab.diff(), "content", wanted, "dest", dest, "mode", "0600");
        assertStatus(CHANGED, r);
        FileDiff fd = r.diffs().get(0);
        String shown = TextDiff.unified(fd.path(), fd.before(), fd.after());
        assertTrue(shown.contains("@@ -1,5 +1,5 @@"), shown);
        assertTrue(shown.contains("\n-  priority 100\n") && shown.contains("\n+  priority 150\n"), shown);
        assertTrue(shown.contains("\n-  auth_pass ********\n"), shown);
        assertFalse(shown.contains("oldsecret1"), shown);
        assertFalse(shown.contains("n3wSecret!"), shown);
        assertTrue(shown.contains("+  auth_pass ******** (changed)"), shown);
        // the attribute change is shown too, and the file holds the real secret
        assertTrue(r.diffs().stream().anyMatch(d -> d.path().endsWith("(attributes)") && d.after().contains("mode: 0600")));
        assertEquals(wanted, lab.cat(dest));
        assertEquals("0600", lab.attrs(dest).split(" ")[0]);
        // no diff without diff mode
        assertTrue(run(copy, lab.ctx(), "content", "x\n", "dest", dest).diffs().isEmpty());
    }

    @Test
    void secretFileIsNeverWorldReadableAndNoCopyLingers() throws Exception {
        String dest = lab.dir + "/pgpass";
        // the login user (pgha) must not be able to read a root 0600 file written with become
        assertStatus(CHANGED, run(copy, lab.ctx(), "content", "*:*:*:replicator:s3cr3t\n", "dest", dest, "mode", "0600"));
        assertEquals("0600 root root", lab.attrs(dest));
        assertEquals(1, lab.lab.shStatus(FilesLab.HOST, "su pgha -s /bin/sh -c 'cat " + dest + "' >/dev/null 2>&1"));
        assertEquals("", lab.sh("grep -rl s3cr3t /tmp --exclude-dir=" + lab.dir.substring(5) + " 2>/dev/null || true"));
    }

    @Test
    void validateChecksTheNewContentBeforeItReplacesTheFile() throws Exception {
        String dest = lab.dir + "/checked.conf";
        lab.sh("printf 'ok 1\\n' > " + dest + " && chmod 0600 " + dest);
        // the check sees the new content in its temporary file, already with the final mode
        String check = "sh -c 'grep -q ^ok \"$1\" && [ \"$(stat -c %a \"$1\")\" = 640 ] || { echo \"refused: $(head -1 \"$1\")\"; exit 1; }' check %s";
        ModuleResult r = run(copy, lab.ctx(), "content", "bad 2\n", "dest", dest, "mode", "0640", "validate", check);
        assertStatus(FAILED, r);
        assertTrue(r.msg().contains("failed its check") && r.msg().contains("refused: bad 2") && r.msg().contains("the file is as it was"), r.msg());
        assertEquals("ok 1\n", lab.cat(dest));
        assertEquals("", lab.sh("ls -A " + lab.dir + " | grep pgha- || true"), "no temporary file left");

        assertStatus(CHANGED, run(copy, lab.ctx(), "content", "ok 2\n", "dest", dest, "mode", "0640", "validate", check));
        assertEquals("ok 2\n", lab.cat(dest));
        // unchanged content is not written, so not checked again
        assertStatus(OK, run(copy, lab.ctx(), "content", "ok 2\n", "dest", dest, "mode", "0640", "validate", "false %s"));
        r = run(copy, lab.ctx(), "content", "ok 3\n", "dest", dest, "validate", "true");
        assertStatus(FAILED, r);
        assertTrue(r.msg().contains("validate must contain %s"), r.msg());
        assertEquals("ok 2\n", lab.cat(dest));
    }

    @Test
    void missingDirectoryAndMissingSourceFailClearly() throws Exception {
        ModuleResult r = run(copy, lab.ctx(), "content", "x", "dest", lab.dir + "/nope/x");
        assertStatus(FAILED, r);
        assertTrue(r.msg().contains("does not exist"), r.msg());
        r = run(copy, lab.ctx(), "src", "missing.conf", "dest", lab.dir + "/x");
        assertStatus(FAILED, r);
        assertTrue(r.msg().contains("missing.conf"), r.msg());
        r = run(copy, lab.ctx(), "content", "x", "dest", lab.dir + "/y", "mode", "rw");
        assertStatus(FAILED, r);
        assertTrue(r.msg().contains("octal"), r.msg());
    }

    @Test
    void templateRendersWithHostVarsAndIsIdempotent() throws Exception {
        Files.createDirectories(lab.local.resolve("templates"));
        Files.writeString(lab.local.resolve("templates/pg.conf.ftl"), "port = ${pg_port}\nlisten_addresses = '${listen}'\n");
        String dest = lab.dir + "/pg.conf";
        TestModuleContext c = lab.ctx().var("pg_port", 5433).var("listen", "*");
        ModuleResult r = run(template, c, "src", "pg.conf.ftl", "dest", dest, "owner", "pgha", "mode", "0600");
        assertStatus(CHANGED, r);
        assertEquals("port = 5433\nlisten_addresses = '*'\n", lab.cat(dest));
        assertEquals("0600 pgha root", lab.attrs(dest));
        assertStatus(OK, run(template, lab.ctx().var("pg_port", 5433).var("listen", "*"), "src", "pg.conf.ftl", "dest", dest, "owner", "pgha", "mode", "0600"));

        TestModuleContext d = lab.diff().var("pg_port", 5434).var("listen", "*");
        d.checkMode = true;
        r = run(template, d, "src", "pg.conf.ftl", "dest", dest, "owner", "pgha", "mode", "0600");
        assertStatus(CHANGED, r);
        String shown = TextDiff.unified(dest, r.diffs().get(0).before(), r.diffs().get(0).after());
        assertTrue(shown.contains("-port = 5433\n+port = 5434\n"), shown);
        assertEquals("port = 5433\nlisten_addresses = '*'\n", lab.cat(dest), "check mode changed the file");
    }

    @Test
    void templateIntoADirectoryDropsFtl() throws Exception {
        Files.createDirectories(lab.local.resolve("templates"));
        Files.writeString(lab.local.resolve("templates/hba.conf.ftl"), "local all all peer\n");
        lab.sh("mkdir -p " + lab.dir + "/tdir");
        ModuleResult r = run(template, lab.ctx(), "src", "hba.conf.ftl", "dest", lab.dir + "/tdir");
        assertStatus(CHANGED, r);
        assertEquals("local all all peer\n", lab.cat(lab.dir + "/tdir/hba.conf"));
    }

    @Test
    void aPrivateFilesContentNeverTravelsInALoggedCommandOutput() throws Exception {
        String dest = lab.dir + "/private.conf";
        String secretText = "primary_conninfo = 'host=db06 sslkey=zz9-plural-z-alpha'\n";
        lab.sh("printf '%s\\n' \"primary_conninfo = 'host=db06 sslkey=zz9-plural-z-alpha'\" > " + dest + " && chmod 0600 " + dest);
        assertEquals(secretText, lab.cat(dest));
        RecordingContext rec = new RecordingContext(lab.diff());
        ModuleResult r = new CopyModule().run(rec, java.util.Map.of("content", "x = 1\n", "dest", dest));
        assertStatus(CHANGED, r);
        // the diff shows the old text (read over SFTP) ...
        assertEquals(secretText, r.diffs().get(0).before());
        // ... but no command output held it, in clear or base64, and the staged copy is gone
        String b64 = java.util.Base64.getEncoder().encodeToString(secretText.getBytes());
        for (String l : rec.logged) {
            assertFalse(l.contains("zz9-plural"), l);
            assertFalse(l.replace("\n", "").contains(b64.substring(0, 40)), l);
        }
        assertEquals("", lab.sh("ls -A /tmp | grep pgha-read || true"));

        // a world-readable file is read in the same exec as its stat (one round trip)
        lab.sh("chmod 0644 " + dest);
        rec = new RecordingContext(lab.diff());
        r = new CopyModule().run(rec, java.util.Map.of("content", "x = 2\n", "dest", dest));
        assertEquals("x = 1\n", r.diffs().get(0).before());
        assertEquals(2, rec.logged.size(), "stat with content, then the write: " + rec.logged);
    }
}
