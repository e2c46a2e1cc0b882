package io.pgha.modules.files;

import io.pgha.core.Shell;
import io.pgha.modules.ArgSpec;
import io.pgha.modules.ModuleContext;
import io.pgha.modules.ModuleResult;
import io.pgha.modules.support.RemoteFiles;
import io.pgha.transport.ExecRequest;
import io.pgha.transport.ExecResult;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * unarchive: extracts a tar archive (plain, gz, bz2, xz: tar detects the compression) into an
 * existing directory. The archive comes from the controller (uploaded to a temporary file) or is
 * already on the host (remote_src). 'changed' is decided by comparison: `tar --compare` against dest
 * (content, size, mode, type, link targets; timestamps and numeric owners ignored, since owner/group
 * are applied after extraction and checked on their own) and, with owner/group, a stat of the
 * archive's members (only those: dest may be /). creates skips everything when that path exists.
 */
public final class UnarchiveModule extends AbstractFileModule {
    private static final ArgSpec SPEC = ArgSpec.builder()
            .required("src", ArgSpec.Type.STRING)
            .required("dest", ArgSpec.Type.STRING)
            .optional("remote_src", ArgSpec.Type.BOOL, false)
            .optional("creates", ArgSpec.Type.STRING)
            .optional("owner", ArgSpec.Type.STRING)
            .optional("group", ArgSpec.Type.STRING)
            .optional("extra_opts", ArgSpec.Type.LIST);
    /** tar --compare lines that are not a difference worth extracting for (see class comment). */
    private static final List<String> IGNORED = List.of("Mod time differs", "Uid differs", "Gid differs");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override public String name() { return "unarchive"; }
    @Override public ArgSpec spec() { return SPEC; }

    @Override
    ModuleResult apply(ModuleContext ctx, Args args, RemoteFiles files) throws Exception {
        String src = args.required("src");
        String dest = args.required("dest");
        boolean remoteSrc = args.bool("remote_src", false);
        String creates = args.str("creates");
        RemoteFiles.Attrs attrs = args.attrs();
        if (attrs.mode() != null) throw new IllegalArgumentException("mode is not supported (archives carry their own modes)");
        List<String> extra = args.list("extra_opts");

        if (creates != null && files.stat(creates).exists()) {
            return ModuleResult.ok(creates + " exists; not extracting").withData("dest", dest).withData("src", src);
        }
        RemoteFiles.Stat d = files.stat(dest + (dest.endsWith("/") ? "." : "/."));
        if (!d.isDirectory()) {
            // In check mode an earlier task would have created it: report the extraction it would do.
            if (ctx.checkMode() && !files.stat(dest).exists()) {
                return ModuleResult.changed("would extract " + src + " into " + dest + " (not created yet)").withData("dest", dest);
            }
            throw new RemoteFiles.Failure("dest " + dest + " is not a directory (create it first, e.g. file state: directory)");
        }

        String archive = src;
        boolean uploaded = false;
        if (!remoteSrc) {
            byte[] bytes = ControllerFile.read(ctx, src);
            archive = "/tmp/.pgha-unarchive-" + HexFormat.of().toHexDigits(RANDOM.nextLong());
            // Readable only by the login user unless a non-root become user must read it.
            ctx.upload(bytes, archive, nonRootBecome(ctx) ? 0644 : 0600);
            uploaded = true;
        }
        try {
            ExecResult r = files.run(script(archive, dest, extra, attrs, ctx.checkMode(), remoteSrc));
            if (r.exitCode() == 4 && ctx.checkMode()) {
                // In check mode an earlier task (get_url, a build) would have put it there.
                return ModuleResult.changed("would extract " + src + " into " + dest + " (" + src + " is not there yet)").withData("dest", dest);
            }
            if (!r.ok()) throw new RemoteFiles.Failure(remoteSrc && r.exitCode() == 4 ? src + " does not exist on the host"
                    : "cannot extract " + src + " into " + dest + ": " + RemoteFiles.reason(r));
            List<String> differences = new ArrayList<>();
            for (String l : r.stdout().split("\n")) if (l.startsWith("diff: ")) differences.add(l.substring(6));
            ModuleResult result;
            if (differences.isEmpty()) {
                result = ModuleResult.ok(dest + " already holds " + src);
            } else {
                String first = differences.get(0) + (differences.size() > 1 ? " (and " + (differences.size() - 1) + " more)" : "");
                result = ModuleResult.changed((ctx.checkMode() ? "would extract " : "extracted ") + src + " into " + dest + ": " + first);
            }
            return result.withData("dest", dest).withData("src", src).withData("differences", differences.size());
        } finally {
            if (uploaded && nonRootBecome(ctx)) ctx.exec(ExecRequest.of("rm -f -- " + Shell.quote(archive)));
        }
    }

