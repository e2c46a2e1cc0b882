package io.pgha.ops.render;

import io.pgha.core.InputException;
import io.pgha.core.Secrets;
import io.pgha.core.SourceLocation;
import io.pgha.inventory.Host;
import io.pgha.inventory.Inventory;
import io.pgha.template.ExpressionException;
import io.pgha.template.Expressions;
import io.pgha.template.Freemarker;
import io.pgha.template.VarsModel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks an inventory's clusters before anything is rendered or any host is touched: each problem
 * is an InputException naming the inventory file:line (or the defaults file) and the variable.
 * Secrets are checked for presence and length, never printed.
 */
public final class ClusterValidator {
    /** PostgreSQL majors the templates know (idle_session_timeout is written for 14+ only). */
    public static final Set<Integer> SUPPORTED_MAJORS = Set.of(13, 14, 15, 16, 17);
    public static final int KEEPALIVED_AUTH_PASS_MAX = 8;
    private static final Pattern SECONDS = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,2})?");
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,63}");
    /** Printable ASCII keepalived reads as one literal word: no space, quote, backslash, or comment start (# !). */
    private static final Pattern AUTH_PASS = Pattern.compile("[\\x21-\\x7e&&[^#!\"'\\\\]]+");
    private static final Pattern FENCE_AGENT = Pattern.compile("fence_[a-z0-9_]{1,40}");
    private static final Pattern FENCE_OPTION = Pattern.compile("[a-z][a-z0-9_]{0,40}");
    /** The agent's keys pgha writes itself (pg_fence_peer.conf.ftl) or the caller adds. */
    private static final List<String> FENCE_KEYS_SET_BY_PGHA = List.of("action", "ip", "username", "password", "method");
    private static final List<String> REQUIRED_SECRETS = List.of("pg_replication_password", "pg_monitor_password", "ka_auth_pass");

    private final boolean checkFiles;
    private final String defaultsSource;

    public ClusterValidator() { this(true, DefaultVars.RELATIVE_PATH); }

    private ClusterValidator(boolean checkFiles, String defaultsSource) {
        this.checkFiles = checkFiles;
        this.defaultsSource = defaultsSource;
    }

    /** Without the checks that need the controller's files (source tarballs): for `pgha render`. */
    public ClusterValidator withoutFileChecks() { return new ClusterValidator(false, defaultsSource); }

    /** Throws the first problem found. */
    public void validate(Inventory inventory, Map<String, Object> defaults) { validate(inventory, defaults, Map.of()); }

    /** Throws the first problem found, with the run's extra vars (-e) on top, as the nodes will see them. */
    public void validate(Inventory inventory, Map<String, Object> defaults, Map<String, Object> extraVars) {
        List<InputException> problems = problems(inventory, defaults, extraVars);
        if (!problems.isEmpty()) throw problems.get(0);
    }

    /** Every problem found, in inventory order. */
    public List<InputException> problems(Inventory inventory, Map<String, Object> defaults) {
        return problems(inventory, defaults, Map.of());
    }

    public List<InputException> problems(Inventory inventory, Map<String, Object> defaults, Map<String, Object> extraVars) {
        return new Run(new ClusterVars(inventory, defaults, extraVars), inventory, defaults.keySet()).check();
    }

    /** One validation pass: the resolved variables of every host, and the problems found. */
    private final class Run {
        final ClusterVars vars;
        final Inventory inventory;
        final Expressions expressions = new Expressions(Freemarker.configuration(List.of()));
        final Map<String, VarsModel> models = new LinkedHashMap<>();
        final List<InputException> problems = new ArrayList<>();
        final Set<String> defaultNames;

        Run(ClusterVars vars, Inventory inventory, Set<String> defaultNames) {
            this.vars = vars;
            this.inventory = inventory;
            this.defaultNames = defaultNames;
        }

        List<InputException> check() {
            Map<String, List<String>> clusters = clusters();
            if (clusters.isEmpty()) {
                problems.add(new InputException(SourceLocation.of(String.valueOf(inventory.source())), "pg_cluster_group",
                        "no cluster found: no host is in the group its pg_cluster_group names (default 'cluster')"));
                return problems;
            }
            Map<String, String> routerIds = new LinkedHashMap<>();   // "network vrid" -> cluster
            Map<String, String> vips = new LinkedHashMap<>();        // vip -> cluster
            for (Map.Entry<String, List<String>> c : clusters.entrySet()) {
                checkCluster(c.getKey(), c.getValue());
                String first = c.getValue().get(0);
                Ipv4 vip = Ipv4.parse(text(first, "ka_vip"));
                Integer vrid = integer(first, "ka_virtual_router_id");
                if (vip == null || vrid == null) continue;
                String other = vips.putIfAbsent(vip.toString(), c.getKey());
                if (other != null) {
                    add(first, "ka_vip", "clusters '" + other + "' and '" + c.getKey() + "' both use the VIP " + vip);
                }
                String key = vip.network() + " " + vrid;
                other = routerIds.putIfAbsent(key, c.getKey());
                if (other != null) {
                    add(first, "ka_virtual_router_id", "clusters '" + other + "' and '" + c.getKey() + "' both use virtual_router_id "
                            + vrid + " on " + vip.network() + ": VRRP mixes them up; give each cluster on a network its own id");
                }
            }
            return problems;
        }

        /** Cluster group name -> its nodes: hosts that are members of the group their pg_cluster_group names. */
        private Map<String, List<String>> clusters() {
            Map<String, List<String>> out = new LinkedHashMap<>();
            for (Host h : inventory.hosts()) {
                String group = text(h.name(), "pg_cluster_group");
                if (group == null) continue;
                boolean member = inventory.groupMembers(group).stream().anyMatch(m -> m.name().equals(h.name()));
                if (member) out.computeIfAbsent(group, g -> new ArrayList<>()).add(h.name());
            }
            return out;
        }

        private void checkCluster(String name, List<String> nodes) {
            if (nodes.size() != 2) {
                add(nodes.get(0), "pg_cluster_group", "cluster '" + name + "' has " + nodes.size() + " node(s) " + nodes
                        + "; pgha runs two-node clusters (one primary, one standby)");
            }
            List<String> primaries = new ArrayList<>();
            for (String n : nodes) {
                String role = text(n, "cluster_role");
                if (role == null) {
                    problems.add(new InputException(inventory.host(n).location(), "cluster_role",
                            n + ": not set; give each node cluster_role: primary or standby"));
                } else if (role.equals("primary")) {
                    primaries.add(n);
                } else if (!role.equals("standby")) {
                    add(n, "cluster_role", n + ": must be primary or standby, got '" + role + "'");
                }
                checkNode(n);
            }
            if (primaries.isEmpty() && nodes.stream().allMatch(n -> text(n, "cluster_role") != null)) {
                add(nodes.get(0), "cluster_role", "cluster '" + name + "' has no primary; exactly one node must be cluster_role: primary");
            } else if (primaries.size() > 1) {
                add(primaries.get(1), "cluster_role", "cluster '" + name + "' has " + primaries.size() + " primaries " + primaries
                        + "; exactly one node must be cluster_role: primary");
            }
            for (String var : List.of("ka_vip", "ka_virtual_router_id", "ka_auth_pass", "pg_port", "pg_cluster_network", "pg_major")) {
                for (String n : nodes.subList(1, nodes.size())) {
                    Object a = value(nodes.get(0), var);
                    Object b = value(n, var);
                    if (a != null && b != null && !String.valueOf(a).equals(String.valueOf(b))) {
                        add(n, var, "differs between " + nodes.get(0) + " and " + n + " (cluster '" + name + "'): both nodes need the same value");
                    }
                }
            }
        }

        private void checkNode(String n) {
            checkValues(n);
            oneOf(n, "pg_install_method", "source", "package");
            oneOf(n, "ka_install_method", "source", "package");
            oneOf(n, "pg_promote_method", "pg_ctl", "sql");
            oneOf(n, "pg_archive_method", "scp", "peer", "local");
            oneOf(n, "ka_state", "MASTER", "BACKUP");
            oneOf(n, "ka_auth_type", "PASS", "AH");
            Integer major = integer(n, "pg_major");
            if (major != null && !SUPPORTED_MAJORS.contains(major)) {
                add(n, "pg_version", n + ": PostgreSQL " + text(n, "pg_version") + " (major " + major
                        + ") is not one the templates know; supported: " + SUPPORTED_MAJORS.stream().sorted().toList());
            }
            for (String s : REQUIRED_SECRETS) {
                Object v = value(n, s);
                if (v == null || String.valueOf(v).isEmpty()) {
                    problems.add(new InputException(vars.origin(n, s, defaultsSource), s, n + ": secret not set; give " + s
                            + "_file (a file holding it, mode 0600) or " + s + "_env (an environment variable)"));
                }
            }
            checkAuthPass(n);
            checkTarball(n, "pg_install_method", "pg_source_tarball");
            checkTarball(n, "ka_install_method", "ka_source_tarball");
            checkNetwork(n);
            checkWitness(n);
            checkFenceDevice(n);
            checkPriority(n);
            checkReplicationMode(n);
            Integer vrid = integer(n, "ka_virtual_router_id");
            if (vrid != null && (vrid < 1 || vrid > 255)) add(n, "ka_virtual_router_id", n + ": must be 1..255, got " + vrid);
            Integer lag = integer(n, "pg_promote_max_lag_seconds");
            Integer interval = integer(n, "ka_check_interval");
            Integer fall = integer(n, "ka_check_fall");
            if (lag != null && interval != null && fall != null && lag < interval * (fall + 1)) {
                add(n, "pg_promote_max_lag_seconds", n + ": " + lag + " s is below ka_check_interval x (ka_check_fall + 1) = "
                        + interval * (fall + 1) + " s, the time the VIP takes to move: every failover would be refused");
            }
        }

        /** A witness: reachable by name or address, its password given, and lease timings in the order fencing needs. */
        private void checkWitness(String n) {
            String host = text(n, "pg_witness_host");
            if (host == null || host.isEmpty()) return;
            String bad = VariableRules.problem(VariableRules.Kind.ADDRESS, host);
            if (bad != null) {
                add(n, "pg_witness_host", n + ": " + bad);
            } else if (host.equals(text(n, "pg_node_address")) || host.equals(text(n, "pg_peer_address")) || host.equals(text(n, "ka_vip_address"))) {
                add(n, "pg_witness_host", n + ": " + host + " is a node of the cluster or its VIP; the witness must be a third host");
            }
            Object pass = value(n, "pg_witness_password");
            if (pass == null || String.valueOf(pass).isEmpty()) {
                add(n, "pg_witness_password", n + ": secret not set (needed with pg_witness_host); give pg_witness_password_file"
                        + " (a file holding it, mode 0600) or pg_witness_password_env (an environment variable)");
            }
            // its port: a PORT in VariableRules, checked with every other variable
            Integer ttl = integer(n, "pg_lease_ttl");
            Integer fenceAfter = integer(n, "pg_lease_fence_after");
            Double interval = seconds(n, "pg_lease_interval");
            Double call = seconds(n, "pg_lease_call_timeout");
            if (ttl == null || fenceAfter == null || interval == null || call == null) return;
            double needed = fenceAfter + 2 * (interval + call) + 1;
            if (fenceAfter < 1 || ttl <= needed) {
                add(n, "pg_lease_ttl", n + ": " + ttl + " s must exceed pg_lease_fence_after + 2 x (pg_lease_interval + pg_lease_call_timeout)"
                        + " + 1 = " + needed + " s (pg_lease_fence_after at least 1): a primary cut off must have fenced itself"
                        + " before the witness gives its lease to the standby");
            }
        }

        /**
         * A fence device: an agent of fence-agents by name, the controller's address, and what lands on the agent's
         * standard input (key=value lines: no line break, no '=' in a name, none of the keys pgha sets itself); the
         * standby's delay longer than the primary's wait plus one power-off, so that the primary's side wins a race.
         */
        private void checkFenceDevice(String n) {
            String agent = text(n, "pg_fence_agent");
            if (agent == null || agent.isEmpty()) return;
            if (!FENCE_AGENT.matcher(agent).matches()) {
                add(n, "pg_fence_agent", n + ": '" + agent + "' is not a fence-agents agent name (fence_ipmilan, fence_redfish, ...)");
            }
            String ip = text(n, "pg_fence_ip");
            String bad = ip == null || ip.isEmpty() ? "the power controller's address is missing" : VariableRules.problem(VariableRules.Kind.ADDRESS, ip);
            if (bad != null) add(n, "pg_fence_ip", n + ": " + bad);
            else if (ip.equals(text(n, "pg_node_address")) || ip.equals(text(n, "pg_peer_address")) || ip.equals(text(n, "ka_vip_address"))) {
                add(n, "pg_fence_ip", n + ": " + ip + " is a node of the cluster or its VIP, not a power controller");
            }
            String user = text(n, "pg_fence_user");
            if (user != null && !user.isEmpty()) {
                String p = VariableRules.problem(VariableRules.Kind.TEXT, user);
                if (p != null) add(n, "pg_fence_user", n + ": " + p);
                Object pass = value(n, "pg_fence_password");
                if (pass == null || String.valueOf(pass).isEmpty()) {
                    add(n, "pg_fence_password", n + ": secret not set (needed with pg_fence_user); give pg_fence_password_file"
                            + " (a file holding it, mode 0600) or pg_fence_password_env (an environment variable)");
                } else if (String.valueOf(pass).contains("\n")) {
                    add(n, "pg_fence_password", n + ": holds a line break, which the agent's standard input cannot carry (the value is not shown)");
                }
            }
            if (value(n, "pg_fence_options") instanceof Map<?, ?> options) {
                options.forEach((k, v) -> {
                    String name = String.valueOf(k);
                    if (!FENCE_OPTION.matcher(name).matches() || FENCE_KEYS_SET_BY_PGHA.contains(name)) {
                        add(n, "pg_fence_options", n + ": '" + name + "' is not an option pgha can pass (lower-case letters, digits and _;"
                                + " not " + String.join(", ", FENCE_KEYS_SET_BY_PGHA) + ", which pgha sets)");
                    } else if (v == null || v instanceof Map || v instanceof List || VariableRules.controlCharacter(v) != null) {
                        add(n, "pg_fence_options", n + ": " + name + " must be one value on one line");
                    }
                });
            } else {
                add(n, "pg_fence_options", n + ": must be a mapping of the agent's options, e.g. {lanplus: 1, cipher: 3}");
            }
            String tiebreaker = text(n, "pg_fence_tiebreaker");
            if (tiebreaker != null && !tiebreaker.isEmpty()) {
                String p = VariableRules.problem(VariableRules.Kind.ADDRESS, tiebreaker);
                if (p != null) add(n, "pg_fence_tiebreaker", n + ": " + p);
            }
            Integer delay = integer(n, "pg_fence_delay");
            Integer after = integer(n, "pg_fence_standby_after");
            if (delay != null && after != null && delay < after + 2) {
                add(n, "pg_fence_delay", n + ": " + delay + " s must be at least pg_fence_standby_after + 2 = " + (after + 2)
                        + " s: when both nodes live and cannot see each other, the primary's side must shoot first");
            }
        }

        /**
         * sync and strict: the health check owns synchronous_standby_names (so the inventory must not set
         * it), each node's application name lands in it and in a shell comparison (a plain name), and the
         * wait before degrading must outlast what a failover takes, or the guard would refuse every one.
         */
        private void checkReplicationMode(String n) {
            oneOf(n, "pg_replication_mode", "async", "sync", "strict");
            String mode = text(n, "pg_replication_mode");
            if (mode == null || mode.equals("async")) return;
            String names = text(n, "pg_synchronous_standby_names");
            if (names != null && !names.isEmpty()) {
                add(n, "pg_synchronous_standby_names", n + ": must be empty with pg_replication_mode " + mode
                        + " (the primary's health check sets synchronous_standby_names itself)");
            }
            // each node's own (its peer's pg_peer_application_name is this one, checked on that node)
            String name = text(n, "pg_application_name");
            if (name != null && !PLAIN_NAME.matcher(name).matches()) {
                add(n, "pg_application_name", n + ": with pg_replication_mode " + mode + " it must be a plain name (letters,"
                        + " digits, _ . -; at most 63), got '" + name + "': it lands in synchronous_standby_names");
            }
            Integer after = integer(n, "pg_sync_degrade_after");
            Integer interval = integer(n, "ka_check_interval");
            Integer fall = integer(n, "ka_check_fall");
            Integer timeout = integer(n, "ka_check_timeout");
            if (!mode.equals("sync") || after == null || interval == null || fall == null || timeout == null) return;
            int needed = interval * (fall + 3) + timeout + 2;
            String formula = "ka_check_interval x (ka_check_fall + 3) + ka_check_timeout + 2";
            String witness = text(n, "pg_witness_host");
            Integer ttl = integer(n, "pg_lease_ttl");
            // with a witness the guard first waits out the lease, and only then asks how long ago it heard the primary
            if (witness != null && !witness.isEmpty() && ttl != null && ttl + 3 * interval + 2 > needed) {
                needed = ttl + 3 * interval + 2;
                formula = "pg_lease_ttl + 3 x ka_check_interval + 2";
            }
            if (after <= needed) {
                add(n, "pg_sync_degrade_after", n + ": " + after + " s must exceed " + formula + " = " + needed + " s: the"
                        + " standby promotes only while the primary cannot have gone asynchronous yet, so a shorter wait would"
                        + " refuse every failover");
            }
        }

        /** keepalived takes priorities 1-254; the weight added to the node that takes writes must fit too. */
        private void checkPriority(String n) {
            Integer priority = integer(n, "ka_priority");
            Integer weight = integer(n, "ka_primary_weight");
            if (priority == null || weight == null) return;
            if (priority < 1 || priority + weight > 254) {
                add(n, "ka_priority", n + ": " + priority + " + ka_primary_weight " + weight + " must be between 1 and 254"
                        + " (keepalived's range): lower ka_priority_primary / ka_priority_standby or ka_primary_weight");
            }
        }

        private Double seconds(String host, String var) {
            String v = text(host, var);
            if (v == null) return null;
            if (!SECONDS.matcher(v).matches()) {
                add(host, var, host + ": must be a number of seconds such as 0.5 or 2, got '" + v + "'");
                return null;
            }
            return Double.parseDouble(v);
        }

        /** Each variable's value by its kind (VariableRules), and no control character in any cluster variable. */
        private void checkValues(String n) {
            Map<String, Object> raw = vars.forHost(n);
            raw.forEach((name, v) -> {
                if (!isClusterVariable(name) || Secrets.isSecretName(name)) return;
                String p = VariableRules.controlCharacter(v);
                if (p != null) add(n, name, n + ": " + p);
            });
            VariableRules.RULES.forEach((name, kind) -> {
                if (!raw.containsKey(name)) return;
                Object v = valueIfResolvable(n, name);
                String p = v == null || VariableRules.controlCharacter(v) != null ? null : VariableRules.problem(kind, v);
                if (p != null) add(n, name, n + ": " + p);
            });
        }

        private boolean isClusterVariable(String name) {
            return defaultNames.contains(name) || name.equals("cluster_role")
                    || name.startsWith("pg_") || name.startsWith("ka_") || name.startsWith("os_") || name.startsWith("pgha_");
        }

        /** keepalived.conf reads auth_pass as a bare word: a space, # or ! would end it or start a comment. */
        private void checkAuthPass(String n) {
            Object v = value(n, "ka_auth_pass");
            if (v == null) return;
            String pass = String.valueOf(v);
            if (pass.length() > KEEPALIVED_AUTH_PASS_MAX) {
                add(n, "ka_auth_pass", n + ": is " + pass.length() + " characters long; VRRP PASS authentication uses at most "
                        + KEEPALIVED_AUTH_PASS_MAX + " (keepalived would silently cut it)");
            }
            if (!pass.isEmpty() && !AUTH_PASS.matcher(pass).matches()) {
                add(n, "ka_auth_pass", n + ": holds a character keepalived.conf does not read literally; use printable ASCII"
                        + " without spaces, quotes, backslash, # or ! (the value is not shown)");
            }
        }

        private void checkTarball(String n, String methodVar, String tarballVar) {
            if (!checkFiles || !"source".equals(text(n, methodVar))) return;
            String tarball = text(n, tarballVar);
            if (tarball == null || tarball.isEmpty()) return;
            Path p = Path.of(tarball);
            if (!p.isAbsolute()) p = io.pgha.engine.MagicVars.inventoryDir(inventory).resolve(p).normalize();
            if (!Files.isRegularFile(p)) {
                add(n, tarballVar, n + ": " + p + " does not exist (put the tarball there, or set " + tarballVar
                        + ": \"\" to download the source URL on the nodes)");
            }
        }

        private void checkNetwork(String n) {
            String vipText = text(n, "ka_vip");
            Ipv4 vip = Ipv4.parse(vipText);
            if (vipText == null || vip == null || !vipText.contains("/")) {
                add(n, "ka_vip", n + ": " + (vipText == null ? "not set" : "'" + vipText + "' is not") + " an address with its prefix, e.g. 172.16.107.159/24");
                return;
            }
            if (vip.prefix() == 0) {
                add(n, "ka_vip", n + ": '" + vipText + "' has prefix /0: give the subnet's own prefix, e.g. /24");
                return;
            }
            if (vip.prefix() <= 30 && (vip.address() == vip.network().address() || vip.address() == vip.broadcast())) {
                add(n, "ka_vip", n + ": " + vipText + " is the " + (vip.address() == vip.broadcast() ? "broadcast" : "network")
                        + " address of its subnet, not one a node can hold");
            }
            String netText = text(n, "pg_cluster_network");
            Ipv4 net = Ipv4.parse(netText);
            if (netText == null || net == null || !netText.contains("/")) {
                add(n, "pg_cluster_network", n + ": " + (netText == null ? "not set" : "'" + netText + "' is not")
                        + " a network in CIDR form, e.g. 172.16.107.0/24 (pg_hba's client rule)");
            } else if (!net.contains(vip)) {
                add(n, "ka_vip", n + ": the VIP " + vipText + " is outside pg_cluster_network " + net);
            }
            Ipv4 address = Ipv4.parse(text(n, "pg_node_address"));
            if (address != null && address.address() == vip.address()) {
                add(n, "ka_vip", n + ": the VIP " + vipText + " is " + n + "'s own address: it must be a free address"
                        + " that moves between the nodes");
            } else if (address != null && !vip.contains(address)) {
                add(n, "ka_vip", n + ": the VIP " + vipText + " is not in the subnet of " + n + " (" + address
                        + "): keepalived can only add it on the node's own network");
            }
        }

        private void oneOf(String n, String var, String... allowed) {
            String v = text(n, var);
            if (v != null && !List.of(allowed).contains(v)) add(n, var, n + ": must be one of " + List.of(allowed) + ", got '" + v + "'");
        }

        /** Adds a problem; the same problem seen from the other node (a group variable) is reported once. */
        private void add(String host, String var, String message) {
            InputException p = new InputException(vars.origin(host, var, defaultsSource), var, message);
            String key = withoutHost(p.describe());
            if (problems.stream().noneMatch(x -> withoutHost(x.describe()).equals(key))) problems.add(p);
        }

        private String withoutHost(String described) {
            for (Host h : inventory.hosts()) described = described.replace(": " + h.name() + ": ", ": ");
            return described;
        }

        private VarsModel model(String host) {
            return models.computeIfAbsent(host, h -> VarsModel.of(vars.forHost(h), expressions));
        }

        /** A variable's rendered value; a value that cannot be rendered is reported, and null returned. */
        private Object value(String host, String var) {
            try {
                return model(host).resolve(var);
            } catch (ExpressionException e) {
                add(host, var, host + ": " + e.getMessage());
                return null;
            }
        }

        /** A derived value that cannot be resolved is left to the check of what it derives from. */
        private Object valueIfResolvable(String host, String var) {
            try {
                return model(host).resolve(var);
            } catch (ExpressionException e) {
                return null;
            }
        }

        private String text(String host, String var) {
            Object v = value(host, var);
            return v == null ? null : String.valueOf(v).strip();
        }

        private Integer integer(String host, String var) {
            Object v = value(host, var);
            if (v == null) return null;
            if (v instanceof Number num) return num.intValue();
            try {
                return Integer.parseInt(String.valueOf(v).strip());
            } catch (NumberFormatException e) {
                // a variable with a rule was reported by checkValues already
                if (!VariableRules.RULES.containsKey(var)) add(host, var, host + ": must be a whole number, got '" + v + "'");
                return null;
            }
        }
    }
}
