package io.pgha.modules.files;

import io.pgha.modules.ArgSpec;
import io.pgha.modules.ModuleContext;
import io.pgha.modules.ModuleResult;
import io.pgha.modules.support.RemoteFiles;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * template: renders a Freemarker template on the controller with the host's variables, then places
 * the result like copy (uploaded only when its sha256 differs). The template file is checked for
 * undefined variables before the run (ArgSpec.templateFile). validate (a command with %s) checks the new
 * content before it replaces the file, as Ansible's.
 */
public final class TemplateModule extends AbstractFileModule {
    private static final ArgSpec SPEC = ArgSpec.builder()
            .required("src", ArgSpec.Type.STRING)
            .templateFile("src")
            .required("dest", ArgSpec.Type.STRING)
            .alias("path", "dest")
            .fileAttributes()
            .optional("backup", ArgSpec.Type.BOOL, false)
            .optional("force", ArgSpec.Type.BOOL, true)
            .optional("validate", ArgSpec.Type.STRING);

    @Override public String name() { return "template"; }
    @Override public ArgSpec spec() { return SPEC; }

    @Override
    ModuleResult apply(ModuleContext ctx, Args args, RemoteFiles files) throws Exception {
        String src = args.required("src");
        byte[] rendered = ctx.renderTemplateFile(src).getBytes(StandardCharsets.UTF_8);
        String name = Path.of(src).getFileName().toString();
        if (name.endsWith(".ftl")) name = name.substring(0, name.length() - 4);
        return FilePlacement.place(ctx, args, files, rendered, name).withData("src", src);
    }
}
