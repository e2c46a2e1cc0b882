package io.pgha.playbook;

import io.pgha.core.SourceLocation;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One task (or handler). Expressions ({@code when}, {@code changedWhen}, {@code failedWhen},
 * {@code until}) are raw Freemarker expressions, e.g. {@code ansible_os_family == "Debian"};
 * string args may hold ${...} interpolations, rendered per host just before the module runs.
 *
 * @param module     module name (command, template, ...)
 * @param args       module arguments; a free-form string (command: echo hi) is stored under the
 *                   module's free-form argument name
 * @param when       conditions, all must hold (empty: always)
 * @param loop       null for no loop; a List, or a String expression evaluating to a sequence
 * @param listen     handlers only: extra names this handler answers to
 * @param argLocations where each argument was written, for error messages
 */
public record Task(String name, String module, Map<String, Object> args, List<String> when,
                   String register, List<String> notifies, String changedWhen, String failedWhen,
                   boolean ignoreErrors, int retries, String until, Duration delay, List<String> tags,
                   boolean runOnce, String delegateTo, Object loop, Boolean become, String becomeUser,
                   Map<String, Object> vars, boolean noLog, List<String> listen,
                   Map<String, SourceLocation> argLocations, SourceLocation location) {

    /** "name" as shown on the console: the task's name, else "module: first arg". */
    public String displayName() {
        if (name != null && !name.isBlank()) return name;
        return module;
    }
}
