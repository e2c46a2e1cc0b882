package io.pgha.facts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the key=value lines FactGatherer's script prints into Facts. Pure, so every distribution's
 * quirks can be tested from a sample. Unknown keys are ignored; missing ones become empty/zero.
 */
public final class FactsParser {
    private FactsParser() {}

    public static Facts parse(String output) {
        Map<String, String> v = new LinkedHashMap<>();
        Map<String, List<String>> interfaces = new LinkedHashMap<>();
        for (String raw : output.split("\n")) {
            String line = raw.strip();
            int eq = line.indexOf('=');
            if (eq <= 0) continue;
            String key = line.substring(0, eq);
            String value = line.substring(eq + 1).strip();
            if (key.equals("ipv4")) {
                addInterface(interfaces, value);
            } else {
                v.putIfAbsent(key, unquote(value));
            }
        }
        String id = v.getOrDefault("os_ID", "").toLowerCase(Locale.ROOT);
        String hostname = v.getOrDefault("hostname", "");
        if (hostname.contains(".")) hostname = hostname.substring(0, hostname.indexOf('.'));
        String fqdn = v.getOrDefault("fqdn", "");
        return new Facts(
                osFamily(id, v.getOrDefault("os_ID_LIKE", "")),
                distribution(id),
                v.getOrDefault("os_VERSION_ID", ""),
                v.getOrDefault("init", "sysvinit"),
                v.getOrDefault("pkg", ""),
                hostname,
                fqdn.isEmpty() ? hostname : fqdn,
                v.getOrDefault("arch", ""),
                interfaces,
                (int) number(v.get("cpus")),
                number(v.get("memkb")) / 1024,
                v.getOrDefault("user", ""));
    }

    /**
     * Ansible's ansible_distribution for an os-release ID (Debian, Ubuntu, CentOS, RedHat, ...), so
     * that conditions written for Ansible (ansible_distribution == "Ubuntu") hold as they are.
     */
    public static String distribution(String id) {
        if (id == null || id.isEmpty()) return "";
        return switch (id) {
            case "rhel", "redhat" -> "RedHat";
            case "centos" -> "CentOS";
            case "almalinux" -> "AlmaLinux";
            case "ol", "oracle" -> "OracleLinux";
            case "amzn" -> "Amazon";
            case "sles", "sles_sap" -> "SLES";
            case "opensuse-leap" -> "openSUSE Leap";
            case "opensuse-tumbleweed" -> "openSUSE Tumbleweed";
            case "linuxmint" -> "Linux Mint";
            case "arch", "archlinux" -> "Archlinux";
            default -> Character.toUpperCase(id.charAt(0)) + id.substring(1);
        };
    }

    /** Ansible's ansible_os_family for an os-release ID, falling back to ID_LIKE, then "Unknown". */
    public static String osFamily(String id, String idLike) {
        String family = familyOf(id);
        if (family != null) return family;
        for (String like : idLike.toLowerCase(Locale.ROOT).split("\\s+")) {
            family = familyOf(like);
            if (family != null) return family;
        }
        return "Unknown";
    }

    private static String familyOf(String id) {
        if (id == null || id.isEmpty()) return null;
        return switch (id) {
            case "debian", "ubuntu", "linuxmint", "raspbian", "pop", "kali", "devuan" -> "Debian";
            case "rhel", "centos", "rocky", "almalinux", "fedora", "ol", "amzn", "scientific", "oracle", "redhat" -> "RedHat";
            case "sles", "sles_sap", "suse" -> "Suse";
            case "arch", "archlinux", "manjaro" -> "Archlinux";
            default -> id.startsWith("opensuse") ? "Suse" : null;
        };
    }

    /** "eth0 172.30.107.156/24" (from ip -o -4 addr show); "eth0@if12" is reported as eth0. */
    private static void addInterface(Map<String, List<String>> interfaces, String value) {
        String[] parts = value.split("\\s+");
        if (parts.length < 2) return;
        String name = parts[0];
        int at = name.indexOf('@');
        if (at > 0) name = name.substring(0, at);
        if (name.endsWith(":")) name = name.substring(0, name.length() - 1);
        interfaces.computeIfAbsent(name, k -> new ArrayList<>()).add(parts[1]);
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(s.length() - 1) == s.charAt(0)) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    private static long number(String s) {
        if (s == null) return 0;
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
