package io.pgha.lab;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where and how the local lab lives: Docker names, the /24 it owns, its nodes, and the files it writes
 * under the project directory. Defaults are the README's lab; PGHA_LAB_NAME and PGHA_LAB_SUBNET (first
 * three octets) move a second lab next to it (tests, or a machine where 172.30.107.0/24 is taken).
 *
 * @param name         prefix of every Docker object (network NAME, containers NAME-db06 ...) and the label value
 * @param subnetPrefix first three octets of the lab's /24, e.g. "172.30.107"
 * @param projectDir   the directory holding .lab/NAME/ (what the lab writes) and inventories/lab/ (its tracked settings)
 * @param clusters     1: db06 and db07; 2: db08 and db09 too, a second cluster (`pgha lab up --clusters 2`)
 */
public record LabConfig(String name, String subnetPrefix, Path projectDir, int clusters) {
    public static final String DEFAULT_NAME = "pgha-lab";
    public static final String DEFAULT_SUBNET_PREFIX = "172.30.107";
    public static final String ENV_NAME = "PGHA_LAB_NAME";
    public static final String ENV_SUBNET = "PGHA_LAB_SUBNET";
    /** Docker's cpu-shares for the lab's nodes (1024 when unset): a lab that compiles yields the CPU to one timing drills. */
    public static final String ENV_CPU_SHARES = "PGHA_LAB_CPU_SHARES";
    public static final String IMAGE_REPOSITORY = "pgha-lab-node";
    public static final String BMC_IMAGE_REPOSITORY = "pgha-lab-bmc";
    /** The lab's power controllers' login (the password is the lab secret pg_fence_password). */
    public static final String BMC_USER = "admin";
    /** The witness's image: the node image with PostgreSQL installed (LabImage.WITNESS). */
    public static final String WITNESS_IMAGE_REPOSITORY = "pgha-lab-witness";
    /** Label on every Docker object of a lab; its value is the lab's name. */
    public static final String LABEL = "io.pgha.lab";
    /** Label on a node container; its value is the node's name (db06). */
    public static final String NODE_LABEL = "io.pgha.lab.node";
    public static final String LOGIN_USER = "pgha";
    /** The machine's lab state folder (scripts/lab-host-setup.sh's too), kept between runs: PGHA_LAB_STATE or this. */
    public static final String ENV_STATE = "PGHA_LAB_STATE";
    public static final String DEFAULT_STATE_DIR = "/var/lib/pgha-lab";
    /**
     * Where every node sees the machine's ccache folder (hostCcacheDir), bind-mounted: inventories/lab-source
     * sets pg_build_ccache_dir to it, so the source build on a fresh node reuses the objects of earlier builds.
     */
    public static final String NODE_CCACHE_DIR = "/var/cache/pgha-lab/ccache";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,40}");
    private static final Pattern OCTET = Pattern.compile("25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9]");

    public LabConfig(String name, String subnetPrefix, Path projectDir) { this(name, subnetPrefix, projectDir, 1); }

    public LabConfig {
        if (clusters < 1 || clusters > 2) throw new IllegalArgumentException("--clusters: 1 or 2, not " + clusters);
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(ENV_NAME + ": '" + name + "' is not a usable Docker name"
                    + " (lower-case letters, digits, '-', '_', '.')");
        }
        String[] octets = subnetPrefix == null ? new String[0] : subnetPrefix.split("\\.", -1);
        if (octets.length != 3 || !java.util.Arrays.stream(octets).allMatch(o -> OCTET.matcher(o).matches())) {
            throw new IllegalArgumentException(ENV_SUBNET + ": '" + subnetPrefix
                    + "' must be the first three octets of a /24, e.g. " + DEFAULT_SUBNET_PREFIX);
        }
        projectDir = projectDir.toAbsolutePath().normalize();
    }

    /** The defaults, overridden by PGHA_LAB_NAME / PGHA_LAB_SUBNET when set. */
    public static LabConfig fromEnvironment(Path projectDir) {
        return fromEnvironment(System.getenv(), projectDir);
    }

    public static LabConfig fromEnvironment(Map<String, String> env, Path projectDir) {
        String name = env.getOrDefault(ENV_NAME, "").isBlank() ? DEFAULT_NAME : env.get(ENV_NAME).strip();
        String subnet = env.getOrDefault(ENV_SUBNET, "").isBlank() ? DEFAULT_SUBNET_PREFIX : env.get(ENV_SUBNET).strip();
        return new LabConfig(name, subnet, projectDir);
    }

    /** The CPU weight of the lab's nodes against other containers (Docker's cpu-shares, 2 to 262144; default 1024). */
    public static int cpuShares(Map<String, String> env) {
        String v = env.getOrDefault(ENV_CPU_SHARES, "").strip();
        if (v.isEmpty()) return 1024;
        if (!v.matches("[0-9]{1,6}") || Integer.parseInt(v) < 2 || Integer.parseInt(v) > 262144) {
            throw new IllegalArgumentException(ENV_CPU_SHARES + ": '" + v + "' is not a cpu-shares weight (2 to 262144, default 1024)");
        }
        return Integer.parseInt(v);
    }

    /** The same lab with this many clusters' nodes. */
    public LabConfig withClusters(int n) { return new LabConfig(name, subnetPrefix, projectDir, n); }

    /**
     * The nodes, in inventory order: db06 (.156, the runbook's primary) and db07 (.157); with a second
     * cluster db08 (.166, its primary) and db09 (.167).
     */
    public List<LabNode> nodes() {
        List<LabNode> first = List.of(new LabNode("db06", subnetPrefix + ".156"), new LabNode("db07", subnetPrefix + ".157"));
        if (clusters == 1) return first;
        return List.of(first.get(0), first.get(1), new LabNode("db08", subnetPrefix + ".166"), new LabNode("db09", subnetPrefix + ".167"));
    }

    /** The nodes of one cluster: 1 (db06, db07) or 2 (db08, db09). */
    public List<LabNode> clusterNodes(int cluster) { return nodes().subList(2 * (cluster - 1), 2 * cluster); }

    /** The optional witness (`pgha lab witness`): a third host running PostgreSQL for the cluster's lease. */
    public LabNode witness() { return new LabNode("witness", subnetPrefix + ".158"); }

    public LabNode node(String nodeName) {
        return nodes().stream().filter(n -> n.name().equals(nodeName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no lab node '" + nodeName + "' (nodes: db06, db07)"));
    }

    public String subnet() { return subnetPrefix + ".0/24"; }
    /** A free address on the lab's network for a keepalived virtual IP. */
    public String vip() { return subnetPrefix + ".159"; }
    /** The second cluster's virtual IP (with --clusters 2). */
    public String secondVip() { return subnetPrefix + ".169"; }
    /** An address on the lab's network that no lab part ever holds (not a node, the witness or the VIP): for tests
     *  that add and remove one of their own. */
    public String spareAddress() { return subnetPrefix + ".160"; }
    public String networkName() { return name; }

    /**
     * The management network's first three octets: the power controllers and the nodes' second interface, as in a
     * data centre, so a node cut off from the data network can still be fenced through its controller. The third
     * octet is the lab's plus 100 (minus 100 above 155): 172.30.107 has 172.30.207.
     */
    public String mgmtPrefix() {
        String[] o = subnetPrefix.split("\\.");
        int third = Integer.parseInt(o[2]);
        return o[0] + "." + o[1] + "." + (third <= 155 ? third + 100 : third - 100);
    }
    public String mgmtSubnet() { return mgmtPrefix() + ".0/24"; }
    public String mgmtNetworkName() { return name + "-mgmt"; }
    /** A node's own address on the management network: the same last octet as on the data network. */
    public String mgmtAddress(LabNode node) { return mgmtPrefix() + node.address().substring(node.address().lastIndexOf('.')); }
    /** The address of a node's power controller: its last octet plus 50 (db06 .156: .206). */
    public String bmcAddress(LabNode node) {
        return mgmtPrefix() + "." + (Integer.parseInt(node.address().substring(node.address().lastIndexOf('.') + 1)) + 50);
    }
    public String bmcContainerName(String nodeName) { return name + "-bmc-" + nodeName; }
    public String containerName(String nodeName) { return name + "-" + nodeName; }

    /** The machine's ccache folder, shared by every lab node and kept between runs (mounted at NODE_CCACHE_DIR). */
    public static Path hostCcacheDir() { return hostCcacheDir(System.getenv()); }

    static Path hostCcacheDir(Map<String, String> env) {
        String state = env.getOrDefault(ENV_STATE, "").isBlank() ? DEFAULT_STATE_DIR : env.get(ENV_STATE).strip();
        return Path.of(state).toAbsolutePath().normalize().resolve("ccache");
    }


    /**
     * Everything a lab writes lives here, never in tracked files, so labs of other names run side by side:
     * .lab/NAME/ holds the key pair, known_hosts, secrets/ and the lab's inventory itself (`-i .lab/NAME`).
     */
    public Path stateDir() { return projectDir.resolve(".lab").resolve(name); }
    public Path privateKey() { return stateDir().resolve("id_ed25519"); }
    public Path publicKey() { return stateDir().resolve("id_ed25519.pub"); }
    public Path knownHosts() { return stateDir().resolve("known_hosts"); }
    /** The lab cluster's password files, referred to by the lab's hosts.yml (NAME_file). */
    public Path secretsDir() { return stateDir().resolve("secrets"); }
    /** The lab's inventory: hosts.yml written by `pgha lab up`, group_vars linked to inventories/lab's, host_vars its own. */
    public Path inventoryFile() { return stateDir().resolve("hosts.yml"); }
    /** The same nodes with PostgreSQL and keepalived built from source: group_vars linked to inventories/lab-source's. */
    public Path sourceInventoryFile() { return stateDir().resolve("source").resolve("hosts.yml"); }
    /** The same cluster with each node's power controller as its fence device (the lab's BMCs). */
    public Path fencingInventoryFile() { return stateDir().resolve("power-fencing").resolve("hosts.yml"); }
    /** Both clusters of a lab with two (group_vars and host_vars shared with the lab's inventory by symbolic links). */
    public Path twoClusterInventoryFile() { return stateDir().resolve("two-clusters").resolve("hosts.yml"); }
    /** The tracked settings a lab inventory links to: inventories/lab or inventories/lab-source. */
    public Path settingsDir(String inventoryName) { return projectDir.resolve("inventories").resolve(inventoryName); }

    /** Whether this is the README's lab (the defaults) rather than one moved by environment variables. */
    public boolean isDefault() { return name.equals(DEFAULT_NAME) && subnetPrefix.equals(DEFAULT_SUBNET_PREFIX); }
}
