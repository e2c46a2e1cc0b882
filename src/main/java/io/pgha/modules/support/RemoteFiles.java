package io.pgha.modules.support;

import io.pgha.core.Shell;
import io.pgha.modules.ModuleContext;
import io.pgha.transport.ExecRequest;
import io.pgha.transport.ExecResult;
import io.pgha.transport.TransportException;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Files on a host as modules need them: stat (type, mode, owner, group, sha256, link target and,
 * when asked, the content) in one exec; atomic writes with owner, group and mode in one exec.
 * Every command runs with the task's become, so root-owned files are handled like any other.
 */
public final class RemoteFiles {
    /** Content is read along with the stat only up to this size (diffs and line edits of config files). */
    public static final long MAX_INLINE = 1 << 20;

    private final ModuleContext ctx;

    public RemoteFiles(ModuleContext ctx) { this.ctx = ctx; }

    /** A file problem on the host (missing directory, permission, bad owner), named for the user. */
    public static final class Failure extends Exception {
        public Failure(String message) { super(message); }
    }

    /** Owner, group and mode wanted for a path; null parts are left as they are. */
    public record Attrs(String owner, String group, Integer mode) {
        public static final Attrs NONE = new Attrs(null, null, null);

        public boolean isEmpty() { return owner == null && group == null && mode == null; }

        /** Which of the given parts differ from the stat (names or numeric ids both match). */
        public List<String> differences(Stat st) {
            List<String> d = new ArrayList<>();
            if (!st.exists()) return d;
            if (owner != null && !owner.equals(st.owner()) && !owner.equals(String.valueOf(st.uid()))) d.add("owner");
            if (group != null && !group.equals(st.group()) && !group.equals(String.valueOf(st.gid()))) d.add("group");
            if (mode != null && !st.isLink() && mode != st.mode()) d.add("mode");
            return d;
        }
    }

    /**
     * What is at a path (not following a final symlink).
     *
     * @param type     file, directory, link, other, or absent
     * @param sha256   of a regular file, else null
     * @param content  the file's bytes when asked for and the file is at most MAX_INLINE, else null
     */
    public record Stat(String path, String type, int mode, String owner, String group, int uid, int gid, long size,
                       String sha256, String linkTarget, byte[] content) {
        public static Stat absent(String path) { return new Stat(path, "absent", 0, null, null, -1, -1, 0, null, null, null); }
        public boolean exists() { return !type.equals("absent"); }
        public boolean isFile() { return type.equals("file"); }
        public boolean isDirectory() { return type.equals("directory"); }
        public boolean isLink() { return type.equals("link"); }
        public boolean hasContent() { return content != null; }
    }

    public Stat stat(String path) throws TransportException, Failure { return stat(path, false); }

    /** Stat plus the content of a regular file up to MAX_INLINE, still one exec. */
    public Stat statWithContent(String path) throws TransportException, Failure { return stat(path, true); }

