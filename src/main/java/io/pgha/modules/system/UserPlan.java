package io.pgha.modules.system;

import io.pgha.core.Shell;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The user the task asks for, and the command that gets there from what the host has: useradd for a
 * new user, usermod with only the differing fields for an existing one (nothing when all match).
 * Fields left null are not managed.
 */
record UserPlan(String name, Integer uid, String group, List<String> groups, boolean append, String home,
                String shell, String comment, boolean system, boolean createHome, boolean moveHome) {

    /** What differs, as "field: actual -> desired" texts (empty when nothing does). */
    List<String> differences(UserState actual) {
        List<String> d = new ArrayList<>();
        if (uid != null && uid != actual.uid()) d.add("uid: " + actual.uid() + " -> " + uid);
        if (group != null && !groupMatches(actual)) d.add("group: " + actual.primaryGroup() + " -> " + group);
        if (groups != null && !missingGroups(actual).isEmpty()) d.add("groups: +" + String.join(",", missingGroups(actual)));
        if (groups != null && !append && !extraGroups(actual).isEmpty()) d.add("groups: -" + String.join(",", extraGroups(actual)));
        if (home != null && !home.equals(actual.home())) d.add("home: " + actual.home() + " -> " + home);
        if (shell != null && !shell.equals(actual.shell())) d.add("shell: " + actual.shell() + " -> " + shell);
        if (comment != null && !comment.equals(actual.comment())) d.add("comment: '" + actual.comment() + "' -> '" + comment + "'");
        return d;
    }

    /** usermod with the differing fields only; null when nothing differs. */
    String usermod(UserState actual) {
        List<String> a = new ArrayList<>();
        if (uid != null && uid != actual.uid()) { a.add("-u"); a.add(uid.toString()); }
        if (group != null && !groupMatches(actual)) { a.add("-g"); a.add(group); }
        if (groups != null) {
            List<String> missing = missingGroups(actual);
            if (append && !missing.isEmpty()) { a.add("-a"); a.add("-G"); a.add(String.join(",", missing)); }
            else if (!append && (!missing.isEmpty() || !extraGroups(actual).isEmpty())) { a.add("-G"); a.add(String.join(",", wanted())); }
        }
        if (home != null && !home.equals(actual.home())) { a.add("-d"); a.add(home); if (moveHome) a.add("-m"); }
        if (shell != null && !shell.equals(actual.shell())) { a.add("-s"); a.add(shell); }
        if (comment != null && !comment.equals(actual.comment())) { a.add("-c"); a.add(comment); }
        if (a.isEmpty()) return null;
        return "usermod " + Shell.join(a) + " " + Shell.quote(name);
    }

    /** useradd; without a group it joins an existing group of the user's name (useradd refuses otherwise). */
    String useradd() {
        List<String> a = new ArrayList<>();
        if (system) a.add("-r");
        if (uid != null) { a.add("-u"); a.add(uid.toString()); }
        if (group != null) { a.add("-g"); a.add(group); }
        if (groups != null && !wanted().isEmpty()) { a.add("-G"); a.add(String.join(",", wanted())); }
        if (home != null) { a.add("-d"); a.add(home); }
        if (shell != null) { a.add("-s"); a.add(shell); }
        if (comment != null) { a.add("-c"); a.add(comment); }
        a.add(createHome ? "-m" : "-M");
        String q = Shell.quote(name);
        String sameName = group == null ? "g=; getent group " + q + " >/dev/null && g=\"-g \"" + q + "; " : "g=; ";
        return sameName + "useradd $g " + Shell.join(a) + " " + q;
    }

    private boolean groupMatches(UserState actual) {
        if (group.matches("\\d+")) return Integer.parseInt(group) == actual.gid();
        return group.equals(actual.primaryGroup());
    }

    private List<String> wanted() {
        return new ArrayList<>(new LinkedHashSet<>(groups));
    }

    private List<String> missingGroups(UserState actual) {
        Set<String> have = new LinkedHashSet<>(actual.groups());
        have.add(actual.primaryGroup());
        return wanted().stream().filter(g -> !have.contains(g)).toList();
    }

    private List<String> extraGroups(UserState actual) {
        Set<String> want = new LinkedHashSet<>(groups);
        return actual.groups().stream().filter(g -> !want.contains(g)).toList();
    }
}
