package io.pgha.modules.files;

import io.pgha.core.Shell;
import io.pgha.modules.ArgSpec;
import io.pgha.modules.ModuleContext;
import io.pgha.modules.ModuleResult;
import io.pgha.modules.support.Modes;
import io.pgha.modules.support.RemoteFiles;
import io.pgha.transport.ExecResult;

import java.util.ArrayList;
import java.util.List;

/**
 * file: a path's state (directory, file, touch, link, absent) with owner, group and mode.
 * touch creates a missing file and otherwise leaves timestamps alone, so it is idempotent;
 * recurse applies owner/group/mode to everything under a directory (checked with find first).
 */
public final class FileModule extends AbstractFileModule {
    private static final ArgSpec SPEC = ArgSpec.builder()
            .required("path", ArgSpec.Type.STRING)
            .alias("dest", "path")
            .alias("name", "path")
            .choice("state", false, "file", "file", "directory", "touch", "link", "absent")
            .optional("src", ArgSpec.Type.STRING)
            .fileAttributes()
            .optional("recurse", ArgSpec.Type.BOOL, false)
            .optional("force", ArgSpec.Type.BOOL, false);

    @Override public String name() { return "file"; }
    @Override public ArgSpec spec() { return SPEC; }

    @Override
    ModuleResult apply(ModuleContext ctx, Args args, RemoteFiles files) throws Exception {
        String path = normalize(args.required("path", "dest", "name"));
        String state = args.choice("state", "file", "file", "directory", "touch", "link", "absent");
        RemoteFiles.Attrs attrs = args.attrs();
        boolean recurse = args.bool("recurse", false);
        if (recurse && !state.equals("directory")) throw new IllegalArgumentException("recurse needs state: directory");
        String src = args.str("src");
        if (state.equals("link") && (src == null || src.isEmpty())) throw new IllegalArgumentException("state link needs src (the link's target)");
        RemoteFiles.Stat st = files.stat(path);
        Change c = switch (state) {
            case "absent" -> absent(st);
            case "directory" -> directory(files, st, attrs, recurse);
            case "file" -> {
                if (!st.exists() && ctx.checkMode() && !attrs.isEmpty()) {
                    // In check mode an earlier task would have created it.
                    yield new Change("", "set owner/group/mode of " + path + " (not created yet)");
                }
                yield file(st, attrs);
            }
            case "touch" -> touch(st, attrs);
            default -> link(st, src, attrs, args.bool("force", false));
        };
        ModuleResult result;
        if (c.script == null) {
            result = ModuleResult.ok(path + " is " + (state.equals("touch") ? "present" : state));
        } else {
            if (!ctx.checkMode()) {
                ExecResult r = files.run("set -e\n" + c.script);
                if (!r.ok()) throw new RemoteFiles.Failure("cannot " + c.what + ": " + RemoteFiles.reason(r));
            }
            result = ModuleResult.changed((ctx.checkMode() ? "would " : "") + c.what);
            if (ctx.diffMode()) result = result.withDiff(DiffTexts.state(path, DiffTexts.describe(st), after(st, state, src, attrs)));
        }
        result = result.withData("path", path).withData("state", state);
        return src != null && state.equals("link") ? result.withData("src", src) : result;
    }

    /** What to run (null: nothing to do) and how to say it. */
    private record Change(String script, String what) {
        static final Change NONE = new Change(null, null);
    }

    private static String normalize(String path) {
        String p = path.trim();
        while (p.length() > 1 && p.endsWith("/")) p = p.substring(0, p.length() - 1);
        if (!p.startsWith("/")) throw new IllegalArgumentException("path must be absolute, got '" + path + "'");
        return p;
    }

    private static Change absent(RemoteFiles.Stat st) {
        if (!st.exists()) return Change.NONE;
        if (st.path().equals("/")) throw new IllegalArgumentException("refusing to remove /");
        return new Change("rm -rf -- " + Shell.quote(st.path()) + "\n", "remove " + st.type() + " " + st.path());
    }

    private static Change directory(RemoteFiles files, RemoteFiles.Stat st, RemoteFiles.Attrs attrs, boolean recurse)
            throws Exception {
        String q = Shell.quote(st.path());
        if (!st.exists()) {
            return new Change("mkdir -p -- " + q + "\n" + attrScript(q, attrs, recurse, false), "create directory " + st.path());
        }
        if (st.isLink()) {
            RemoteFiles.Stat target = files.stat(st.path() + "/.");
            if (!target.isDirectory()) throw new RemoteFiles.Failure(st.path() + " is a symlink to something that is not a directory");
            st = target;
        } else if (!st.isDirectory()) {
            throw new RemoteFiles.Failure(st.path() + " exists and is a " + st.type() + ", not a directory");
        }
        List<String> diff = recurse ? recursiveDifferences(files, st.path(), attrs) : attrs.differences(st);
        if (diff.isEmpty()) return Change.NONE;
        return new Change(attrScript(q, attrs, recurse, false),
                "set " + String.join(", ", diff) + " of " + st.path() + (recurse ? " (recursively)" : ""));
    }

