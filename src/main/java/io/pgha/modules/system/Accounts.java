package io.pgha.modules.system;

import java.util.regex.Pattern;

/** Names of users and groups as useradd/groupadd accept them (checked before any command is built). */
final class Accounts {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,31}\\$?");

    private Accounts() {}

    static String name(String what, String name) throws TaskFailure {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new TaskFailure("'" + name + "' is not a valid " + what + " name (letters, digits, _ . -; at most 32)");
        }
        return name;
    }
}
