package io.pgha.cli;

import io.pgha.core.ExitCodes;
import io.pgha.ops.ClusterSession;
import io.pgha.ops.verify.ClusterVerification;
import io.pgha.ops.verify.VerifyReport;
import picocli.CommandLine.Command;

import java.io.PrintWriter;


/** pgha verify -i INVENTORY: the checks bootstrap ends with, alone, changing nothing. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify a running cluster without changing it: VIP on the primary only, the primary not in "
                + "recovery, the standby streaming (both ends), a row written through the VIP read back on the "
                + "standby, WAL archiving working.",
                "Exit 0 verified, 3 a check failed, 4 a node unreachable, 2 bad inventory."})
public final class VerifyCommand extends ClusterReadCommand {
    @Override
    int read(ClusterSession session, boolean json, PrintWriter out) {
        VerifyReport report = session.verify();
        Reports.printReport(report, json, out);
        if (report.passed()) return ExitCodes.OK;
        return ClusterVerification.unreachable(report) ? ExitCodes.UNREACHABLE : ExitCodes.HOST_FAILED;
    }
}
