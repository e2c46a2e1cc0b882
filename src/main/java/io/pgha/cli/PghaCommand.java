package io.pgha.cli;

import picocli.CommandLine.Command;

/** The root command: pgha VERB ... */
@Command(name = "pgha", mixinStandardHelpOptions = true, version = "pgha 0.1.0",
        description = "Provision and operate PostgreSQL streaming replication with a keepalived VIP.",
        subcommands = {BootstrapCommand.class, PushConfigCommand.class, FailoverDrillCommand.class, RejoinCommand.class, SwitchoverCommand.class, MaintenanceCommand.class, VerifyCommand.class, StatusCommand.class, RenderCommand.class, PlayCommand.class, InventoryCommand.class, LabCommand.class})
public final class PghaCommand {
}
