package io.pgha.modules.system;

import io.pgha.modules.Module;

import java.util.List;

/** The system modules (issue 2), for the registry. */
public final class SystemModules {
    private SystemModules() {}

    public static List<Module> all() {
        return List.of(new CommandModule(), new ShellModule(), new PackageModule(), new UserModule(), new GroupModule(),
                new ServiceModule(), new WaitForModule(), new SysctlModule(), new DebugModule(), new FailModule(),
                new AssertModule(), new SetFactModule());
    }
}
