package io.pgha.lab;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The lab's power controllers, as in a data centre: a management network of its own, each node's second interface
 * on it, and per node a BMC (ipmi_sim, image LabImage.BMC) whose chassis control kills and starts the node's
 * container. A node cut off from the data network (the isolate drill) can still be fenced through its controller;
 * a power loss takes the controller with the node (powerLoss).
 */
final class LabPower {
    private static final String DOCKER_SOCKET = "/var/run/docker.sock";
    private final Docker docker;
    private final LabConfig config;
    private final LabListener listener;

    LabPower(Docker docker, LabConfig config, LabListener listener) {
        this.docker = docker;
        this.config = config;
        this.listener = listener;
    }

    /** Each node on the management network, and its controller running; idempotent. */
    void ensure(Map<LabNode, String> nodeIds, String password) {
        String image = LabImage.BMC.ensure(docker, listener);
        for (Map.Entry<LabNode, String> e : nodeIds.entrySet()) {
            long t = System.nanoTime();
            LabNode node = e.getKey();
            boolean connected = connect(e.getValue(), config.mgmtAddress(node));
            String bmc = ensureBmc(node, image, password);
            listener.step(node.name() + " on " + config.mgmtNetworkName() + " at " + config.mgmtAddress(node)
                    + (connected ? " (connected)" : "") + "; its power controller " + config.bmcContainerName(node.name()) + " at "
                    + config.bmcAddress(node) + ":623 " + bmc, Duration.ofNanos(System.nanoTime() - t));
        }
    }

    /** The controller's container stopped or started (a power loss takes it with the node). */
    void controller(String nodeName, boolean on) {
        String name = config.bmcContainerName(nodeName);
        if (on) docker.client().startContainerCmd(name).exec();
        else docker.client().killContainerCmd(name).exec();
    }

    /** Connects the node container to the management network at its address; false when it already is. */
    private boolean connect(String containerId, String address) {
        InspectContainerResponse r = docker.client().inspectContainerCmd(containerId).exec();
        Map<String, ContainerNetwork> nets = r.getNetworkSettings() == null ? null : r.getNetworkSettings().getNetworks();
        if (nets != null && nets.containsKey(config.mgmtNetworkName())) return false;
        docker.client().connectToNetworkCmd().withNetworkId(config.mgmtNetworkName()).withContainerId(containerId)
                .withContainerNetwork(new ContainerNetwork().withIpamConfig(new ContainerNetwork.Ipam().withIpv4Address(address)))
                .exec();
        return true;
    }

    private String ensureBmc(LabNode node, String image, String password) {
        String name = config.bmcContainerName(node.name());
        try {
            InspectContainerResponse r = docker.client().inspectContainerCmd(name).exec();
            if (!image.equals(r.getConfig().getImage())) {
                docker.client().removeContainerCmd(name).withForce(true).exec();
            } else if (Boolean.TRUE.equals(r.getState().getRunning())) {
                return "running";
            } else {
                docker.client().startContainerCmd(name).exec();
                return "started";
            }
        } catch (NotFoundException e) {
            // made below
        }
        HostConfig hc = HostConfig.newHostConfig().withNetworkMode(config.mgmtNetworkName())
                // the chassis control powers the node through the engine's API
                .withBinds(new Bind(DOCKER_SOCKET, new Volume(DOCKER_SOCKET)));
        try {
            String id = docker.client().createContainerCmd(image).withName(name).withHostName("bmc-" + node.name())
                    .withLabels(Map.of(LabConfig.LABEL, config.name()))
                    .withEnv(List.of("BMC_NODE=" + config.containerName(node.name()), "BMC_USER=" + LabConfig.BMC_USER, "BMC_PASS=" + password))
                    .withIpv4Address(config.bmcAddress(node))
                    .withHostConfig(hc)
                    .exec().getId();
            docker.client().startContainerCmd(id).exec();
            return "created";
        } catch (DockerException e) {
            throw new LabException("cannot start the power controller of " + node.name() + " (" + name + "): "
                    + String.valueOf(e.getMessage()).strip(), e);
        }
    }
}
