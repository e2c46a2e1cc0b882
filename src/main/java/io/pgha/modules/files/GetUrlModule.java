package io.pgha.modules.files;

import io.pgha.core.Shell;
import io.pgha.modules.ArgSpec;
import io.pgha.modules.ModuleContext;
import io.pgha.modules.ModuleResult;
import io.pgha.modules.support.RemoteFiles;
import io.pgha.transport.ExecResult;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * get_url: downloads a URL ON THE HOST (curl, else wget) to dest. Unchanged when dest exists and,
 * with a checksum, matches it; force: yes downloads anyway but still reports a change only when the
 * content differs. The download lands in a temporary file next to dest, is verified, gets its
 * owner/group/mode and is renamed over dest: a failed or partial download never replaces a good file.
 */
public final class GetUrlModule extends AbstractFileModule {
    private static final ArgSpec SPEC = ArgSpec.builder()
            .required("url", ArgSpec.Type.STRING)
            .required("dest", ArgSpec.Type.STRING)
            .optional("checksum", ArgSpec.Type.STRING)
            .optional("force", ArgSpec.Type.BOOL, false)
            .optional("timeout", ArgSpec.Type.INT, 30)
            .optional("validate_certs", ArgSpec.Type.BOOL, true)
            .fileAttributes();
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    @Override public String name() { return "get_url"; }
    @Override public ArgSpec spec() { return SPEC; }

    @Override
    ModuleResult apply(ModuleContext ctx, Args args, RemoteFiles files) throws Exception {
        String url = args.required("url");
        URI uri = parseUrl(url);
        if (uri.getUserInfo() != null && uri.getUserInfo().contains(":")) {
            ctx.secret(uri.getUserInfo().substring(uri.getUserInfo().indexOf(':') + 1));
        }
        String dest = args.required("dest");
        String checksum = checksum(args.str("checksum"));
        boolean force = args.bool("force", false);
        int timeout = timeout(args.str("timeout"));
        RemoteFiles.Attrs attrs = args.attrs();

        RemoteFiles.Stat st = files.stat(dest);
        if (st.isDirectory() || dest.endsWith("/")) {
            dest = (dest.endsWith("/") ? dest : dest + "/") + fileName(uri);
            st = files.stat(dest);
        }
        if (st.exists() && !st.isFile()) throw new RemoteFiles.Failure(dest + " exists and is a " + st.type() + ", not a regular file");
        boolean fetch = !st.exists() || force || (checksum != null && !checksum.equals(st.sha256()));
        if (!fetch) return ManagedFile.ensure(ctx, files, st, null, attrs, false).withData("dest", dest).withData("url", url);
        if (ctx.checkMode()) {
            return ModuleResult.changed("would download " + url + " to " + dest).withData("dest", dest).withData("url", url);
        }
        ExecResult r = files.run(script(url, dest, checksum, timeout, args.bool("validate_certs", true), attrs));
        if (!r.ok()) {
            String why = r.exitCode() == 127 ? "neither curl nor wget is installed on " + ctx.hostName() + " (install one first)"
                    : RemoteFiles.reason(r);
            throw new RemoteFiles.Failure("cannot download " + url + " to " + dest + ": " + why);
        }
        String out = r.stdout();
        String sha = out.lines().filter(l -> l.startsWith("sha256=")).map(l -> l.substring(7)).findFirst().orElse(null);
        ModuleResult result;
        if (out.lines().anyMatch(l -> l.equals("same"))) {
            result = ManagedFile.ensure(ctx, files, files.stat(dest), null, attrs, false);
        } else {
            result = ModuleResult.changed("downloaded " + url + " to " + dest);
        }
        return result.withData("dest", dest).withData("url", url).withData("checksum", sha);
    }

    static URI parseUrl(String url) {
        try {
            URI u = new URI(url);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("ftp")) {
                throw new IllegalArgumentException("url must be http, https or ftp, got '" + url + "'");
            }
            return u;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("url is not a valid URL: " + e.getMessage());
        }
    }

    /** "sha256:HEX" (lower-cased) or null. */
    static String checksum(String value) {
        if (value == null || value.isBlank()) return null;
        String v = value.trim();
        int colon = v.indexOf(':');
        String algo = colon < 0 ? "" : v.substring(0, colon).toLowerCase(Locale.ROOT);
        String hex = colon < 0 ? v : v.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
        if (!algo.equals("sha256") || !SHA256.matcher(hex).matches()) {
            throw new IllegalArgumentException("checksum must be 'sha256:' and 64 hex digits, got '" + value + "'");
        }
        return hex;
    }

    private static int timeout(String v) {
        if (v == null) return 30;
        try {
            int t = Integer.parseInt(v.trim());
            if (t <= 0) throw new NumberFormatException();
            return t;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("timeout must be a positive number of seconds, got '" + v + "'");
        }
    }

    static String fileName(URI uri) {
        String p = uri.getPath() == null ? "" : uri.getPath();
        String name = p.substring(p.lastIndexOf('/') + 1);
        if (name.isEmpty()) throw new IllegalArgumentException("dest is a directory and the url names no file; give dest as a file path");
        return name;
    }

    static String script(String url, String dest, String checksum, int timeout, boolean validateCerts, RemoteFiles.Attrs attrs) {
        String u = Shell.quote(url);
        StringBuilder s = new StringBuilder("set -e\n");
        s.append("d=").append(Shell.quote(dest)).append('\n');
        s.append("dir=$(dirname -- \"$d\"); name=$(basename -- \"$d\")\n");
        s.append("[ -d \"$dir\" ] || { echo \"directory $dir does not exist\" >&2; exit 3; }\n");
        s.append("t=$(mktemp \"$dir/.$name.pgha-XXXXXX\")\n");
        s.append("trap 'rm -f \"$t\"' EXIT\n");
        s.append("if command -v curl >/dev/null 2>&1; then curl -fsSL").append(validateCerts ? "" : " -k")
                .append(" --max-time ").append(timeout).append(" -o \"$t\" ").append(u).append('\n');
        s.append("elif command -v wget >/dev/null 2>&1; then wget -q").append(validateCerts ? "" : " --no-check-certificate")
                .append(" -T ").append(timeout).append(" -O \"$t\" ").append(u).append('\n');
        s.append("else exit 127; fi\n");
        s.append("h=$(sha256sum < \"$t\"); h=${h%% *}\n");
        if (checksum != null) {
            s.append("[ \"$h\" = ").append(checksum).append(" ] || { echo \"checksum mismatch: got sha256:$h, expected sha256:")
                    .append(checksum).append("\" >&2; exit 5; }\n");
        }
        s.append("echo \"sha256=$h\"\n");
        s.append("if [ -f \"$d\" ] && [ ! -L \"$d\" ] && cmp -s \"$t\" \"$d\"; then echo same; exit 0; fi\n");
        s.append("if [ -f \"$d\" ] && [ ! -L \"$d\" ]; then chown --reference=\"$d\" \"$t\" 2>/dev/null || true;"
                + " chmod --reference=\"$d\" \"$t\"; else chmod 0644 \"$t\"; fi\n");
        s.append(RemoteFiles.attrCommands("\"$t\"", attrs, false, false));
        s.append("mv -f -- \"$t\" \"$d\"\n");
        s.append("trap - EXIT\n");
        return s.toString();
    }
}
