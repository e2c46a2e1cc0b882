package io.pgha.modules.system;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PackageManagersTest {
    final AptPackages apt = new AptPackages();
    final RpmPackages dnf = new RpmPackages("dnf");

    @Test
    void dpkgQueryInstalledOnlyWhenStatusSaysSo() {
        String out = "less\tun \t\n" + "tree\tii \t2.1.0-1\n" + "curl\trc \t7.88.1-10\n" + "gcc\tiU \t4:12.2.0-3\n" + "make\thi \t4.3-4.1\n";
        assertEquals(Set.of("tree", "make"), apt.installed(List.of("less", "tree", "curl", "gcc", "make", "absent"), out));
    }

    @Test
    void aptPinnedVersionsAndArchQualifiedNames() {
        String out = "tree\tii \t2.1.0-1\nlibc6\tii \t2.36-9\n";
        assertEquals(Set.of("tree=2.1.0-1", "libc6:amd64"), apt.installed(List.of("tree=2.1.0-1", "libc6:amd64"), out));
        assertEquals(Set.of(), apt.installed(List.of("tree=2.0"), out));
        assertEquals(Set.of("tree=2.1*"), apt.installed(List.of("tree=2.1*"), out));
        assertTrue(apt.queryScript(List.of("tree=2.1.0-1", "libc6:amd64")).contains("'tree' 'libc6'"));
    }

    @Test
    void aptCachePolicyCandidates() {
        String out = """
                tree:
                  Installed: 2.1.0-1
                  Candidate: 2.1.0-1
                  Version table:
                 *** 2.1.0-1 500
                less:
                  Installed: 590-1
                  Candidate: 590-2
                curl:
                  Installed: (none)
                  Candidate: 7.88
                """;
        assertEquals(Set.of("less"), apt.upgradable(List.of("tree", "less", "curl"), out));
    }

    @Test
    void aptCommandsAreNonInteractiveAndWaitForTheLock() {
        String install = apt.installScript(List.of("tree"), false, 120);
        assertTrue(install.contains("DPkg::Lock::Timeout=120"), install);
        assertTrue(install.contains("--no-install-recommends") && install.endsWith("install 'tree'"), install);
        assertTrue(install.contains("--force-confold"));
        assertEquals("noninteractive", apt.env().get("DEBIAN_FRONTEND"));
        assertTrue(apt.removeScript(List.of("tree=1"), true, 5).endsWith("purge 'tree'"));
        assertTrue(apt.isLockError("E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 1234 (apt-get)"));
        assertFalse(apt.isLockError("E: Unable to locate package nope"));
        assertTrue(apt.hint("E: Unable to locate package nope").contains("update_cache"));
    }

    @Test
    void rpmQueryAndCheckUpdate() {
        String q = "tree\t1.7.0-15.el8\npackage less is not installed\npostgresql15\t15.4-1PGDG.rhel8\n";
        assertEquals(Set.of("tree", "postgresql15-15.4"), dnf.installed(List.of("tree", "less", "postgresql15-15.4"), q));
        String cu = "\ntree.x86_64    1.8.0-1.el8    baseos\nbash.x86_64 5.1-2 baseos\npgha-rc=100\n";
        assertEquals(Set.of("tree"), dnf.upgradable(List.of("tree", "less"), cu));
        assertEquals(Set.of(), dnf.upgradable(List.of("tree"), "pgha-rc=0\n"));
        assertTrue(dnf.installScript(List.of("tree"), false, 1).startsWith("dnf -y --setopt=install_weak_deps=False install"));
        assertNull(dnf.cacheAgeScript());
        assertTrue(PackageManager.forName("yum") instanceof RpmPackages);
        assertNull(PackageManager.forName("pacman"));
    }
}
