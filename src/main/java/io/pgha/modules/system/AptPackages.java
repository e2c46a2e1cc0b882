package io.pgha.modules.system;

import io.pgha.core.Shell;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** apt-get / dpkg-query on Debian and Ubuntu. */
final class AptPackages implements PackageManager {
    private static final String OPTS = "-y -q -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold";

    @Override public String name() { return "apt"; }

    @Override
    public String queryScript(List<String> specs) {
        return "dpkg-query -W -f='${Package}\\t${db:Status-Abbrev}\\t${Version}\\n' " + Shell.join(names(specs)) + " 2>/dev/null; exit 0";
    }

    @Override
    public Set<String> installed(List<String> specs, String out) {
        Map<String, String> versions = new HashMap<>();
        for (String line : out.split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length < 3) continue;
            // Status-Abbrev: desired, status, error; status i (installed), or W/t (triggers pending) counts.
            String st = f[1];
            if (st.length() >= 2 && "iWt".indexOf(st.charAt(1)) >= 0) versions.put(f[0], f[2].strip());
        }
        Set<String> ok = new LinkedHashSet<>();
        for (String spec : specs) {
            String name = name(spec);
            String v = versions.get(name);
            if (v == null) continue;
            String want = version(spec);
            if (want == null || v.equals(want) || (want.endsWith("*") && v.startsWith(want.substring(0, want.length() - 1)))) ok.add(spec);
        }
        return ok;
    }

    @Override
    public String cacheAgeScript() {
        // Package lists directory: touched by every successful 'apt-get update'.
        return "now=$(date +%s); t=$(stat -c %Y /var/lib/apt/lists 2>/dev/null || echo 0); echo $((now - t))";
    }

    @Override
    public String updateCacheScript(int lock) {
        return "apt-get -q -o DPkg::Lock::Timeout=" + lock + " update";
    }

    @Override
    public String installScript(List<String> specs, Boolean recommends, int lock) {
        String rec = recommends == null ? "" : recommends ? " --install-recommends" : " --no-install-recommends";
        return "apt-get " + OPTS + " -o DPkg::Lock::Timeout=" + lock + rec + " install " + Shell.join(specs);
    }

    @Override
    public String removeScript(List<String> specs, boolean purge, int lock) {
        return "apt-get " + OPTS + " -o DPkg::Lock::Timeout=" + lock + " " + (purge ? "purge" : "remove") + " " + Shell.join(names(specs));
    }

    @Override
    public String upgradableScript(List<String> specs) {
        return "LC_ALL=C apt-cache policy " + Shell.join(names(specs)) + " 2>/dev/null; exit 0";
    }

    /** apt-cache policy: "name:" then "  Installed: X" and "  Candidate: Y"; upgradable when both set and different. */
    @Override
    public Set<String> upgradable(List<String> specs, String out) {
        Map<String, String[]> policy = new HashMap<>();
        String current = null;
        for (String line : out.split("\n")) {
            if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && line.endsWith(":")) {
                current = line.substring(0, line.length() - 1).split(":")[0];
                policy.put(current, new String[2]);
            } else if (current != null) {
                String t = line.strip();
                if (t.startsWith("Installed:")) policy.get(current)[0] = t.substring(10).strip();
                else if (t.startsWith("Candidate:")) policy.get(current)[1] = t.substring(10).strip();
            }
        }
        Set<String> up = new LinkedHashSet<>();
        for (String spec : specs) {
            String[] p = policy.get(name(spec));
            if (p == null || p[0] == null || p[1] == null) continue;
            if (!p[0].equals("(none)") && !p[1].equals("(none)") && !p[0].equals(p[1])) up.add(spec);
        }
        return up;
    }

    @Override
    public Map<String, String> env() {
        return Map.of("DEBIAN_FRONTEND", "noninteractive", "NEEDRESTART_MODE", "a", "LC_ALL", "C");
    }

    @Override
    public boolean isProgressLine(String line) {
        return line.startsWith("Get:") || line.startsWith("Unpacking ") || line.startsWith("Setting up ")
                || line.startsWith("Removing ");
    }

    @Override
    public String hint(String output) {
        if (output.contains("Unable to locate package") || output.contains("has no installation candidate")) {
            return " (the package lists may be stale or empty: add update_cache: yes)";
        }
        return "";
    }

    static String name(String spec) {
        String n = spec.contains("=") ? spec.substring(0, spec.indexOf('=')) : spec;
        return n.contains(":") ? n.substring(0, n.indexOf(':')) : n;
    }

    static String version(String spec) {
        return spec.contains("=") ? spec.substring(spec.indexOf('=') + 1) : null;
    }

    private static List<String> names(List<String> specs) {
        return specs.stream().map(AptPackages::name).distinct().toList();
    }
}
