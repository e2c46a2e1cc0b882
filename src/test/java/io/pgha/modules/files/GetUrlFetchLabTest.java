package io.pgha.modules.files;

import com.sun.net.httpserver.HttpServer;
import io.pgha.modules.ModuleResult;
import io.pgha.testing.TestModuleContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static io.pgha.modules.ModuleResult.Status.CHANGED;
import static io.pgha.modules.ModuleResult.Status.FAILED;
import static io.pgha.modules.ModuleResult.Status.OK;
import static io.pgha.modules.files.FilesLab.assertStatus;
import static io.pgha.modules.files.FilesLab.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * get_url (downloading ON the node from a small HTTP server on the controller's lab-network address)
 * and fetch (node to controller) on the real node db06.
 */
@Tag("lab")
class GetUrlFetchLabTest {
    static FilesLab lab;
    static HttpServer http;
    static String base;
    static final Map<String, byte[]> served = new ConcurrentHashMap<>();
    static final AtomicInteger hits = new AtomicInteger();
    final GetUrlModule getUrl = new GetUrlModule();
    final FetchModule fetch = new FetchModule();

    @BeforeAll
    static void up() throws Exception {
        lab = new FilesLab();
        // get_url needs curl or wget on the host; a minimal Debian has neither, as a real one may not.
        lab.sh("command -v curl >/dev/null || command -v wget >/dev/null || (apt-get -o DPkg::Lock::Timeout=180 update -qq"
                + " && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=180 install -y -qq --no-install-recommends wget >/dev/null)");
        http = HttpServer.create(new InetSocketAddress(controllerAddressOnLabNetwork(), 0), 0);
        http.createContext("/", ex -> {
            hits.incrementAndGet();
            byte[] body = served.get(ex.getRequestURI().getPath());
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
            } else {
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
        http.start();
        base = "http://" + http.getAddress().getAddress().getHostAddress() + ":" + http.getAddress().getPort();
    }

    /** This machine's address on the lab's /24 (the nodes' gateway), so nothing leaves the lab network. */
    private static InetAddress controllerAddressOnLabNetwork() throws Exception {
        String node = lab.lab.address(FilesLab.HOST);
        String prefix = node.substring(0, node.lastIndexOf('.') + 1);
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                if (a instanceof Inet4Address && a.getHostAddress().startsWith(prefix)) return a;
            }
        }
        throw new IllegalStateException("no local address on the lab network " + prefix + "0/24");
    }

    @AfterAll
    static void down() throws Exception {
        if (http != null) http.stop(0);
        if (lab != null) lab.close();
    }

    @Test
    void downloadsOnceThenUnchangedWithoutRefetching() throws Exception {
        served.put("/dl/pg-15.tar.gz", "tarball-v1".getBytes(StandardCharsets.UTF_8));
        String dest = lab.dir + "/pg-15.tar.gz";
        Object[] args = {"url", base + "/dl/pg-15.tar.gz", "dest", dest, "mode", "0640", "owner", "pgha"};
        int before = hits.get();
        assertStatus(CHANGED, run(getUrl, lab.check(), args));
        assertFalse(lab.exists(dest));
        assertEquals(before, hits.get(), "check mode must not download");

        assertStatus(CHANGED, run(getUrl, lab.ctx(), args));
        assertEquals("tarball-v1", lab.cat(dest));
        assertEquals("0640 pgha root", lab.attrs(dest));
        assertEquals(before + 1, hits.get());

        assertStatus(OK, run(getUrl, lab.ctx(), args));
        assertEquals(before + 1, hits.get(), "an existing dest without checksum is not downloaded again");
        // force downloads but reports no change for the same bytes
        ModuleResult r = run(getUrl, lab.ctx(), "url", base + "/dl/pg-15.tar.gz", "dest", dest, "force", "yes", "mode", "0640", "owner", "pgha");
        assertStatus(OK, r);
        assertEquals(before + 2, hits.get());
    }

    @Test
    void checksumDecidesAndAMismatchNeverReplacesTheFile() throws Exception {
        byte[] v2 = "tarball-v2".getBytes(StandardCharsets.UTF_8);
        served.put("/dl/ka.tar.gz", v2);
        String dest = lab.dir + "/ka.tar.gz";
        lab.sh("printf old > " + dest);
        String sum = "sha256:" + ManagedFile.sha256(v2);
        assertStatus(CHANGED, run(getUrl, lab.ctx(), "url", base + "/dl/ka.tar.gz", "dest", dest, "checksum", sum));
        assertEquals("tarball-v2", lab.cat(dest));
        int h = hits.get();
        assertStatus(OK, run(getUrl, lab.ctx(), "url", base + "/dl/ka.tar.gz", "dest", dest, "checksum", sum));
        assertEquals(h, hits.get());

        served.put("/dl/ka.tar.gz", "tampered".getBytes(StandardCharsets.UTF_8));
        lab.sh("printf old > " + dest);
        ModuleResult r = run(getUrl, lab.ctx(), "url", base + "/dl/ka.tar.gz", "dest", dest, "checksum", sum);
        assertStatus(FAILED, r);
        assertTrue(r.msg().contains("checksum mismatch"), r.msg());
        assertEquals("old", lab.cat(dest));
        assertEquals("", lab.sh("ls -A " + lab.dir + " | grep pgha- || true"), "the temporary download is removed");

        assertTrue(run(getUrl, lab.ctx(), "url", base + "/x", "dest", dest, "checksum", "md5:abc").msg().contains("sha256"));
    }

    @Test
    void directoryDestTakesTheUrlsFileNameAndHttpErrorsFail() throws Exception {
        served.put("/dl/notes.txt", "n\n".getBytes(StandardCharsets.UTF_8));
        lab.sh("mkdir -p " + lab.dir + "/dl");
        ModuleResult r = run(getUrl, lab.ctx(), "url", base + "/dl/notes.txt", "dest", lab.dir + "/dl");
        assertStatus(CHANGED, r);
        assertEquals(lab.dir + "/dl/notes.txt", r.data().get("dest"));
        assertEquals("n\n", lab.cat(lab.dir + "/dl/notes.txt"));

        r = run(getUrl, lab.ctx(), "url", base + "/dl/missing", "dest", lab.dir + "/dl/missing");
        assertStatus(FAILED, r);
        assertFalse(lab.exists(lab.dir + "/dl/missing"));
    }

    @Test
    void fetchRootOnlyFileFlatThenUnchangedThenRefreshed() throws Exception {
        String src = lab.dir + "/pg-build.tgz";
        lab.sh("head -c 300000 /dev/urandom > " + src + " && chmod 0600 " + src);
        Path out = lab.local.resolve("builds/");
        Object[] args = {"src", src, "dest", out + "/", "flat", "yes"};
        Path local = out.resolve("pg-build.tgz");
        assertStatus(CHANGED, run(fetch, lab.check(), args));
        assertFalse(Files.exists(local));

        assertStatus(CHANGED, run(fetch, lab.ctx(), args));
        assertEquals(lab.sh("sha256sum < " + src).split(" ")[0], FetchModule.sha256(local));
        assertStatus(OK, run(fetch, lab.ctx(), args));
        assertEquals("", lab.sh("ls -A /tmp | grep pgha-read || true"), "the staged copy is removed");

        Files.writeString(local, "stale");
        assertStatus(CHANGED, run(fetch, lab.ctx(), args));
        assertEquals(lab.sh("sha256sum < " + src).split(" ")[0], FetchModule.sha256(local));
    }

    @Test
    void fetchNotFlatUsesHostFolderAndWorksWithoutBecome() throws Exception {
        String src = lab.dir + "/version.txt";
        lab.sh("echo 15.18 > " + src + " && chmod 0644 " + src);
        TestModuleContext c = lab.ctx();
        c.become = false;
        ModuleResult r = run(fetch, c, "src", src, "dest", "fetched");
        assertStatus(CHANGED, r);
        Path local = lab.local.resolve("fetched/db06" + src);
        assertEquals(local.toString(), r.data().get("dest"));
        assertArrayEquals("15.18\n".getBytes(), Files.readAllBytes(local));
        assertStatus(OK, run(fetch, c, "src", src, "dest", "fetched"));
    }

    @Test
    void fetchMissingFileFailsUnlessToldOtherwise() throws Exception {
        ModuleResult r = run(fetch, lab.ctx(), "src", lab.dir + "/nope", "dest", "x/", "flat", true);
        assertStatus(FAILED, r);
        assertTrue(r.msg().contains("does not exist"), r.msg());
        assertStatus(OK, run(fetch, lab.ctx(), "src", lab.dir + "/nope", "dest", "x/", "flat", true, "fail_on_missing", "no"));
    }
}
