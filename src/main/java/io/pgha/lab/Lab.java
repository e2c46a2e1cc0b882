package io.pgha.lab;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Volume;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The local two-node lab: Docker containers that behave like real hosts (systemd as PID 1, sshd, sudo),
 * on their own bridge network with fixed addresses. `up` leaves them running after the JVM exits (users
 * play against them afterwards); `down` removes nodes and network but keeps the image and the key pair.
 * Every Docker object carries the label io.pgha.lab=NAME, which is how down and status find them.
 */
public final class Lab implements AutoCloseable {
    static final Duration BOOT_TIMEOUT = Duration.ofSeconds(180);
    static final Duration SSHD_TIMEOUT = Duration.ofSeconds(30);
    static final Duration EXEC_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration WITNESS_SETUP_TIMEOUT = Duration.ofMinutes(6);

    private final LabConfig config;
    private final LabListener listener;
    private Docker docker;

    public Lab(LabConfig config, LabListener listener) {
        this.config = config;
        LabListener l = listener == null ? LabListener.SILENT : listener;
        // Steps of the two nodes finish on worker threads: hand them over one at a time.
        this.listener = new LabListener() {
            @Override public synchronized void step(String d, Duration t) { l.step(d, t); }
            @Override public synchronized void starting(String d) { l.starting(d); }
            @Override public synchronized void detail(String line) { l.detail(line); }
        };
    }

    public LabConfig config() { return config; }

    /** Brings the lab up, reusing whatever already runs; returns its status afterwards. Idempotent. */
    public LabStatus up() {
        try (LabLock ignored = lock()) {
            Docker d = timed(this::dockerSetUp, x -> "docker engine " + x.version().getVersion() + " at " + x.host());
            String image = LabImage.NODE.ensure(d, listener);

            long t = System.nanoTime();
            boolean made = LabKeys.ensure(config.privateKey(), config.publicKey(), "pgha-lab@" + config.name());
            step("key pair " + display(config.privateKey()) + (made ? " created" : " present"), t);

            t = System.nanoTime();
            String net = ensureNetwork();
            step("network " + config.networkName() + " " + config.subnet() + " " + net, t);
            t = System.nanoTime();
            net = ensureNetwork(config.mgmtNetworkName(), config.mgmtPrefix());
            step("network " + config.mgmtNetworkName() + " " + config.mgmtSubnet() + " " + net + " (the power controllers')", t);

            Map<LabNode, String> ids = new LinkedHashMap<>();
            boolean newNodes = false;
            for (LabNode n : config.nodes()) {
                t = System.nanoTime();
                NodeStart started = ensureNode(n, image);
                ids.put(n, started.id());
                newNodes |= started.action().equals("created");
                step("node " + n.name() + " (" + config.containerName(n.name()) + ", " + n.address() + ") " + started.action(), t);
            }

            String key = LabKeys.publicKeyLine(config.publicKey());
            Map<LabNode, List<String>> hostKeys = new LinkedHashMap<>();
            forEachNode(ids, (n, id) -> {
                long t0 = System.nanoTime();
                String state = waitBooted(n, id);
                step(n.name() + " systemd " + state, t0);
                t0 = System.nanoTime();
                authorize(n, id, key);
                List<String> keys = hostKeys(n, id);
                synchronized (hostKeys) { hostKeys.put(n, keys); }
                waitSshd(n);
                step(n.name() + " sshd answers on " + n.address() + ":22, key authorized for " + LabConfig.LOGIN_USER, t0);
            });

            LabSecrets.ensure(config.secretsDir());
            new LabPower(docker, config, listener).ensure(ids, LabSecrets.read(config.secretsDir(), "pg_fence_password"));

            t = System.nanoTime();
            Map<LabNode, List<String>> ordered = new LinkedHashMap<>();
            config.nodes().forEach(n -> ordered.put(n, hostKeys.get(n)));
            boolean kh = LabFiles.writeIfChanged(config.knownHosts(), LabFiles.knownHosts(ordered));
            String witness = runningWitness();
            List<Path> written = LabFiles.writeInventories(config, witness, newNodes);
            int secrets = LabSecrets.ensure(config.secretsDir());
            step(display(config.knownHosts()) + (kh ? " written" : " unchanged") + ", inventory " + display(config.stateDir())
                    + (written.isEmpty() ? " unchanged" : " written (" + written.size() + " file(s))") + ", "
                    + display(config.secretsDir()) + (secrets > 0 ? " " + secrets + " password(s) made" : " unchanged"), t);
            return status();
        }
    }