    /** Whether anything under dir (itself included) has another owner, group or mode: one find, stops at the first. */
    private static List<String> recursiveDifferences(RemoteFiles files, String dir, RemoteFiles.Attrs attrs) throws Exception {
        List<String> out = new ArrayList<>();
        String q = Shell.quote(dir);
        StringBuilder s = new StringBuilder();
        if (attrs.owner() != null) s.append("[ -z \"$(find ").append(q).append(" ! -user ").append(Shell.quote(attrs.owner())).append(" -print -quit)\" ] || echo owner\n");
        if (attrs.group() != null) s.append("[ -z \"$(find ").append(q).append(" ! -group ").append(Shell.quote(attrs.group())).append(" -print -quit)\" ] || echo group\n");
        if (attrs.mode() != null) s.append("[ -z \"$(find ").append(q).append(" ! -type l ! -perm ").append(Modes.format(attrs.mode())).append(" -print -quit)\" ] || echo mode\n");
        if (s.length() == 0) return out;
        ExecResult r = files.run(s.toString());
        if (!r.ok()) throw new RemoteFiles.Failure("cannot check owner/group/mode under " + dir + ": " + RemoteFiles.reason(r));
        for (String l : r.stdout().split("\n")) if (!l.isBlank()) out.add(l.trim());
        return out;
    }

    private static Change file(RemoteFiles.Stat st, RemoteFiles.Attrs attrs) throws RemoteFiles.Failure {
        if (!st.exists()) throw new RemoteFiles.Failure(st.path() + " does not exist (state file never creates one: use touch, copy or template)");
        if (!st.isFile()) throw new RemoteFiles.Failure(st.path() + " is a " + st.type() + ", not a regular file");
        List<String> diff = attrs.differences(st);
        if (diff.isEmpty()) return Change.NONE;
        return new Change(attrScript(Shell.quote(st.path()), attrs, false, false), "set " + String.join(", ", diff) + " of " + st.path());
    }

    private static Change touch(RemoteFiles.Stat st, RemoteFiles.Attrs attrs) throws RemoteFiles.Failure {
        String q = Shell.quote(st.path());
        if (!st.exists()) return new Change("touch -- " + q + "\n" + attrScript(q, attrs, false, false), "create " + st.path());
        if (st.isDirectory()) throw new RemoteFiles.Failure(st.path() + " is a directory");
        return file(st, attrs);
    }

    private static Change link(RemoteFiles.Stat st, String src, RemoteFiles.Attrs attrs, boolean force) throws RemoteFiles.Failure {
        String q = Shell.quote(st.path());
        // A new link is made under a temporary name and renamed over the path: never a moment without it.
        String make = "t=$(dirname -- " + q + ")/.pgha-link-$$\nrm -f -- \"$t\"\nln -s -- " + Shell.quote(src)
                + " \"$t\"\nmv -Tf -- \"$t\" " + q + "\n";
        String chown = attrScript(q, new RemoteFiles.Attrs(attrs.owner(), attrs.group(), null), false, true);
        if (st.isLink()) {
            if (src.equals(st.linkTarget())) {
                List<String> diff = new RemoteFiles.Attrs(attrs.owner(), attrs.group(), null).differences(st);
                return diff.isEmpty() ? Change.NONE
                        : new Change(chown, "set " + String.join(", ", diff) + " of link " + st.path());
            }
            return new Change(make + chown, "point " + st.path() + " to " + src + " (was " + st.linkTarget() + ")");
        }
        if (!st.exists()) return new Change(make + chown, "link " + st.path() + " to " + src);
        if (!force) {
            throw new RemoteFiles.Failure(st.path() + " exists and is a " + st.type() + "; remove it first or set force: yes to replace it with the link");
        }
        String clear = st.isDirectory() ? "rmdir -- " + q + " || { echo 'not an empty directory' >&2; exit 1; }\n" : "";
        return new Change(clear + make + chown, "replace " + st.type() + " " + st.path() + " with a link to " + src);
    }

    private static String attrScript(String quotedPath, RemoteFiles.Attrs a, boolean recurse, boolean link) {
        return RemoteFiles.attrCommands(quotedPath, a, recurse, link);
    }

    /** The state as it will be, in the shape of DiffTexts.describe. */
    private static String after(RemoteFiles.Stat st, String state, String src, RemoteFiles.Attrs a) {
        if (state.equals("absent")) return "state: absent\n";
        String type = state.equals("touch") || state.equals("file") ? "file" : state;
        StringBuilder sb = new StringBuilder("state: ").append(type).append('\n');
        if (type.equals("link")) sb.append("src: ").append(src).append('\n');
        boolean same = st.exists() && st.type().equals(type);
        sb.append("owner: ").append(a.owner() != null ? a.owner() : same ? st.owner() : "(default)").append('\n');
        sb.append("group: ").append(a.group() != null ? a.group() : same ? st.group() : "(default)").append('\n');
        if (!type.equals("link")) {
            sb.append("mode: ").append(a.mode() != null ? Modes.format(a.mode()) : same ? Modes.format(st.mode()) : "(default)").append('\n');
        }
        return sb.toString();
    }
}
