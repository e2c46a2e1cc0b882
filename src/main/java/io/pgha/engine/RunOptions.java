package io.pgha.engine;

import java.util.Map;
import java.util.Set;

/**
 * How to run a playbook.
 *
 * @param forks       hosts worked on at once (0: all)
 * @param limit       extra host pattern intersected with each play's hosts (null: none)
 * @param tags        run only tasks with one of these tags (empty: all); 'always' tasks always run
 * @param skipTags    never run tasks with these tags
 * @param check       change nothing; modules report what they would change
 * @param diff        show file diffs
 * @param extraVars   highest-precedence variables (-e)
 * @param defaultVars lowest-precedence variables (ops' built-in defaults)
 * @param acceptNewHostKeys add unknown host keys to known_hosts
 */
public record RunOptions(int forks, String limit, Set<String> tags, Set<String> skipTags, boolean check,
                         boolean diff, Map<String, Object> extraVars, Map<String, Object> defaultVars,
                         boolean acceptNewHostKeys) {

    public static RunOptions defaults() {
        return new RunOptions(0, null, Set.of(), Set.of(), false, false, Map.of(), Map.of(), false);
    }

    public RunOptions withCheck(boolean c) { return new RunOptions(forks, limit, tags, skipTags, c, diff, extraVars, defaultVars, acceptNewHostKeys); }
    public RunOptions withDiff(boolean d) { return new RunOptions(forks, limit, tags, skipTags, check, d, extraVars, defaultVars, acceptNewHostKeys); }
    public RunOptions withLimit(String l) { return new RunOptions(forks, l, tags, skipTags, check, diff, extraVars, defaultVars, acceptNewHostKeys); }
    public RunOptions withTags(Set<String> t) { return new RunOptions(forks, limit, Set.copyOf(t), skipTags, check, diff, extraVars, defaultVars, acceptNewHostKeys); }
    public RunOptions withDefaultVars(Map<String, Object> d) { return new RunOptions(forks, limit, tags, skipTags, check, diff, extraVars, Map.copyOf(d), acceptNewHostKeys); }
    public RunOptions withExtraVars(Map<String, Object> e) { return new RunOptions(forks, limit, tags, skipTags, check, diff, Map.copyOf(e), defaultVars, acceptNewHostKeys); }
    public RunOptions withForks(int f) { return new RunOptions(f, limit, tags, skipTags, check, diff, extraVars, defaultVars, acceptNewHostKeys); }
    public RunOptions withAcceptNewHostKeys(boolean a) { return new RunOptions(forks, limit, tags, skipTags, check, diff, extraVars, defaultVars, a); }
}
