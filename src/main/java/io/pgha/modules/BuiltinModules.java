package io.pgha.modules;

import io.pgha.modules.files.FileModules;
import io.pgha.modules.system.SystemModules;

/** The modules pgha ships with. The one place that knows every module package. */
public final class BuiltinModules {
    private BuiltinModules() {}

    public static ModuleRegistry registry() {
        ModuleRegistry r = new ModuleRegistry();
        FileModules.all().forEach(r::register);
        SystemModules.all().forEach(r::register);
        return r;
    }
}