    private Stat stat(String path, boolean withContent) throws TransportException, Failure {
        String script = "set -- " + Shell.quote(path) + "\n"
                + "if [ -L \"$1\" ]; then t=link; elif [ -d \"$1\" ]; then t=directory; elif [ -f \"$1\" ]; then t=file;"
                + " elif [ -e \"$1\" ]; then t=other; else echo absent; exit 0; fi\n"
                + "echo \"$t\"\n"
                + "stat -c '%a %U %G %u %g %s' -- \"$1\" || exit 3\n"
                + "if [ \"$t\" = link ]; then readlink -- \"$1\"; else echo; fi\n"
                // "HASH  -" straight from sha256sum: no subshell to cut it (each process costs a node ~1 ms)
                + "if [ \"$t\" = file ]; then sha256sum < \"$1\" || exit 4; else echo; fi\n"
                // Only a world-readable file's content travels on stdout (which -vv shows); private files: read().
                // One find tests both (world-readable, at most MAX_INLINE bytes) and starts the copy only then.
                + (withContent ? "if [ \"$t\" = file ]; then find \"$1\" -maxdepth 0 -perm -004 -size -" + (MAX_INLINE + 1) + "c"
                + " -exec sh -c 'echo content; exec base64 < \"$1\"' sh {} \\; ; fi\n" : "");
        ExecResult r = run(script);
        if (!r.ok()) throw new Failure("cannot stat " + path + ": " + reason(r));
        String[] lines = r.stdout().split("\n", -1);
        if (lines[0].equals("absent")) return Stat.absent(path);
        if (lines.length < 4) throw new Failure("cannot stat " + path + ": unexpected output " + r.stdout());
        String[] f = lines[1].trim().split(" ");
        int mode = Integer.parseInt(f[0], 8);
        String link = lines[0].equals("link") ? lines[2] : null;
        String sha = lines[3].isBlank() ? null : lines[3].trim().split(" ", 2)[0];
        byte[] content = null;
        if (withContent && lines[0].equals("file") && Long.parseLong(f[5]) <= MAX_INLINE) {
            if (lines.length > 4 && lines[4].equals("content")) {
                StringBuilder b64 = new StringBuilder();
                for (int i = 5; i < lines.length; i++) b64.append(lines[i].trim());
                content = Base64.getDecoder().decode(b64.toString());
            } else {
                content = read(path);
            }
        }
        return new Stat(path, lines[0], mode, f[1], f[2], Integer.parseInt(f[3]), Integer.parseInt(f[4]),
                Long.parseLong(f[5]), sha, link, content);
    }

    /**
     * A whole file's bytes, as the task's user, never through a logged command output: without
     * become straight over SFTP; with become through the become shell (base64 on a stdout that is
     * never shown), so no copy of a private file is ever staged where an interrupted run would leave it.
     */
    public byte[] read(String path) throws TransportException, Failure {
        if (!ctx.become()) {
            try {
                return ctx.download(path);
            } catch (TransportException e) {
                throw new Failure("cannot read " + path + ": " + e.getMessage());
            }
        }
        ExecResult r = ctx.execPrivate(ExecRequest.of("base64 < " + Shell.quote(path)).asBecome(ctx.become(), ctx.becomeUser()));
        if (!r.ok()) throw new Failure("cannot read " + path + ": " + reason(r));
        return Base64.getMimeDecoder().decode(r.stdout());
    }

    /**
     * Replaces a file atomically, in one exec: the content travels on the command's stdin (never in
     * a command line or log) into a 0600 temporary file next to the target, which gets its owner,
     * group and mode before it is renamed over the target. No reader ever sees a torn file, and a
     * secret file is never readable by others, not even for a moment. Unset attributes are taken from
     * the file being replaced (a new file: the exec user, mode 0644).
     *
     * @return the backup's path when backup was asked for and there was a file to back up, else null
     */
    public String write(String path, byte[] content, Attrs attrs, boolean backup) throws TransportException, Failure {
        return write(path, content, attrs, backup, null);
    }

    /** Exit code of the write script when the validate command refused the new content. */
    private static final int REFUSED_BY_VALIDATE = 4;

