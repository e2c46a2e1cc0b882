package io.pgha.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/**
 * A newcomer's first `pgha lab up` on a machine that cannot run the lab yet (no Docker engine answers,
 * or the debian:bookworm base image is missing): as root on Debian it runs lab-host-setup.sh, the
 * script scripts/test.sh runs too, shipped in the jar, and says what it installs; otherwise it refuses
 * and says what to run. The browser the tests need is left out.
 */
final class HostSetup {
    static final String SCRIPT = "lab-host-setup.sh";
    static final String WHAT = "docker.io, iptables and debootstrap from Debian where missing, dockerd started,"
            + " the debian:bookworm base image made with debootstrap";

    private HostSetup() {}

    /** What lab up does about the machine. */
    enum Decision { READY, RUN_SETUP, REFUSE }

    /**
     * @param missing what the machine lacks (null: nothing)
     */
    static Decision decide(String missing, boolean root, boolean debian) {
        if (missing == null) return Decision.READY;
        return root && debian ? Decision.RUN_SETUP : Decision.REFUSE;
    }

    /** Why lab up will not set the machine up itself, and what to do instead. */
    static String refusal(String missing, boolean root) {
        return missing + ". " + (root
                ? "pgha sets up Debian machines only: install a Docker engine and a debian:bookworm image yourself"
                  + " (what scripts/lab-host-setup.sh does on Debian: " + WHAT + ")"
                : "Run it as root (sudo ./pgha lab up) on Debian and it sets this machine up (" + WHAT + "), or start a"
                  + " Docker engine yourself or set DOCKER_HOST");
    }

    /** A Docker engine with the base image, the machine set up first where it needs it and may be. */
    static Docker ensure(LabListener listener) {
        Docker docker = null;
        String missing;
        try {
            docker = Docker.connect();
            missing = docker.imageExists(LabImage.BASE_IMAGE) ? null : "the base image " + LabImage.BASE_IMAGE + " is missing";
        } catch (Docker.NoEngine e) {
            missing = e.fact;
        }
        boolean root = isRoot();
        switch (decide(missing, root, Files.exists(Path.of("/etc/debian_version")))) {
            case READY -> { return docker; }
            case REFUSE -> {
                if (docker != null) docker.close();
                throw new LabException(refusal(missing, root));
            }
            default -> {
                if (docker != null) docker.close();
                run(missing, listener);
                return Docker.connect();
            }
        }
    }

    private static void run(String missing, LabListener listener) {
        long t0 = System.nanoTime();
        listener.starting("this machine cannot run the lab yet (" + missing + "): setting it up as root: " + WHAT
                + " (about 2 min, once)");
        Path script = null;
        try {
            script = Files.createTempFile("pgha-" + SCRIPT, "");
            try (InputStream in = HostSetup.class.getResourceAsStream("/lab/" + SCRIPT)) {
                if (in == null) throw new IllegalStateException("lab resource /lab/" + SCRIPT + " missing from the classpath");
                Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            }
            ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
            pb.environment().put("PGHA_LAB_BROWSER", "0");
            Process p = pb.start();
            Deque<String> tail = new ArrayDeque<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith("[lab-host-setup] ")) listener.starting(line.substring(17));
                    else listener.detail(line);
                    tail.addLast(line);
                    if (tail.size() > 15) tail.removeFirst();
                }
            }
            if (!p.waitFor(15, TimeUnit.MINUTES)) p.destroyForcibly();
            if (p.exitValue() != 0) {
                throw new LabException("setting this machine up for the lab failed (" + SCRIPT + " exited " + p.exitValue()
                        + "); its last lines:\n" + String.join("\n", tail));
            }
            listener.step("machine set up for the lab", Duration.ofNanos(System.nanoTime() - t0));
        } catch (IOException e) {
            throw new LabException("setting this machine up for the lab failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("setting this machine up for the lab was interrupted", e);
        } finally {
            if (script != null) {
                try { Files.deleteIfExists(script); } catch (IOException ignored) { /* a temp file */ }
            }
        }
    }

    private static boolean isRoot() {
        try {
            Process p = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String uid = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 && uid.equals("0");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
