package io.pgha.facts;

import java.util.List;
import java.util.Map;

/**
 * Read-only facts about a host, gathered in one round trip.
 *
 * @param osFamily        Debian, RedHat, Suse, ... (Ansible's ansible_os_family values)
 * @param distribution    Debian, Ubuntu, CentOS, Rocky, ... (Ansible's name for the os-release ID)
 * @param distributionVersion VERSION_ID (12, 7, 9.3)
 * @param initSystem      systemd or sysvinit
 * @param packageManager  apt, dnf or yum
 * @param hostname        short hostname
 * @param fqdn            hostname -f
 * @param architecture    uname -m
 * @param interfaces      interface name -> IPv4 addresses with prefix ("172.30.107.156/24")
 * @param cpus            online CPUs
 * @param memoryMb        MemTotal in MiB
 * @param user            the login user (id -un)
 */
public record Facts(String osFamily, String distribution, String distributionVersion, String initSystem,
                    String packageManager, String hostname, String fqdn, String architecture,
                    Map<String, List<String>> interfaces, int cpus, long memoryMb, String user) {

    /** Ansible-compatible variable names (ansible_os_family, ansible_hostname, ...) for expressions. */
    public Map<String, Object> asVars() {
        Map<String, Object> v = new java.util.LinkedHashMap<>();
        v.put("ansible_os_family", osFamily);
        v.put("ansible_distribution", distribution);
        v.put("ansible_distribution_version", distributionVersion);
        v.put("ansible_distribution_major_version", distributionVersion == null ? "" : distributionVersion.split("\\.")[0]);
        v.put("ansible_service_mgr", initSystem);
        v.put("ansible_pkg_mgr", packageManager);
        v.put("ansible_hostname", hostname);
        v.put("ansible_fqdn", fqdn);
        v.put("ansible_architecture", architecture);
        v.put("ansible_interfaces", List.copyOf(interfaces.keySet()));
        v.put("ansible_ipv4_addresses", interfaces);
        v.put("ansible_processor_vcpus", cpus);
        v.put("ansible_memtotal_mb", memoryMb);
        v.put("ansible_user_id", user);
        return v;
    }

    /** Names asVars() defines; an expression that uses one triggers gathering. */
    public static final List<String> VAR_NAMES = List.of("ansible_os_family", "ansible_distribution",
            "ansible_distribution_version", "ansible_distribution_major_version", "ansible_service_mgr",
            "ansible_pkg_mgr", "ansible_hostname", "ansible_fqdn", "ansible_architecture", "ansible_interfaces",
            "ansible_ipv4_addresses", "ansible_processor_vcpus", "ansible_memtotal_mb", "ansible_user_id");
}