    private static boolean nonRootBecome(ModuleContext ctx) {
        return ctx.become() && ctx.becomeUser() != null && !ctx.becomeUser().equals("root");
    }

    static String script(String archive, String dest, List<String> extra, RemoteFiles.Attrs attrs, boolean check, boolean remoteSrc) {
        String opts = extra.isEmpty() ? "" : " " + Shell.join(extra);
        boolean owned = attrs.owner() != null || attrs.group() != null;
        StringBuilder s = new StringBuilder();
        s.append("a=").append(Shell.quote(archive)).append("; d=").append(Shell.quote(dest)).append('\n');
        s.append("case $a in /*) ;; *) a=\"$PWD/$a\" ;; esac\n");
        s.append("out=$(mktemp) || exit 1\n");
        s.append("trap 'rm -f -- \"$out\"").append(remoteSrc ? "" : " \"$a\"").append("' EXIT\n");
        s.append("[ -f \"$a\" ] || exit 4\n");
        s.append("tar -tf \"$a\"").append(opts).append(" >/dev/null || { echo 'not an archive tar can read"
                + " (gz, bz2 and xz need gzip, bzip2 and xz on the host)' >&2; exit 3; }\n");
        // --compare prints one line per difference (missing files, contents, size, mode, type, link target).
        s.append("tar --compare -f \"$a\" -C \"$d\"").append(opts).append(" 2>&1 | grep -v");
        for (String ignored : IGNORED) s.append(" -e ").append(Shell.quote(ignored));
        // "tar: : ..." is a member whose name --strip-components emptied (the top folder): nothing to compare.
        s.append(" -e 'Exiting with failure' -e '^tar: : ' > \"$out\"\n");
        if (owned) {
            // Owner/group of exactly the archive's members (never of whatever else lives under dest, which may be /).
            s.append("members() { tar -tf \"$a\"").append(opts).append(" --show-transformed-names | grep -v '^$'; }\n");
            s.append("(cd \"$d\" && members | xargs -d '\\n' -r stat -c '%U %G %u %g %n' -- 2>/dev/null) | awk -v o=")
                    .append(Shell.quote(attrs.owner() == null ? "" : attrs.owner())).append(" -v g=")
                    .append(Shell.quote(attrs.group() == null ? "" : attrs.group()))
                    .append(" '(o != \"\" && $1 != o && $3 != o) || (g != \"\" && $2 != g && $4 != g) { sub(/^[^ ]+ [^ ]+ [^ ]+ [^ ]+ /, \"\"); print $0 \": owner or group differs\"; exit }' >> \"$out\"\n");
        }
        s.append("sed 's/^tar: //; s/^/diff: /' \"$out\"\n");
        if (!check) {
            s.append("if [ -s \"$out\" ]; then\n");
            s.append("  tar -xf \"$a\" -C \"$d\"").append(opts).append(" >&2 || exit 5\n");
            if (owned) {
                String who = (attrs.owner() == null ? "" : attrs.owner()) + (attrs.group() == null ? "" : ":" + attrs.group());
                s.append("  (cd \"$d\" && members | xargs -d '\\n' -r chown -h -- ").append(Shell.quote(who)).append(") || exit 6\n");
            }
            s.append("fi\n");
        }
        s.append("exit 0\n");
        return s.toString();
    }
}
