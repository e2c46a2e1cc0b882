package io.pgha.modules.files;

import io.pgha.modules.ArgSpec;
import io.pgha.modules.ModuleContext;
import io.pgha.modules.ModuleResult;
import io.pgha.modules.support.PythonRegex;
import io.pgha.modules.support.RemoteFiles;


/** lineinfile: one line present (replacing the line regexp matches) or absent, with Ansible's rules (see LineEdit). */
public final class LineInFileModule extends AbstractFileModule {
    private static final ArgSpec SPEC = ArgSpec.builder()
            .required("path", ArgSpec.Type.STRING)
            .alias("dest", "path")
            .alias("name", "path")
            .optional("regexp", ArgSpec.Type.STRING)
            .alias("regex", "regexp")
            .optional("line", ArgSpec.Type.STRING)
            .alias("value", "line")
            .choice("state", false, "present", "present", "absent")
            .optional("insertafter", ArgSpec.Type.STRING)
            .optional("insertbefore", ArgSpec.Type.STRING)
            .optional("firstmatch", ArgSpec.Type.BOOL, false)
            .optional("backrefs", ArgSpec.Type.BOOL, false)
            .optional("create", ArgSpec.Type.BOOL, false)
            .optional("backup", ArgSpec.Type.BOOL, false)
            .fileAttributes();

    @Override public String name() { return "lineinfile"; }
    @Override public ArgSpec spec() { return SPEC; }

    @Override
    ModuleResult apply(ModuleContext ctx, Args args, RemoteFiles files) throws Exception {
        LineEdit e = edit(args);
        return EditedFile.apply(ctx, args, files, e::apply);
    }

    static LineEdit edit(Args args) {
        LineEdit e = new LineEdit();
        e.absent = args.choice("state", "present", "present", "absent").equals("absent");
        e.line = args.str("line", "value");
        String re = args.str("regexp", "regex");
        e.regexp = re == null ? null : PythonRegex.compile("regexp", re);
        e.backrefs = args.bool("backrefs", false);
        e.firstMatch = args.bool("firstmatch", false);
        e.insertAfter = args.str("insertafter");
        e.insertBefore = args.str("insertbefore");
        if (e.insertAfter != null && e.insertBefore != null) throw new IllegalArgumentException("give insertafter or insertbefore, not both");
        if (e.insertAfter != null && !e.insertAfter.equals("EOF")) PythonRegex.compile("insertafter", e.insertAfter);
        if (e.insertBefore != null && !e.insertBefore.equals("BOF")) PythonRegex.compile("insertbefore", e.insertBefore);
        if (!e.absent && e.line == null) throw new IllegalArgumentException("line is required with state present");
        if (e.absent && e.line == null && e.regexp == null) throw new IllegalArgumentException("state absent needs regexp or line");
        if (e.backrefs && e.regexp == null) throw new IllegalArgumentException("backrefs needs regexp");
        return e;
    }
}
