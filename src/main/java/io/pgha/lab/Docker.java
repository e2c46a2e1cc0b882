package io.pgha.lab;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.Version;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;
import org.testcontainers.dockerclient.TransportConfig;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Docker engine, through the docker-java client Testcontainers ships (no docker CLI needed).
 * Deliberately not DockerClientFactory: that one starts Ryuk (whose image cannot be pulled here) and
 * would remove the lab when the JVM exits, while the lab must outlive `pgha lab up`.
 */
final class Docker implements AutoCloseable {
    static {
        // Testcontainers and docker-java log at INFO what is noise to `pgha lab` users (versions, registry
        // auth lookups, retries on a missing socket); the failure itself reaches them as a LabException.
        for (String pkg : new String[]{"org.testcontainers", "com.github.dockerjava"}) {
            String key = "org.slf4j.simpleLogger.log." + pkg;
            if (System.getProperty(key) == null) System.setProperty(key, "warn");
        }
    }

    private final URI host;
    private final DockerClient client;
    private final Version version;

    private Docker(URI host, DockerClient client, Version version) {
        this.host = host;
        this.client = client;
        this.version = version;
    }

    /** Connects to DOCKER_HOST, else the usual local sockets; fails with what to do when no engine answers. */
    static Docker connect() {
        URI host = engineAddress();
        DockerClient c;
        try {
            c = DockerClientProviderStrategy.getClientForConfig(TransportConfig.builder().dockerHost(host).build());
        } catch (RuntimeException e) {
            throw noEngine(host, e);
        }
        try {
            return new Docker(host, c, c.versionCmd().exec());
        } catch (RuntimeException e) {
            try { c.close(); } catch (IOException ignored) { /* already failing */ }
            throw noEngine(host, e);
        }
    }

    private static NoEngine noEngine(URI host, RuntimeException e) {
        return new NoEngine("no Docker engine answers at " + host + " (" + rootMessage(e) + ")", e);
    }

    /** No engine answers: what was seen ({@link #fact}), and in the message what to do. */
    static final class NoEngine extends LabException {
        final String fact;

        NoEngine(String fact, RuntimeException cause) {
            super(fact + ": start one (`sudo ./pgha lab up` installs and starts it on Debian) or set DOCKER_HOST", cause);
            this.fact = fact;
        }
    }

    static URI engineAddress() {
        String env = System.getenv("DOCKER_HOST");
        if (env != null && !env.isBlank()) return URI.create(env.strip());
        Path home = Path.of(System.getProperty("user.home"));
        for (Path p : new Path[]{Path.of("/var/run/docker.sock"), home.resolve(".docker/run/docker.sock"),
                home.resolve(".docker/desktop/docker.sock")}) {
            if (Files.exists(p)) return URI.create("unix://" + p);
        }
        return URI.create("unix:///var/run/docker.sock");
    }

    private String cgroupVersion;

    /** "1" or "2" (the engine's cgroup hierarchy; systemd nodes need different mounts). */
    synchronized String cgroupVersion() {
        if (cgroupVersion == null) {
            String v = client.infoCmd().exec().getCGroupVersion();
            cgroupVersion = v == null ? "1" : v;
        }
        return cgroupVersion;
    }

    DockerClient client() { return client; }
    URI host() { return host; }
    Version version() { return version; }

    /** Output (stdout and stderr interleaved) and exit code of a command run as root in a container. */
    record Exec(long exitCode, String output) {
        boolean ok() { return exitCode == 0; }
    }

    /** Runs argv in the container as root and waits at most {@code timeout}. */
    Exec exec(String container, Duration timeout, String... argv) {
        return exec(container, timeout, List.of(), argv);
    }

    /** The same with environment variables (NAME=value): a secret goes there, not into argv. */
    Exec exec(String container, Duration timeout, List<String> env, String... argv) {
        ExecCreateCmdResponse created = client.execCreateCmd(container).withCmd(argv).withEnv(env)
                .withAttachStdout(true).withAttachStderr(true).withUser("root").exec();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultCallback.Adapter<Frame> cb = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                synchronized (out) { out.writeBytes(frame.getPayload()); }
            }
        };
        try (cb) {
            client.execStartCmd(created.getId()).exec(cb);
            if (!cb.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new LabException(container + ": `" + String.join(" ", argv) + "` did not finish within "
                        + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted", e);
        } catch (IOException e) {
            throw new LabException(container + ": docker exec: " + e.getMessage(), e);
        }
        Long exit = client.inspectExecCmd(created.getId()).exec().getExitCodeLong();
        synchronized (out) {
            return new Exec(exit == null ? -1 : exit, out.toString(StandardCharsets.UTF_8));
        }
    }

    /** Runs a shell script in the container as root. */
    Exec sh(String container, Duration timeout, String script) {
        return exec(container, timeout, "/bin/sh", "-c", script);
    }

    boolean imageExists(String image) {
        try {
            client.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.strip();
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
