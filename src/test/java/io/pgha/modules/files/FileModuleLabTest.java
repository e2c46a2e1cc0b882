package io.pgha.modules.files;

import io.pgha.modules.ModuleResult;
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

/** The file module on the real node db06. */
@Tag("lab")
class FileModuleLabTest {
    static FilesLab lab;
    final FileModule file = new FileModule();

    @BeforeAll static void up() throws Exception { lab = new FilesLab(); }
    @AfterAll static void down() throws Exception { if (lab != null) lab.close(); }

    @Test
    void directoryCreatedWithOwnerAndModeThenUnchanged() throws Exception {
        String d = lab.dir + "/data/pg";
        assertStatus(CHANGED, run(file, lab.check(), "path", d, "state", "directory", "owner", "pgha", "mode", "0700"));
        assertFalse(lab.exists(d));
        assertStatus(CHANGED, run(file, lab.ctx(), "path", d, "state", "directory", "owner", "pgha", "group", "pgha", "mode", "0700"));
        assertEquals("0700 pgha pgha", lab.attrs(d));
        assertStatus(OK, run(file, lab.ctx(), "path", d + "/", "state", "directory", "owner", "pgha", "group", "pgha", "mode", "0700"));
        ModuleResult r = run(file, lab.ctx(), "path", d, "state", "directory", "mode", "0750");
        assertStatus(CHANGED, r);
        assertEquals("0750 pgha pgha", lab.attrs(d));
    }

    @Test
    void recurseFixesOwnershipOfEverythingAndDetectsOneStrayFile() throws Exception {
        String d = lab.dir + "/tree";
        lab.sh("mkdir -p " + d + "/a/b && touch " + d + "/a/b/f " + d + "/g");
        assertStatus(CHANGED, run(file, lab.ctx(), "path", d, "state", "directory", "owner", "pgha", "group", "pgha", "recurse", true));
        assertEquals("", lab.sh("find " + d + " ! -user pgha"));
        assertEquals("", lab.sh("find " + d + " ! -group pgha"));
        assertStatus(OK, run(file, lab.ctx(), "path", d, "state", "directory", "owner", "pgha", "group", "pgha", "recurse", "yes"));
        lab.sh("chown root " + d + "/a/b/f");
        assertStatus(CHANGED, run(file, lab.check(), "path", d, "state", "directory", "owner", "pgha", "recurse", "yes"));
        assertEquals("root", lab.sh("stat -c %U " + d + "/a/b/f").strip(), "check mode changed the node");
        assertStatus(CHANGED, run(file, lab.ctx(), "path", d, "state", "directory", "owner", "pgha", "recurse", "yes"));
        assertEquals("pgha", lab.sh("stat -c %U " + d + "/a/b/f").strip());
    }

    @Test
    void touchCreatesOnceAndLeavesTimestampsAlone() throws Exception {
        String f = lab.dir + "/stamp";
        assertStatus(CHANGED, run(file, lab.ctx(), "path", f, "state", "touch", "mode", "0600"));
        assertEquals("0600 root root", lab.attrs(f));
        lab.sh("touch -d '2001-01-01' " + f);
        assertStatus(OK, run(file, lab.ctx(), "path", f, "state", "touch", "mode", "0600"));
        assertTrue(lab.sh("stat -c %y " + f).startsWith("2001-01-01"));
    }

    @Test
    void stateFileOnlyFixesAttributesAndNeverCreates() throws Exception {
        String f = lab.dir + "/plain";
        ModuleResult r = run(file, lab.ctx(), "path", f, "state", "file", "mode", "0600");
        assertStatus(FAILED, r);
        assertTrue(r.msg().contains("does not exist"), r.msg());
        assertFalse(lab.exists(f));
        assertStatus(CHANGED, run(file, lab.check(), "path", f, "state", "file", "mode", "0600"));
        assertFalse(lab.exists(f));
        lab.sh("touch " + f);
        assertStatus(CHANGED, run(file, lab.ctx(), "path", f, "mode", "0640", "group", "pgha"));
        assertEquals("0640 root pgha", lab.attrs(f));
        assertStatus(OK, run(file, lab.ctx(), "path", f, "mode", 640, "group", "pgha"));
    }

    @Test
    void linkCreatedRetargetedAndRefusesToClobberAFile() throws Exception {
        String l = lab.dir + "/current";
        lab.sh("mkdir -p " + lab.dir + "/v1 " + lab.dir + "/v2");
        assertStatus(CHANGED, run(file, lab.ctx(), "path", l, "state", "link", "src", lab.dir + "/v1"));
        assertEquals(lab.dir + "/v1", lab.sh("readlink " + l).strip());
        assertStatus(OK, run(file, lab.ctx(), "path", l, "state", "link", "src", lab.dir + "/v1"));
        ModuleResult r = run(file, lab.diff(), "path", l, "state", "link", "src", lab.dir + "/v2");
        assertStatus(CHANGED, r);
        assertEquals(lab.dir + "/v2", lab.sh("readlink " + l).strip());
        assertTrue(r.diffs().get(0).before().contains("src: " + lab.dir + "/v1"), r.diffs().toString());
        assertTrue(r.diffs().get(0).after().contains("src: " + lab.dir + "/v2"), r.diffs().toString());

        String f = lab.dir + "/regular";
        lab.sh("echo keep > " + f);
        r = run(file, lab.ctx(), "path", f, "state", "link", "src", lab.dir + "/v1");
        assertStatus(FAILED, r);
        assertEquals("keep\n", lab.cat(f));
        assertStatus(CHANGED, run(file, lab.ctx(), "path", f, "state", "link", "src", lab.dir + "/v1", "force", "yes"));
        assertEquals(lab.dir + "/v1", lab.sh("readlink " + f).strip());
    }

    @Test
    void absentRemovesTreesAndIsThenUnchanged() throws Exception {
        String d = lab.dir + "/gone";
        lab.sh("mkdir -p " + d + "/x && touch " + d + "/x/y");
        ModuleResult r = run(file, lab.check(), "path", d, "state", "absent");
        assertStatus(CHANGED, r);
        assertTrue(lab.exists(d));
        assertStatus(CHANGED, run(file, lab.ctx(), "path", d, "state", "absent"));
        assertFalse(lab.exists(d));
        assertStatus(OK, run(file, lab.ctx(), "path", d, "state", "absent"));
    }

    @Test
    void badArgumentsFailWithTheirName() throws Exception {
        assertTrue(run(file, lab.ctx(), "path", "relative/x", "state", "directory").msg().contains("absolute"));
        assertTrue(run(file, lab.ctx(), "path", lab.dir + "/z", "state", "dir").msg().contains("state must be one of"));
        assertTrue(run(file, lab.ctx(), "path", lab.dir + "/z", "state", "link").msg().contains("src"));
        assertStatus(FAILED, run(file, lab.ctx(), "path", "/", "state", "absent"));
    }
}
