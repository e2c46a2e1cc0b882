package io.pgha.ops;

import io.pgha.core.ExitCodes;
import io.pgha.engine.Recap;

/** Where a changing operation (bootstrap, push-config, rejoin, switchover) ended. */
public enum Stage {
    NOTHING_TO_DO, REFUSED, UNREACHABLE, PLAYBOOK_FAILED, CHECKED, VERIFIED, VERIFICATION_FAILED;

    /** A playbook that did not go through: a host could not be reached, or a task failed. */
    public static Stage ofFailed(Recap recap) {
        return recap.exitCode() == ExitCodes.UNREACHABLE ? UNREACHABLE : PLAYBOOK_FAILED;
    }
}
