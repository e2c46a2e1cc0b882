package io.pgha.modules.files;

import io.pgha.modules.Module;
import io.pgha.modules.ModuleResult;
import io.pgha.modules.support.RemoteFiles;
import io.pgha.testing.TestModuleContext;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.pgha.testing.TestArgs.args;

/** Registration, declared arguments and argument handling that need no host. */
class FileModulesTest {

    @Test
    void allModulesAreRegisteredOnceWithTheirAnsibleNames() {
        Set<String> names = FileModules.all().stream().map(Module::name).collect(Collectors.toSet());
        assertEquals(Set.of("copy", "template", "file", "lineinfile", "blockinfile", "unarchive", "get_url", "fetch"), names);
        Module template = FileModules.all().stream().filter(m -> m.name().equals("template")).findFirst().orElseThrow();
        assertEquals("src", template.spec().templateFileArg(), "the preflight renders template src files");
        for (Module m : FileModules.all()) {
            for (String target : m.spec().aliasTargets().values()) {
                assertTrue(m.spec().args().containsKey(target), m.name() + " alias to unknown " + target);
            }
        }
    }

    @Test
    void argsReadPlaybookValuesLeniently() {
        Args a = new Args(args("b1", "yes", "b2", false, "b3", "True", "mode", 644, "owner", " postgres ", "l", "-a  -b",
                "l2", List.of("--x", 1), "dest", "/d"));
        assertTrue(a.bool("b1", false));
        assertTrue(!a.bool("b2", true));
        assertTrue(a.bool("b3", false));
        assertTrue(a.bool("missing", true));
        assertEquals(new RemoteFiles.Attrs("postgres", null, 0644), a.attrs());
        assertEquals(List.of("-a", "-b"), a.list("l"));
        assertEquals(List.of("--x", "1"), a.list("l2"));
        assertEquals("/d", a.required("path", "dest"));
        assertNull(a.str("path"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> a.required("src")).getMessage().contains("src is required"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Args(args("mode", "u+rwx")).attrs()).getMessage().contains("octal"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Args(args("x", Map.of())).str("x")).getMessage().contains("x must be text"));
    }

    @Test
    void attrsCompareByNameOrId() {
        var st = new RemoteFiles.Stat("/x", "file", 0640, "postgres", "postgres", 106, 111, 3, "h", null, null);
        assertEquals(List.of(), new RemoteFiles.Attrs("postgres", "111", 0640).differences(st));
        assertEquals(List.of("owner", "mode"), new RemoteFiles.Attrs("106x", null, 0600).differences(st));
        assertEquals(List.of(), new RemoteFiles.Attrs("root", "root", 0600).differences(RemoteFiles.Stat.absent("/y")));
    }

    @Test
    void badArgumentsFailBeforeTouchingTheHost() throws Exception {
        // no connection at all: any attempt to reach the host would throw, not fail cleanly
        TestModuleContext ctx = new TestModuleContext(null, Path.of("/nonexistent"));
        assertFailed(new CopyModule(), ctx, "give exactly one of src or content", "src", "a", "content", "b", "dest", "/x");
        assertFailed(new CopyModule(), ctx, "give exactly one of src or content", "dest", "/x");
        assertFailed(new GetUrlModule(), ctx, "url must be http", "url", "file:///etc/passwd", "dest", "/x");
        assertFailed(new GetUrlModule(), ctx, "checksum must be", "url", "http://h/x", "dest", "/x", "checksum", "sha256:zz");
        assertFailed(new FileModule(), ctx, "recurse needs state: directory", "path", "/x", "recurse", "yes");
        assertFailed(new UnarchiveModule(), ctx, "mode is not supported", "src", "a.tgz", "dest", "/x", "mode", "0644");
        assertFailed(new LineInFileModule(), ctx, "line is required", "path", "/x", "regexp", "^a");
        assertFailed(new BlockInFileModule(), ctx, "marker must contain {mark}", "path", "/x", "marker", "#");
        assertFailed(new FetchModule(), ctx, "src must name a file", "src", "/var/", "dest", "out");
    }

    @Test
    void fetchLayoutAndUrlFileNames() {
        TestModuleContext ctx = new TestModuleContext(null, Path.of("/play"));
        // hostName() comes from the connection, so use the pure part of the layout
        assertEquals(Path.of("/out/b.tgz"), FetchModule.localDest(ctx, "/a/b.tgz", "/out/", true));
        assertEquals(Path.of("/play/out/b.tgz"), FetchModule.localDest(ctx, "/a/b.tgz", "out/", true));
        assertEquals(Path.of("/play/b2.tgz"), FetchModule.localDest(ctx, "/a/b.tgz", "b2.tgz", true));
        assertEquals("pg.tar.gz", GetUrlModule.fileName(GetUrlModule.parseUrl("https://h/x/pg.tar.gz?x=1")));
        assertEquals("a".repeat(64), GetUrlModule.checksum("SHA256:" + "A".repeat(64)));
    }

    private static void assertFailed(Module m, TestModuleContext ctx, String text, Object... kv) throws Exception {
        ModuleResult r = m.run(ctx, args(kv));
        assertEquals(ModuleResult.Status.FAILED, r.status(), m.name() + ": " + r.msg());
        assertTrue(r.msg().startsWith(m.name() + ": ") && r.msg().contains(text), r.msg());
    }

}
