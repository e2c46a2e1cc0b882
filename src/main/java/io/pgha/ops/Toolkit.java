package io.pgha.ops;

import io.pgha.core.Secrets;
import io.pgha.engine.ClusterHosts;
import io.pgha.engine.PlaybookRunner;
import io.pgha.engine.Recap;
import io.pgha.engine.RunListener;
import io.pgha.engine.RunOptions;
import io.pgha.inventory.Inventory;
import io.pgha.inventory.YamlInventoryLoader;
import io.pgha.modules.BuiltinModules;
import io.pgha.modules.ModuleRegistry;
import io.pgha.playbook.Playbook;
import io.pgha.playbook.PlaybookLoader;
import io.pgha.template.Expressions;
import io.pgha.template.Freemarker;
import io.pgha.transport.Connector;

import java.nio.file.Path;
import java.util.List;

/**
 * The parts every operation needs, wired once per command: secrets (shared so every loader and the
 * output mask the same values), modules, Freemarker, the connector the engine reaches the hosts with
 * (cli gives the SSH one). No CLI knowledge here, and no SSH: operations open no connection themselves.
 */
public final class Toolkit implements AutoCloseable {
    private final Secrets secrets = new Secrets();
    private final ModuleRegistry modules = BuiltinModules.registry();
    private final Path workDir;
    private final Connector connector;

    /** @param connector closed with the toolkit */
    public Toolkit(Path workDir, Connector connector) {
        this.workDir = workDir;
        this.connector = connector;
        secrets.useForErrors();
    }

    public Secrets secrets() { return secrets; }
    public ModuleRegistry modules() { return modules; }

    public Inventory loadInventory(Path path) { return new YamlInventoryLoader(secrets).load(path); }

    public Playbook loadPlaybook(Path path) { return new PlaybookLoader(modules).load(path); }

    /** Freemarker looking in the playbook's folder's templates/, the working directory's templates/, then the jar. */
    public Expressions expressions(Path baseDir) {
        return new Expressions(Freemarker.configuration(List.of(baseDir.resolve("templates"),
                baseDir.resolve("../templates").normalize(), workDir.resolve("templates"))));
    }

    public Connector connector() { return connector; }

    public Recap run(Playbook playbook, Inventory inventory, RunOptions options, RunListener listener) {
        return runner(playbook).run(playbook, inventory, options, listener);
    }

    /** On an operation's connections (ClusterSession), which stay open for its next step. */
    public Recap run(Playbook playbook, Inventory inventory, RunOptions options, RunListener listener, ClusterHosts hosts) {
        return runner(playbook).run(playbook, inventory, options, listener, hosts);
    }

    private PlaybookRunner runner(Playbook playbook) {
        return new PlaybookRunner(modules, connector(), expressions(playbook.baseDir()), secrets);
    }

    @Override
    public void close() {
        connector.close();
    }
}