    /**
     * Adds the witness: a third container on the lab's network running PostgreSQL with the witness's
     * database and role (pg_witness_db and pg_witness_user's defaults; password in .lab/secrets), as a
     * user's existing PostgreSQL would be; hosts.yml then names its address. Idempotent. Needs the lab up.
     */
    public String witnessUp() {
        try (LabLock ignored = lock()) {
            Docker d = docker();
            if (findNetwork() == null) throw new LabException("the lab is not up: run `pgha lab up` first");
            String image = LabImage.WITNESS.ensure(d, listener);
            LabSecrets.ensure(config.secretsDir());
            LabNode w = config.witness();
            long t = System.nanoTime();
            NodeStart started = ensureNode(w, image);
            waitBooted(w, started.id());
            step("witness " + w.name() + " (" + config.containerName(w.name()) + ", " + w.address() + ") " + started.action(), t);
            t = System.nanoTime();
            listener.starting("PostgreSQL on the witness (configured: the image has it installed)");
            Docker.Exec e = d.exec(started.id(), WITNESS_SETUP_TIMEOUT,
                    List.of("PGHA_WITNESS_PASSWORD=" + LabSecrets.read(config.secretsDir(), "pg_witness_password")),
                    "/bin/bash", "-c", WitnessSetup.script(config.subnet()));
            if (!e.ok()) {
                throw new LabException("witness: PostgreSQL setup failed (exit " + e.exitCode() + "): " + e.output().strip()
                        + "\nLook inside: docker exec -it " + config.containerName(w.name()) + " bash");
            }
            step("witness PostgreSQL answers on " + w.address() + ":5432 (database and role pgha_witness)", t);
            LabFiles.writeInventories(config, w.address(), false);
            step(display(config.inventoryFile()) + ": pgha_lab_witness " + w.address(), System.nanoTime());
            return w.address();
        }
    }

    /** Removes the witness; hosts.yml then names none. Idempotent. */
    public void witnessDown() {
        try (LabLock ignored = lock()) {
            String name = config.containerName(config.witness().name());
            if (inspect(name) != null) docker().client().removeContainerCmd(name).withForce(true).withRemoveVolumes(true).exec();
            if (Files.exists(config.inventoryFile())) LabFiles.writeInventories(config, "", false);
            step("witness removed; " + display(config.inventoryFile()) + " names none", System.nanoTime());
        }
    }

    /** The witness's address while its container runs, else "". */
    private String runningWitness() {
        InspectContainerResponse r = inspect(config.containerName(config.witness().name()));
        return r != null && Boolean.TRUE.equals(r.getState().getRunning()) ? config.witness().address() : "";
    }

