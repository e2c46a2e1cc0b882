package io.pgha.modules.system;

import io.pgha.modules.ModuleContext;

/** One init system: how to read a service's state and the shell text for each change. */
interface ServiceControl {
    ServiceStatus status(ModuleContext ctx, String name) throws Exception;

    /** start, stop, restart or reload. */
    String actionScript(String name, String action);

    String enableScript(String name, boolean on);

    /** null when the init system has no such step. */
    String daemonReloadScript();

    /** Recent log lines about the service for a failure message ("" when none). */
    String recentLog(ModuleContext ctx, String name);
}
