package io.pgha.modules.system;

import io.pgha.core.Shell;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** dnf or yum with rpm queries (RHEL, Rocky, CentOS, Fedora). */
final class RpmPackages implements PackageManager {
    private final String tool;

    RpmPackages(String tool) { this.tool = tool; }

    @Override public String name() { return tool; }

    @Override
    public String queryScript(List<String> specs) {
        return "rpm -q --qf '%{NAME}\\t%{VERSION}-%{RELEASE}\\n' " + Shell.join(specs) + " 2>/dev/null; exit 0";
    }

    /** Lines "NAME\tVERSION-RELEASE"; "package x is not installed" lines have no tab. */
    @Override
    public Set<String> installed(List<String> specs, String out) {
        Set<String> names = new HashSet<>();
        for (String line : out.split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) names.add(line.substring(0, tab));
        }
        Set<String> ok = new LinkedHashSet<>();
        for (String spec : specs) {
            if (names.contains(spec)) { ok.add(spec); continue; }
            // name-version specs (postgresql15-15.4): the query prints the bare name.
            for (String n : names) if (spec.startsWith(n + "-")) { ok.add(spec); break; }
        }
        return ok;
    }

    @Override public String cacheAgeScript() { return null; }

    @Override
    public String updateCacheScript(int lock) { return tool + " -q -y makecache"; }

    @Override
    public String installScript(List<String> specs, Boolean recommends, int lock) {
        String weak = recommends == null || tool.equals("yum") ? "" : " --setopt=install_weak_deps=" + (recommends ? "True" : "False");
        return tool + " -y" + weak + " install " + Shell.join(specs);
    }

    @Override
    public String removeScript(List<String> specs, boolean purge, int lock) {
        return tool + " -y remove " + Shell.join(specs);
    }

    /** check-update exits 100 and lists "name.arch version repo" when updates exist. */
    @Override
    public String upgradableScript(List<String> specs) {
        return "LC_ALL=C " + tool + " -q check-update " + Shell.join(specs) + "; echo \"pgha-rc=$?\"";
    }

    @Override
    public Set<String> upgradable(List<String> specs, String out) {
        Set<String> up = new LinkedHashSet<>();
        if (!out.contains("pgha-rc=100")) return up;
        Set<String> names = new HashSet<>();
        for (String line : out.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 3 || line.startsWith(" ")) continue;
            String n = f[0];
            int dot = n.lastIndexOf('.');
            names.add(dot > 0 ? n.substring(0, dot) : n);
        }
        for (String spec : specs) if (names.contains(spec)) up.add(spec);
        return up;
    }

    @Override public Map<String, String> env() { return Map.of("LC_ALL", "C"); }

    @Override
    public boolean isProgressLine(String line) {
        String t = line.strip();
        return t.startsWith("Installing ") || t.startsWith("Upgrading ") || t.startsWith("Downloading")
                || t.startsWith("Removing ") || t.startsWith("Erasing ");
    }

    @Override
    public String hint(String output) {
        if (output.contains("No match for argument") || output.contains("No package ")) {
            return " (is the repository that provides it enabled?)";
        }
        return "";
    }
}
