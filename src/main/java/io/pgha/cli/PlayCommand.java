package io.pgha.cli;

import io.pgha.engine.Recap;
import io.pgha.inventory.Inventory;
import io.pgha.ops.Toolkit;
import io.pgha.playbook.Playbook;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** pgha play PLAYBOOK -i INVENTORY: run any playbook. */
@Command(name = "play", description = "Run a playbook against an inventory.", mixinStandardHelpOptions = true)
public final class PlayCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PLAYBOOK", description = "Playbook file (YAML list of plays).")
    Path playbook;

    @Mixin
    RunOptionsMixin options;

    @Override
    public Integer call() {
        try (Toolkit kit = SshToolkit.at(Path.of("").toAbsolutePath())) {
            Inventory inventory = kit.loadInventory(options.inventory);
            Playbook pb = kit.loadPlaybook(playbook);
            Recap recap = kit.run(pb, inventory, options.toRunOptions(), Listeners.of(options, System.out));
            return recap.exitCode();
        }
    }
}
