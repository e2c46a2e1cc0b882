package io.pgha.modules.files;

import io.pgha.modules.ModuleResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.pgha.modules.ModuleResult.Status.CHANGED;
import static io.pgha.modules.ModuleResult.Status.FAILED;
import static io.pgha.modules.ModuleResult.Status.OK;
import static io.pgha.modules.files.FilesLab.assertStatus;
import static io.pgha.modules.files.FilesLab.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** unarchive on the real node db06: archives made on the controller and on the node. */
@Tag("lab")
class UnarchiveLabTest {
    static FilesLab lab;
    final UnarchiveModule unarchive = new UnarchiveModule();

    @BeforeAll
    static void up() throws Exception {
        lab = new FilesLab();
        Path tree = lab.local.resolve("tree");
        Files.createDirectories(tree.resolve("app/bin"));
        Files.writeString(tree.resolve("app/bin/run"), "#!/bin/sh\necho run\n");
        tree.resolve("app/bin/run").toFile().setExecutable(true);
        Files.writeString(tree.resolve("app/README"), "readme\n");
        tar(lab.local, "app.tar.gz", "-czf", tree);
        tar(lab.local, "app.tar", "-cf", tree);
        Files.writeString(lab.local.resolve("not-an-archive.tgz"), "hello");
    }

    private static void tar(Path dir, String name, String flags, Path tree) throws Exception {
        Process p = new ProcessBuilder(List.of("tar", flags, dir.resolve(name).toString(), "-C", tree.toString(), "app"))
                .inheritIO().start();
        assertEquals(0, p.waitFor());
    }

    @AfterAll static void down() throws Exception { if (lab != null) lab.close(); }

    @Test
    void controllerArchiveExtractedOnceThenUnchangedAndRepairedWhenModified() throws Exception {
        String d = lab.dir + "/opt1";
        lab.sh("mkdir " + d);
        ModuleResult r = run(unarchive, lab.check(), "src", "app.tar.gz", "dest", d);
        assertStatus(CHANGED, r);
        assertEquals("", lab.sh("ls -A " + d));
        assertStatus(CHANGED, run(unarchive, lab.ctx(), "src", "app.tar.gz", "dest", d));
        assertEquals("#!/bin/sh\necho run\n", lab.cat(d + "/app/bin/run"));
        assertTrue(lab.attrs(d + "/app/bin/run").startsWith("07"), lab.attrs(d + "/app/bin/run"));
        assertStatus(OK, run(unarchive, lab.ctx(), "src", "app.tar.gz", "dest", d));
        // the uploaded archive does not linger in /tmp
        assertEquals("", lab.sh("ls -A /tmp | grep pgha-unarchive || true"));

        lab.sh("echo changed > " + d + "/app/README");
        assertStatus(CHANGED, run(unarchive, lab.ctx(), "src", "app.tar", "dest", d));
        assertEquals("readme\n", lab.cat(d + "/app/README"));
        lab.sh("rm " + d + "/app/bin/run");
        assertStatus(CHANGED, run(unarchive, lab.ctx(), "src", "app.tar.gz", "dest", d));
        assertTrue(lab.exists(d + "/app/bin/run"));
        assertStatus(OK, run(unarchive, lab.ctx(), "src", "app.tar.gz", "dest", d));
    }

    @Test
    void ownerAppliedToEverythingExtractedAndChecked() throws Exception {
        String d = lab.dir + "/opt2";
        lab.sh("mkdir -p " + d + "/app && touch " + d + "/unrelated " + d + "/app/local-only");
        assertStatus(CHANGED, run(unarchive, lab.ctx(), "src", "app.tar.gz", "dest", d, "owner", "pgha", "group", "pgha"));
        // only the archive's members change owner, not what else lives under dest
        assertEquals("root root", lab.sh("stat -c '%U %G' " + d + "/unrelated " + d + "/app/local-only").lines().distinct().reduce("", String::concat));
        lab.sh("rm " + d + "/unrelated " + d + "/app/local-only");
        assertEquals("", lab.sh("find " + d + "/app ! -user pgha -o ! -group pgha"));
        assertEquals("0755 root root", lab.attrs(d), "dest itself is left alone");
        assertStatus(OK, run(unarchive, lab.ctx(), "src", "app.tar.gz", "dest", d, "owner", "pgha", "group", "pgha"));
        lab.sh("chown root " + d + "/app/bin/run");
        assertStatus(CHANGED, run(unarchive, lab.ctx(), "src", "app.tar.gz", "dest", d, "owner", "pgha"));
        assertEquals("pgha", lab.sh("stat -c %U " + d + "/app/bin/run").strip());
    }

