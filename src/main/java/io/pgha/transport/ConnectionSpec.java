package io.pgha.transport;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to reach one host, resolved from the inventory.
 *
 * @param hostName           inventory name (db06)
 * @param address            ansible_host (IP or DNS name)
 * @param port               ansible_port (22)
 * @param user               ansible_user
 * @param privateKey         ansible_ssh_private_key_file (null: none)
 * @param password           resolved password (from env var or file; null: none). Never logged.
 * @param knownHosts         known_hosts file to verify against (the user's ~/.ssh/known_hosts by default)
 * @param acceptNewHostKeys  add an unknown host key to knownHosts (a CHANGED key is always refused)
 * @param connectTimeout     TCP connect + auth timeout
 * @param becomePassword     sudo password (null: passwordless sudo)
 */
public record ConnectionSpec(String hostName, String address, int port, String user, Path privateKey,
                             String password, Path knownHosts, boolean acceptNewHostKeys,
                             Duration connectTimeout, String becomePassword) {

    @Override
    public String toString() { // never print secrets
        return user + "@" + address + ":" + port + " (" + hostName + ")";
    }
}