    /**
     * Like write, and when validate is given (a command with %s for the file, Ansible's validate) it runs
     * on the new content in its temporary file, with its final owner and mode, before it replaces path:
     * when it fails, path is left as it was and the Failure carries the command's output.
     */
    public String write(String path, byte[] content, Attrs attrs, boolean backup, String validate) throws TransportException, Failure {
        StringBuilder s = new StringBuilder();
        s.append("set -e\n");
        s.append("d=").append(Shell.quote(path)).append('\n');
        s.append("dir=$(dirname -- \"$d\"); name=$(basename -- \"$d\")\n");
        s.append("[ -d \"$dir\" ] || { echo \"directory $dir does not exist\" >&2; exit 3; }\n");
        s.append("[ ! -d \"$d\" ] || [ -L \"$d\" ] || { echo \"$d is a directory\" >&2; exit 3; }\n");
        s.append("t=$(mktemp \"$dir/.$name.pgha-XXXXXX\")\n");
        s.append("trap 'rm -f \"$t\"' EXIT\n");
        s.append("cat > \"$t\"\n");
        s.append("if [ -f \"$d\" ] && [ ! -L \"$d\" ]; then chown --reference=\"$d\" \"$t\" 2>/dev/null || true;"
                + " chmod --reference=\"$d\" \"$t\"; else chmod 0644 \"$t\"; fi\n");
        if (backup) {
            s.append("if [ -f \"$d\" ]; then b=\"$d.$(date +%Y%m%d-%H%M%S).bak\"; cp -p -- \"$d\" \"$b\"; echo \"backup=$b\"; fi\n");
        }
        s.append(attrCommands("\"$t\"", attrs, false, false));
        if (validate != null) {
            s.append("v=$(").append(validate.replace("%s", "\"$t\"")).append(" 2>&1) || { printf '%s\\n' \"$v\" >&2; exit ")
                    .append(REFUSED_BY_VALIDATE).append("; }\n");
        }
        // A bind-mounted file (a container's /etc/hosts, resolv.conf) cannot be renamed over: EBUSY.
        // Like Ansible's unsafe_writes fallback, such a file is then rewritten in place.
        s.append("if ! mv -f -- \"$t\" \"$d\" 2>/dev/null; then\n");
        s.append("  if [ -f \"$d\" ] && grep -qs \" $d \" /proc/self/mountinfo; then cat \"$t\" > \"$d\"; rm -f \"$t\";\n");
        s.append("  else mv -f -- \"$t\" \"$d\"; fi\n");
        s.append("fi\n");
        s.append("trap - EXIT\n");
        ExecResult r = ctx.exec(ExecRequest.of(s.toString()).withStdin(content).asBecome(ctx.become(), ctx.becomeUser()));
        if (r.exitCode() == REFUSED_BY_VALIDATE && validate != null) {
            throw new Failure("the new " + path + " failed its check (" + validate.replace("%s", "FILE") + "), so it was not put in place"
                    + " and the file is as it was: " + reason(r));
        }
        if (!r.ok()) throw new Failure("cannot write " + path + ": " + reason(r));
        for (String line : r.stdout().split("\n")) if (line.startsWith("backup=")) return line.substring(7);
        return null;
    }

    /** Sets owner, group and mode (recursively when asked; a link's own owner, never its target's mode). */
    public void setAttrs(String path, Attrs attrs, boolean recurse, boolean isLink) throws TransportException, Failure {
        if (attrs.isEmpty()) return;
        StringBuilder s = new StringBuilder("set -e\n");
        s.append(attrCommands(Shell.quote(path), attrs, recurse, isLink));
        ExecResult r = run(s.toString());
        if (!r.ok()) throw new Failure("cannot set owner/group/mode of " + path + ": " + reason(r));
    }

    /** chown/chmod lines for a quoted target (chown -h for a link; links have no mode of their own). */
    public static String attrCommands(String quotedTarget, Attrs a, boolean recurse, boolean link) {
        StringBuilder s = new StringBuilder();
        String r = recurse ? "-R " : "";
        if (a.owner() != null || a.group() != null) {
            String who = (a.owner() == null ? "" : a.owner()) + (a.group() == null ? "" : ":" + a.group());
            s.append("chown ").append(r).append(link ? "-h " : "").append("-- ").append(Shell.quote(who)).append(' ').append(quotedTarget).append('\n');
        }
        if (a.mode() != null && !link) {
            s.append("chmod ").append(r).append("-- ").append(Modes.format(a.mode())).append(' ').append(quotedTarget).append('\n');
        }
        return s.toString();
    }

    /** Runs a script with the task's become. */
    public ExecResult run(String script) throws TransportException {
        return ctx.exec(ExecRequest.of(script).asBecome(ctx.become(), ctx.becomeUser()));
    }

    /** The command's own words (stderr, else stdout, else the exit code), one line. */
    public static String reason(ExecResult r) {
        String err = r.stderr() == null ? "" : r.stderr().strip();
        if (err.isEmpty()) err = r.stdout() == null ? "" : r.stdout().strip();
        err = err.replace("\n", "; ");
        return err.isEmpty() ? "exit code " + r.exitCode() : err;
    }
}
