package io.pgha.playbook;

import io.pgha.core.SourceLocation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

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
 * @param argLocations where each argument and keyword was written, for error messages (a keyword
 *                   inherited from an import or a block: where the import or block wrote it)
 * @param block      null for a task; for a block with rescue: or always: (module "block"), its three
 *                   sections, whose tasks already carry the block's keywords (a block with neither is
 *                   loaded as its tasks)
 */
public record Task(String name, String module, Map<String, Object> args, List<String> when,
                   String register, List<String> notifies, String changedWhen, String failedWhen,
                   boolean ignoreErrors, int retries, String until, Duration delay, List<String> tags,
                   boolean runOnce, String delegateTo, Object loop, Boolean become, String becomeUser,
                   Map<String, Object> vars, boolean noLog, List<String> listen,
                   Map<String, SourceLocation> argLocations, SourceLocation location, Block block) {

    /** A block's tasks: {@code rescue} runs on the hosts that failed in {@code tasks}, {@code always} on every host after. */
    public record Block(List<Task> tasks, List<Task> rescue, List<Task> always) {
        Block map(UnaryOperator<Task> f) {
            return new Block(tasks.stream().map(f).toList(), rescue.stream().map(f).toList(), always.stream().map(f).toList());
        }
    }

    /** Every task of {@code tasks}, with each block replaced by the tasks of its sections (nested blocks too), in order. */
    public static List<Task> leaves(List<Task> tasks) {
        List<Task> out = new ArrayList<>();
        for (Task t : tasks) {
            if (t.block() == null) {
                out.add(t);
                continue;
            }
            out.addAll(leaves(t.block().tasks()));
            out.addAll(leaves(t.block().rescue()));
            out.addAll(leaves(t.block().always()));
        }
        return out;
    }

    /** "name" as shown on the console: the task's name, else "module: first arg". */
    public String displayName() {
        if (name != null && !name.isBlank()) return name;
        return module;
    }
}
