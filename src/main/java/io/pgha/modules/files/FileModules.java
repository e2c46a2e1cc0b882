package io.pgha.modules.files;

import io.pgha.modules.Module;

import java.util.List;

/** The file modules, for the registry. */
public final class FileModules {
    private FileModules() {}

    public static List<Module> all() {
        return List.of(new CopyModule(), new TemplateModule(), new FileModule(), new LineInFileModule(),
                new BlockInFileModule(), new UnarchiveModule(), new GetUrlModule(), new FetchModule());
    }
}