    /** Removes the nodes and the network (not the image, not the key pair). Idempotent. */
    public void down() {
        try (LabLock ignored = lock()) {
            DockerClient c = docker().client();
            int removed = 0;
            for (Container ct : c.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(LabConfig.LABEL, config.name())).exec()) {
                long t = System.nanoTime();
                try {
                    c.removeContainerCmd(ct.getId()).withForce(true).withRemoveVolumes(true).exec();
                } catch (NotFoundException e) {
                    continue; // gone meanwhile
                }
                removed++;
                step("removed node " + String.join(",", ct.getNames()).replace("/", ""), t);
            }
            for (Network n : labNetworks()) {
                long t = System.nanoTime();
                try {
                    c.removeNetworkCmd(n.getId()).exec();
                } catch (NotFoundException e) {
                    continue;
                }
                removed++;
                step("removed network " + n.getName(), t);
            }
            if (removed == 0) step("lab " + config.name() + " was not there: nothing to remove", System.nanoTime());
        }
    }

    /** Per node: Docker state, address, whether sshd answers, systemd's state. Changes nothing. */
    public LabStatus status() {
        boolean net = findNetwork() != null;
        List<NodeStatus> nodes = new ArrayList<>();
        for (LabNode n : config.nodes()) {
            String name = config.containerName(n.name());
            InspectContainerResponse r = inspect(name);
            if (r == null) {
                nodes.add(new NodeStatus(n.name(), name, "missing", n.address(), false, "-", "-"));
                continue;
            }
            String state = r.getState().getStatus();
            String address = n.address();
            Map<String, ContainerNetwork> nets = r.getNetworkSettings() == null ? null : r.getNetworkSettings().getNetworks();
            ContainerNetwork cn = nets == null ? null : nets.get(config.networkName());
            if (cn != null && cn.getIpAddress() != null && !cn.getIpAddress().isBlank()) address = cn.getIpAddress(); // blank when stopped
            String systemd = "-";
            boolean sshd = false;
            if ("running".equals(state)) {
                Docker.Exec e = docker.exec(r.getId(), EXEC_TIMEOUT, "systemctl", "is-system-running");
                systemd = lastLine(e.output());
                sshd = sshBanner(address, Duration.ofSeconds(2)) != null;
            }
            nodes.add(new NodeStatus(n.name(), name, state, address, sshd, systemd, r.getConfig().getImage()));
        }
        return new LabStatus(config.name(), config.subnet(), net, nodes);
    }

    // ---- network

    private String ensureNetwork() { return ensureNetwork(config.networkName(), config.subnetPrefix()); }

    /** A bridge network of this lab with this /24, made unless present (and refused when someone else's holds the name). */
    private String ensureNetwork(String name, String prefix) {
        String subnet = prefix + ".0/24";
        Network existing = findNetwork(name);
        if (existing != null) {
            if (!config.name().equals(labels(existing).get(LabConfig.LABEL))) {
                throw new LabException("a Docker network named '" + name + "' exists but is not this lab's"
                        + " (no label " + LabConfig.LABEL + "=" + config.name() + "): remove it or choose another name with "
                        + LabConfig.ENV_NAME);
            }
            List<String> subnets = subnets(existing);
            if (!subnets.contains(subnet)) {
                throw new LabException("network " + name + " has subnet " + subnets + ", not " + subnet
                        + ": run `pgha lab down` first");
            }
            return "present";
        }
        try {
            docker.client().createNetworkCmd().withName(name).withDriver("bridge")
                    .withLabels(Map.of(LabConfig.LABEL, config.name()))
                    .withIpam(new Network.Ipam().withConfig(new Network.Ipam.Config().withSubnet(subnet)))
                    .exec();
            return "created";
        } catch (DockerException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("overlap")) {
                List<String> users = new ArrayList<>();
                for (Network n : docker.client().listNetworksCmd().exec()) {
                    for (String s : subnets(n)) {
                        if (s.startsWith(prefix + ".")) users.add(n.getName() + " (" + s + ")");
                    }
                }
                throw new LabException("the lab's subnet " + subnet + " is already in use"
                        + (users.isEmpty() ? " on this machine" : " by Docker network " + String.join(", ", users))
                        + ": remove that network, or move the lab with " + LabConfig.ENV_SUBNET + "=A.B.C and "
                        + LabConfig.ENV_NAME + "=NAME", e);
            }
            throw new LabException("cannot create network " + name + ": " + m.strip(), e);
        }
    }

    private Network findNetwork() { return findNetwork(config.networkName()); }

    private Network findNetwork(String name) {
        return docker().client().listNetworksCmd().withNameFilter(name).exec().stream()
                .filter(n -> name.equals(n.getName())).findFirst().orElse(null);
    }

    private List<Network> labNetworks() {
        return docker().client().listNetworksCmd()
                .withFilter("label", List.of(LabConfig.LABEL + "=" + config.name())).exec();
    }

    private static Map<String, String> labels(Network n) {
        return n.getLabels() == null ? Map.of() : n.getLabels();
    }

    private static List<String> subnets(Network n) {
        if (n.getIpam() == null || n.getIpam().getConfig() == null) return List.of();
        return n.getIpam().getConfig().stream().map(Network.Ipam.Config::getSubnet).filter(s -> s != null).toList();
    }

    // ---- faults (the failover drill): power and cable of a running node

    /** Power lost: the node's container killed (no shutdown, as a power cut). */
    public void powerOff(String nodeName) {
        docker().client().killContainerCmd(config.containerName(nodeName)).exec();
    }

    /** Power back: the container started again; systemd boots it and starts every enabled service. */
    public void powerOn(String nodeName) {
        try {
            docker().client().startContainerCmd(config.containerName(nodeName)).exec();
        } catch (NotModifiedException e) {
            // already on: its power controller powered it on again after a fence (power fencing)
        }
    }

    /** The node's only network cable pulled: its interface gone, nobody reaches it. */
    public void disconnect(String nodeName) {
        docker().client().disconnectFromNetworkCmd().withNetworkId(config.networkName())
                .withContainerId(config.containerName(nodeName)).exec();
        // Docker deletes the interface by the name it gave it; after a reconnect (below) that is eth0 no longer,
        // so a second disconnect left the node reachable (an isolation drill that cut nothing, seen in the lab).
        // Whatever interface still holds the node's address goes, and the cable is checked to be out.
        String holding = interfacesHolding(config.node(nodeName).address());
        String script = "for i in $(" + holding + "); do ip link del \"$i\"; done; [ -z \"$(" + holding + ")\" ]";
        Docker.Exec r = docker().exec(config.containerName(nodeName), Duration.ofSeconds(30), "sh", "-c", script);
        if (!r.ok()) throw new LabException(nodeName + ": its address is still on an interface after the disconnect: " + r.output());
    }

    /** A shell pipeline printing the node's interfaces that hold the address, one per line. */
    private static String interfacesHolding(String address) {
        return "ip -o -4 addr show | awk '$4 ~ /^" + address.replace(".", "\\.") + "\\// {print $2}' | sort -u";
    }

    /** The cable back, with the node's own address. */
    public void reconnect(String nodeName) {
        LabNode node = config.node(nodeName);
        docker().client().connectToNetworkCmd().withNetworkId(config.networkName()).withContainerId(config.containerName(nodeName))
                .withContainerNetwork(new ContainerNetwork().withIpamConfig(new ContainerNetwork.Ipam().withIpv4Address(node.address())))
                .exec();
        // Docker's reconnect is a new interface, named eth1, without the default route: keepalived.conf and the
        // VIP's label name eth0, so keepalived stayed in FAULT for good (seen after the isolation drill). A real
        // cable put back keeps its interface: the lab gives it its name and route back and restarts a running
        // keepalived, which holds the old interface's index.
        String gateway = config.subnet().replace(".0/24", ".1");
        // A node powered off and on while cut off (its controller fences it) boots with the management network as
        // eth0: that one steps aside first.
        String script = "i=$(" + interfacesHolding(node.address()) + " | head -n 1); "
                + "if [ -n \"$i\" ] && [ \"$i\" != eth0 ]; then "
                + "if ip link show eth0 >/dev/null 2>&1; then ip link set eth0 down && ip link set eth0 name mgmt0 && ip link set mgmt0 up; fi; "
                + "ip link set \"$i\" down && ip link set \"$i\" name eth0 && ip link set eth0 up; fi; "
                + "ip route replace default via " + gateway + " dev eth0; systemctl try-restart keepalived";
        Docker.Exec r = docker().exec(config.containerName(nodeName), Duration.ofSeconds(30), "sh", "-c", script);
        if (!r.ok()) throw new LabException(nodeName + ": the reconnected interface could not be set up as eth0: " + r.output());
    }

    // ---- nodes

    private InspectContainerResponse inspect(String name) {
        try {
            return docker().client().inspectContainerCmd(name).exec();
        } catch (NotFoundException e) {
            return null;
        }
    }

    /** A node container and what up did to it (running, started, created). */
    private record NodeStart(String id, String action) {}

    private NodeStart ensureNode(LabNode node, String image) {
        String name = config.containerName(node.name());
        InspectContainerResponse r = inspect(name);
        if (r != null) {
            Map<String, String> labels = r.getConfig().getLabels() == null ? Map.of() : r.getConfig().getLabels();
            if (!config.name().equals(labels.get(LabConfig.LABEL))) {
                throw new LabException("a container named '" + name + "' exists but is not this lab's: remove it or"
                        + " choose another lab name with " + LabConfig.ENV_NAME);
            }
            String note = image.equals(r.getConfig().getImage()) ? ""
                    : " (runs " + r.getConfig().getImage() + "; `pgha lab down` then up to move to " + image + ")";
            if (Boolean.TRUE.equals(r.getState().getRunning())) return new NodeStart(r.getId(), "running" + note);
            try {
                docker.client().startContainerCmd(r.getId()).exec();
                return new NodeStart(r.getId(), "started" + note);
            } catch (DockerException e) {
                // E.g. its network was removed and made again: a fresh node is the way out.
                docker.client().removeContainerCmd(r.getId()).withForce(true).exec();
            }
        }
        return new NodeStart(create(node, image), "created");
    }

    private String create(LabNode node, String image) {
        String name = config.containerName(node.name());
        HostConfig hc = HostConfig.newHostConfig()
                // systemd as PID 1 without --privileged (which fails where the bounding set lacks caps);
                // NET_ADMIN for VIPs, NET_RAW and NET_BROADCAST for keepalived's VRRP.
                .withCapAdd(Capability.SYS_ADMIN, Capability.NET_ADMIN, Capability.NET_RAW, Capability.NET_BROADCAST)
                .withSecurityOpts(List.of("seccomp=unconfined", "apparmor=unconfined"))
                // Database hosts do not route. Docker turns forwarding on in containers, and a node that
                // forwards silently relays VIP traffic a stale client ARP entry sends it: drills would
                // then measure the lab's routing, not the cluster (and lose the VIP with that node).
                .withSysctls(Map.of("net.ipv4.ip_forward", "0"))
                .withTmpFs(Map.of("/run", "rw,exec,mode=755", "/run/lock", "rw,noexec,nosuid,nodev", "/tmp", "rw,exec,mode=1777"))
                .withNetworkMode(config.networkName());
        int shares = LabConfig.cpuShares(System.getenv());
        if (shares != 1024) hc.withCpuShares(shares);
        List<Bind> binds = new ArrayList<>();
        if ("2".equals(docker.cgroupVersion())) {
            // cgroup v2 hosts (most workstations): systemd needs a writable hierarchy. Not exercised on cgroup v1 CI.
            hc.withCgroupnsMode("host");
            binds.add(new Bind("/sys/fs/cgroup", new Volume("/sys/fs/cgroup"), AccessMode.rw));
        } else {
            binds.add(new Bind("/sys/fs/cgroup", new Volume("/sys/fs/cgroup"), AccessMode.ro));
        }
        // The machine's ccache folder, kept between runs: a source build (inventories/lab-source sets
        // pg_build_ccache_dir to it) on a fresh node reuses earlier builds' objects; configure, make and
        // make install still run on the node. Docker makes the folder where it is missing.
        binds.add(new Bind(ccacheDir().toString(), new Volume(LabConfig.NODE_CCACHE_DIR), AccessMode.rw));
        hc.withBinds(binds);
        try {
            String id = docker.client().createContainerCmd(image).withName(name).withHostName(node.name())
                    .withLabels(Map.of(LabConfig.LABEL, config.name(), LabConfig.NODE_LABEL, node.name()))
                    .withIpv4Address(node.address())
                    .withHostConfig(hc)
                    .exec().getId();
            docker.client().startContainerCmd(id).exec();
            return id;
        } catch (DockerException e) {
            throw new LabException("cannot start node " + node.name() + " (" + name + "): " + String.valueOf(e.getMessage()).strip(), e);
        }
    }

    /** The machine's ccache folder, made here when possible (else Docker makes it, as root). */
    private static Path ccacheDir() {
        Path dir = LabConfig.hostCcacheDir();
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            // not ours to make (no root): Docker's engine creates a missing bind source
        }
        return dir;
    }

    /** Waits until systemd has finished booting; returns its state (running or degraded). */
    private String waitBooted(LabNode node, String id) {
        long deadline = System.nanoTime() + BOOT_TIMEOUT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            InspectContainerResponse r = docker.client().inspectContainerCmd(id).exec();
            if (!Boolean.TRUE.equals(r.getState().getRunning())) {
                throw new LabException(node.name() + ": the container stopped while booting (exit " + r.getState().getExitCodeLong()
                        + "). Its log: docker logs " + config.containerName(node.name()) + tailLog(id));
            }
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000_000L);
            Docker.Exec e = docker.exec(id, Duration.ofSeconds(Math.min(left, 120)), "systemctl", "is-system-running", "--wait");
            last = lastLine(e.output());
            if (last.equals("running")) return last;
            if (last.equals("degraded")) {
                String failed = docker.exec(id, EXEC_TIMEOUT, "systemctl", "--failed", "--plain", "--no-legend").output();
                return "degraded (failed: " + String.join(" ", failed.lines().map(l -> l.split("\\s+")[0]).toList()) + ")";
            }
            sleep(500); // the bus is not up yet ("Failed to connect to bus"), or still initializing
        }
        throw new LabException(node.name() + ": systemd did not finish booting within " + BOOT_TIMEOUT.toSeconds()
                + " s (last answer: '" + last + "'). Look inside: docker exec " + config.containerName(node.name())
                + " systemctl list-jobs");
    }

    private String tailLog(String id) {
        StringBuilder sb = new StringBuilder();
        try {
            docker.client().logContainerCmd(id).withStdOut(true).withStdErr(true).withTail(15)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override public void onNext(Frame f) {
                            sb.append(new String(f.getPayload(), StandardCharsets.UTF_8));
                        }
                    }).awaitCompletion(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException ignored) {
            // the log is a courtesy
        }
        return sb.length() == 0 ? "" : "\n" + sb.toString().strip();
    }

    /** Adds the lab's public key to pgha's authorized_keys unless present (other keys stay: several checkouts may share a lab). */
    private void authorize(LabNode node, String id, String keyLine) {
        if (keyLine.contains("'") || keyLine.contains("\n")) throw new LabException("unexpected public key line: " + keyLine);
        String u = LabConfig.LOGIN_USER;
        String script = "set -e; d=/home/" + u + "/.ssh; f=$d/authorized_keys; install -d -m 0700 -o " + u + " -g " + u + " $d;"
                + " touch $f; grep -qxF '" + keyLine + "' $f || echo '" + keyLine + "' >> $f;"
                + " chown " + u + ":" + u + " $f; chmod 0600 $f";
        Docker.Exec e = docker.sh(id, EXEC_TIMEOUT, script);
        if (!e.ok()) throw new LabException(node.name() + ": cannot authorize the lab key for " + u + ": " + e.output().strip());
    }

    /** The node's host public keys as "TYPE BASE64", read as root on the node (the trusted path, not the network). */
    private List<String> hostKeys(LabNode node, String id) {
        Docker.Exec e = docker.sh(id, EXEC_TIMEOUT, "for f in /etc/ssh/ssh_host_*_key.pub; do cut -d' ' -f1,2 \"$f\"; done");
        List<String> keys = e.output().lines().map(String::strip).filter(l -> l.matches("[a-z0-9@.-]+ [A-Za-z0-9+/=]+")).toList();
        if (!e.ok() || keys.isEmpty()) {
            throw new LabException(node.name() + ": no SSH host keys in /etc/ssh (ssh-hostkeys.service failed?): " + e.output().strip());
        }
        return keys;
    }

    private void waitSshd(LabNode node) {
        long deadline = System.nanoTime() + SSHD_TIMEOUT.toNanos();
        while (true) {
            if (sshBanner(node.address(), Duration.ofSeconds(2)) != null) return;
            if (System.nanoTime() > deadline) {
                throw new LabException(node.name() + ": sshd does not answer on " + node.address() + ":22 within "
                        + SSHD_TIMEOUT.toSeconds() + " s. Check: docker exec " + config.containerName(node.name())
                        + " systemctl status ssh");
            }
            sleep(300);
        }
    }

    /** The server's SSH identification line, or null when nothing answers like sshd. */
    static String sshBanner(String address, Duration timeout) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, 22), (int) timeout.toMillis());
            s.setSoTimeout((int) timeout.toMillis());
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0 && b != '\n' && line.length() < 255) line.append((char) b);
            String l = line.toString().strip();
            return l.startsWith("SSH-") ? l : null;
        } catch (IOException e) {
            return null;
        }
    }

    // ---- helpers

    private interface NodeWork { void run(LabNode node, String id); }

    /** Runs the per-node work on both nodes at once (booting dominates, and the nodes are independent). */
    private void forEachNode(Map<LabNode, String> ids, NodeWork work) {
        ExecutorService pool = Executors.newFixedThreadPool(ids.size(), r -> {
            Thread t = new Thread(r, "lab-node");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> fs = new ArrayList<>();
            ids.forEach((n, id) -> fs.add(pool.submit(() -> work.run(n, id))));
            for (Future<?> f : fs) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) throw re;
                    throw new LabException(String.valueOf(e.getCause()), e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The lab's lock; says so when another `pgha lab` or test run held it. */
    private LabLock lock() {
        long t = System.nanoTime();
        LabLock l = LabLock.acquire(config.name());
        if (System.nanoTime() - t > 300_000_000L) step("waited for another up/down of lab " + config.name() + " to finish", t);
        return l;
    }

    private synchronized Docker docker() {
        if (docker == null) docker = Docker.connect();
        return docker;
    }

    /** For up: the machine set up first where it cannot run the lab yet (HostSetup). */
    private synchronized Docker dockerSetUp() {
        if (docker == null) docker = HostSetup.ensure(listener);
        return docker;
    }

    private <T> T timed(Supplier<T> s, Function<T, String> describe) {
        long t = System.nanoTime();
        T v = s.get();
        step(describe.apply(v), t);
        return v;
    }

    private void step(String what, long startNanos) {
        listener.step(what, Duration.ofNanos(Math.max(0, System.nanoTime() - startNanos)));
    }

    private String display(Path p) {
        Path cwd = Path.of("").toAbsolutePath();
        return p.startsWith(cwd) ? cwd.relativize(p).toString() : p.toString();
    }

    private static String lastLine(String s) {
        List<String> lines = s.strip().lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted", e);
        }
    }

    @Override
    public synchronized void close() {
        if (docker != null) docker.close();
        docker = null;
    }
}
