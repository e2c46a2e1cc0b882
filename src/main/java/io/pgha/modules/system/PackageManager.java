package io.pgha.modules.system;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One package manager as shell text and parsers: the package module decides what to do from what
 * these report, so each manager's differences stay here and can be tested without a host.
 * Package specs are names, for apt optionally pinned as name=version.
 */
interface PackageManager {
    String name();

    /** Prints the installed state of the given specs (one line per known package); exit code ignored. */
    String queryScript(List<String> specs);

    /** The specs among those requested that are installed (and, when pinned, at that version). */
    Set<String> installed(List<String> specs, String queryOutput);

    /** Seconds since the package lists were refreshed (a script printing one number), or null if not tracked. */
    String cacheAgeScript();

    String updateCacheScript(int lockTimeoutSeconds);

    String installScript(List<String> specs, Boolean installRecommends, int lockTimeoutSeconds);

    String removeScript(List<String> specs, boolean purge, int lockTimeoutSeconds);

    /** Prints, for installed specs, whether a newer version is available (parsed by upgradable). */
    String upgradableScript(List<String> specs);

    /** Specs with a newer candidate than the installed version. */
    Set<String> upgradable(List<String> specs, String output);

    /** Environment for every change (non-interactive front ends). */
    Map<String, String> env();

    /** Lines worth showing as progress of a long install. */
    boolean isProgressLine(String line);

    /** Another process holds the package database: worth waiting and trying again. */
    default boolean isLockError(String stderr) {
        String s = stderr == null ? "" : stderr;
        return s.contains("Could not get lock") || s.contains("Unable to acquire the dpkg frontend lock")
                || s.contains("Unable to lock directory") || s.contains("is another process using it")
                || s.contains("Waiting for process with pid") || s.contains("Another app is currently holding the yum lock");
    }

    /** A hint for a failure output (unknown package -> refresh the lists), or "". */
    String hint(String output);

    static PackageManager forName(String manager) {
        if (manager == null) return null;
        return switch (manager) {
            case "apt" -> new AptPackages();
            case "dnf", "yum" -> new RpmPackages(manager);
            default -> null;
        };
    }
}
