package io.pgha.transport.ssh;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A connection's become shells, one per become user, started on first use. A user whose shell
 * cannot start (sudo wants a password, sudoers forbids it, no channel free) is not tried again in
 * this run: its commands take the ordinary path, which reports such problems clearly.
 */
final class BecomeShells {
    /** At most this many users get a shell (root and postgres, typically); each holds a channel. */
    static final int MAX_SHELLS = 2;

    /** Starts a shell for a user; null when it cannot, Busy when it cannot just now (no channel free). */
    interface Starter {
        BecomeShell start(String user) throws Busy;
    }

    static final class Busy extends Exception {
        Busy() {
            super(null, null, false, false);
        }
    }

    private final Starter starter;
    private final Map<String, BecomeShell> shells = new HashMap<>();
    private final Set<String> unavailable = new HashSet<>();
    private boolean closed;

    BecomeShells(Starter starter) {
        this.starter = starter;
    }

    /** The user's shell, claimed for one command; null when the ordinary path should run it (shell busy or unavailable). */
    synchronized BecomeShell claim(String user) {
        if (closed || unavailable.contains(user)) return null;
        BecomeShell s = shells.get(user);
        if (s != null && !s.alive()) {
            shells.remove(user); // died (timeout, session lost): start a new one
            s = null;
        }
        if (s == null) {
            if (shells.size() >= MAX_SHELLS) return null;
            try {
                s = starter.start(user);
            } catch (Busy later) {
                return null;
            }
            if (s == null) {
                unavailable.add(user);
                return null;
            }
            shells.put(user, s);
        }
        return s.tryClaim() ? s : null;
    }

    synchronized void closeAll() {
        closed = true;
        for (BecomeShell s : shells.values()) s.close();
        shells.clear();
    }
}
