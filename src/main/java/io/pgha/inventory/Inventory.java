package io.pgha.inventory;

import io.pgha.core.SourceLocation;
import io.pgha.transport.ConnectionSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A loaded, validated inventory: hosts, groups and their variables with Ansible's precedence
 * (lowest to highest): all vars in the inventory file, all group_vars/all, parent group vars
 * (inventory file, then group_vars/NAME), child group vars (deeper wins; same depth: alphabetical),
 * host vars in the inventory file, host_vars/NAME.
 */
public interface Inventory {
    /** The inventory file (or directory) it was read from. */
    Path source();

    /** Every host, in the order first seen in the file. */
    List<Host> hosts();

    Host host(String name);  // null when absent

    Set<String> groupNames();

    /** Hosts of a group (including its children's), in inventory order; empty list for no such group. */
    List<Host> groupMembers(String group);

    /**
     * Resolves a play's hosts pattern: "all", a group, a host, several joined by ':' or ',', '!x' to
     * exclude, '&x' to intersect. An unknown name is an InputException naming {@code where}.
     */
    List<Host> select(String pattern, SourceLocation where);

    /**
     * The host's variables after precedence, secret references resolved, plus the magic variables
     * inventory_hostname, group_names (sorted, without 'all') and groups (name -> host names).
     */
    Map<String, Object> hostVars(String host);

    /** Where each of the host's variables was set (file:line), for --host output and error messages. */
    Map<String, SourceLocation> hostVarOrigins(String host);

    /**
     * Connection settings for a host from ansible_host/ansible_port/ansible_user/
     * ansible_ssh_private_key_file/ansible_password_{env,file}/pgha_known_hosts.
     */
    ConnectionSpec connectionSpec(String host, boolean acceptNewHostKeys);

    /** The same inventory with only these hosts (one cluster of several); their variables are unchanged. */
    default Inventory only(Set<String> hostNames) { return new HostSubset(this, hostNames); }
}
