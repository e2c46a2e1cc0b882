package io.pgha.facts;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FactsParserTest {

    /** FactGatherer's script output on a Debian 12 lab node, VIP held. */
    static final String DEBIAN_12 = """
            os_VERSION_ID="12"
            os_ID=debian
            init=systemd
            pkg=apt
            hostname=db06
            fqdn=db06.example.net
            arch=x86_64
            cpus=2
            memkb=24683656
            user=pgha
            ipv4=lo 127.0.0.1/8
            ipv4=eth0 172.30.107.156/24
            ipv4=eth0 172.30.107.160/32
            """;

    static final String CENTOS_7_9 = """
            os_ID="centos"
            os_ID_LIKE="rhel fedora"
            os_VERSION_ID="7"
            init=systemd
            pkg=yum
            hostname=pg1
            fqdn=pg1.corp.local
            arch=x86_64
            cpus=4
            memkb=8008408
            user=deploy
            ipv4=lo 127.0.0.1/8
            ipv4=ens192 10.20.0.11/24
            """;

    static final String ROCKY_9 = """
            os_ID="rocky"
            os_ID_LIKE="rhel centos fedora"
            os_VERSION_ID="9.3"
            init=systemd
            pkg=dnf
            hostname=db1
            fqdn=
            arch=aarch64
            cpus=8
            memkb=16287732
            user=rocky
            ipv4=lo 127.0.0.1/8
            ipv4=eth0@if7 192.168.1.20/24
            """;

    @Test
    void debian12() {
        Facts f = FactsParser.parse(DEBIAN_12);
        assertEquals("Debian", f.osFamily());
        assertEquals("Debian", f.distribution());
        assertEquals("12", f.distributionVersion());
        assertEquals("systemd", f.initSystem());
        assertEquals("apt", f.packageManager());
        assertEquals("db06", f.hostname());
        assertEquals("db06.example.net", f.fqdn());
        assertEquals("x86_64", f.architecture());
        assertEquals(Map.of("lo", List.of("127.0.0.1/8"), "eth0", List.of("172.30.107.156/24", "172.30.107.160/32")), f.interfaces());
        assertEquals(List.of("lo", "eth0"), List.copyOf(f.interfaces().keySet()), "order as the host lists them");
        assertEquals(2, f.cpus());
        assertEquals(24105, f.memoryMb()); // kB / 1024, rounded down as Ansible does
        assertEquals("pgha", f.user());
        assertEquals("12", f.asVars().get("ansible_distribution_major_version"));
    }

    @Test
    void centos79() {
        Facts f = FactsParser.parse(CENTOS_7_9);
        assertEquals("RedHat", f.osFamily());
        assertEquals("CentOS", f.distribution());
        assertEquals("7", f.distributionVersion());
        assertEquals("yum", f.packageManager());
        assertEquals("systemd", f.initSystem());
        assertEquals("pg1", f.hostname());
        assertEquals("pg1.corp.local", f.fqdn());
        assertEquals(Map.of("lo", List.of("127.0.0.1/8"), "ens192", List.of("10.20.0.11/24")), f.interfaces());
        assertEquals(4, f.cpus());
        assertEquals(7820, f.memoryMb());
        assertEquals("deploy", f.user());
    }

    @Test
    void rocky9() {
        Facts f = FactsParser.parse(ROCKY_9);
        assertEquals("RedHat", f.osFamily());
        assertEquals("Rocky", f.distribution());
        assertEquals("9.3", f.distributionVersion());
        assertEquals("9", f.asVars().get("ansible_distribution_major_version"));
        assertEquals("dnf", f.packageManager());
        assertEquals("db1", f.fqdn(), "empty hostname -f falls back to the short name");
        assertEquals("aarch64", f.architecture());
        assertEquals(List.of("192.168.1.20/24"), f.interfaces().get("eth0"), "eth0@if7 is eth0");
        assertEquals(15905, f.memoryMb());
    }

    @Test
    void osFamilyMapping() {
        assertEquals("Debian", FactsParser.osFamily("ubuntu", ""));
        assertEquals("Debian", FactsParser.osFamily("linuxmint", "ubuntu debian"));
        assertEquals("RedHat", FactsParser.osFamily("almalinux", "rhel centos fedora"));
        assertEquals("RedHat", FactsParser.osFamily("ol", "fedora"));
        assertEquals("RedHat", FactsParser.osFamily("amzn", "centos rhel fedora"));
        assertEquals("RedHat", FactsParser.osFamily("fedora", ""));
        assertEquals("Suse", FactsParser.osFamily("sles", ""));
        assertEquals("Suse", FactsParser.osFamily("opensuse-leap", "suse opensuse"));
        assertEquals("Archlinux", FactsParser.osFamily("arch", ""));
        assertEquals("Debian", FactsParser.osFamily("someos", "ubuntu debian"), "falls back to ID_LIKE");
        assertEquals("Unknown", FactsParser.osFamily("someos", ""));
        assertEquals("Unknown", FactsParser.osFamily("", ""));
    }

    @Test
    void sysvinitHostWithoutIpOrOsRelease() {
        Facts f = FactsParser.parse("init=sysvinit\npkg=\nhostname=old.box.lan\nfqdn=old.box.lan\narch=i686\ncpus=1\nmemkb=1024\nuser=root\n");
        assertEquals("Unknown", f.osFamily());
        assertEquals("sysvinit", f.initSystem());
        assertEquals("old", f.hostname());
        assertEquals(Map.of(), f.interfaces());
        assertEquals(1, f.memoryMb());
    }
}
