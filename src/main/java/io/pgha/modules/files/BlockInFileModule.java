package io.pgha.modules.files;

import io.pgha.modules.ArgSpec;
import io.pgha.modules.ModuleContext;
import io.pgha.modules.ModuleResult;
import io.pgha.modules.support.PythonRegex;
import io.pgha.modules.support.RemoteFiles;

/** blockinfile: a block of lines between marker lines, present or absent (see BlockEdit). */
public final class BlockInFileModule extends AbstractFileModule {
    static final String DEFAULT_MARKER = "# {mark} PGHA MANAGED BLOCK";
    private static final ArgSpec SPEC = ArgSpec.builder()
            .required("path", ArgSpec.Type.STRING)
            .alias("dest", "path")
            .alias("name", "path")
            .optional("block", ArgSpec.Type.STRING, "")
            .alias("content", "block")
            .optional("marker", ArgSpec.Type.STRING, DEFAULT_MARKER)
            .optional("marker_begin", ArgSpec.Type.STRING, "BEGIN")
            .optional("marker_end", ArgSpec.Type.STRING, "END")
            .choice("state", false, "present", "present", "absent")
            .optional("insertafter", ArgSpec.Type.STRING)
            .optional("insertbefore", ArgSpec.Type.STRING)
            .optional("create", ArgSpec.Type.BOOL, false)
            .optional("backup", ArgSpec.Type.BOOL, false)
            .fileAttributes();

    @Override public String name() { return "blockinfile"; }
    @Override public ArgSpec spec() { return SPEC; }

    @Override
    ModuleResult apply(ModuleContext ctx, Args args, RemoteFiles files) throws Exception {
        BlockEdit e = edit(args);
        return EditedFile.apply(ctx, args, files, e::apply);
    }

    static BlockEdit edit(Args args) {
        BlockEdit e = new BlockEdit();
        String block = args.str("block", "content");
        e.block = block == null ? "" : block;
        String marker = args.str("marker");
        if (marker == null) marker = DEFAULT_MARKER;
        if (!marker.contains("{mark}")) throw new IllegalArgumentException("marker must contain {mark}, got '" + marker + "'");
        String b = args.str("marker_begin"), en = args.str("marker_end");
        e.beginMarker = BlockEdit.marker(marker, b == null ? "BEGIN" : b);
        e.endMarker = BlockEdit.marker(marker, en == null ? "END" : en);
        if (e.beginMarker.equals(e.endMarker)) throw new IllegalArgumentException("marker_begin and marker_end must differ");
        e.absent = args.choice("state", "present", "present", "absent").equals("absent");
        e.insertAfter = args.str("insertafter");
        e.insertBefore = args.str("insertbefore");
        if (e.insertAfter != null && e.insertBefore != null) throw new IllegalArgumentException("give insertafter or insertbefore, not both");
        for (String re : new String[]{e.insertAfter, e.insertBefore}) {
            if (re == null || re.equals("EOF") || re.equals("BOF")) continue;
            PythonRegex.compile("insertafter/insertbefore", re);
        }
        return e;
    }
}