    @Test
    void remoteSrcWithExtraOptsAndCreates() throws Exception {
        String d = lab.dir + "/opt3";
        lab.sh("mkdir -p " + d + " " + lab.dir + "/build/pg/bin && echo psql > " + lab.dir + "/build/pg/bin/psql"
                + " && tar -czf " + lab.dir + "/pg.tgz -C " + lab.dir + "/build pg");
        Object[] args = {"src", lab.dir + "/pg.tgz", "remote_src", "yes", "dest", d, "extra_opts", List.of("--strip-components=1")};
        assertStatus(CHANGED, run(unarchive, lab.ctx(), args));
        assertEquals("psql\n", lab.cat(d + "/bin/psql"));
        assertStatus(OK, run(unarchive, lab.ctx(), args));
        assertTrue(lab.exists(lab.dir + "/pg.tgz"), "a remote src is not removed");

        lab.sh("echo local > " + d + "/bin/psql");
        ModuleResult r = run(unarchive, lab.ctx(), "src", lab.dir + "/pg.tgz", "remote_src", true, "dest", d,
                "extra_opts", "--strip-components=1", "creates", d + "/bin/psql");
        assertStatus(OK, r);
        assertEquals("local\n", lab.cat(d + "/bin/psql"), "creates must skip extraction");
    }

    @Test
    void failuresAreNamed() throws Exception {
        String d = lab.dir + "/opt4";
        ModuleResult r = run(unarchive, lab.ctx(), "src", "app.tar.gz", "dest", d);
        assertStatus(FAILED, r);
        assertTrue(r.msg().contains("not a directory"), r.msg());
        lab.sh("mkdir " + d);
        r = run(unarchive, lab.ctx(), "src", "not-an-archive.tgz", "dest", d);
        assertStatus(FAILED, r);
        assertTrue(r.msg().contains("not an archive"), r.msg());
        r = run(unarchive, lab.ctx(), "src", lab.dir + "/missing.tgz", "remote_src", "yes", "dest", d);
        assertStatus(FAILED, r);
        assertTrue(r.msg().contains("does not exist"), r.msg());
        assertStatus(CHANGED, run(unarchive, lab.check(), "src", lab.dir + "/missing.tgz", "remote_src", "yes", "dest", d));
        assertStatus(CHANGED, run(unarchive, lab.check(), "src", "app.tar.gz", "dest", lab.dir + "/not-yet"));
        assertFalse(lab.exists(lab.dir + "/not-yet"));
        assertFalse(lab.sh("ls -A " + d).contains("app"));
    }

    @Test
    void anInstalledTreeUnpackedIntoRoot() throws Exception {
        // like shipping a build: the archive holds absolute-looking paths, dest is /
        Path tree = lab.local.resolve("rootfs");
        Path inside = tree.resolve(lab.dir.substring(1) + "/installed/bin");
        Files.createDirectories(inside);
        Files.writeString(inside.resolve("tool"), "tool\n");
        Process p = new ProcessBuilder("tar", "-czf", lab.local.resolve("rootfs.tgz").toString(), "-C", tree.toString(),
                lab.dir.substring(1) + "/installed").inheritIO().start();
        assertEquals(0, p.waitFor());
        assertStatus(CHANGED, run(unarchive, lab.ctx(), "src", "rootfs.tgz", "dest", "/"));
        assertEquals("tool\n", lab.cat(lab.dir + "/installed/bin/tool"));
        assertStatus(OK, run(unarchive, lab.ctx(), "src", "rootfs.tgz", "dest", "/"));
    }
}
