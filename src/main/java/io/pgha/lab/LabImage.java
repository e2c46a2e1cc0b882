package io.pgha.lab;

import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.model.BuildResponseItem;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A lab image, built from a Dockerfile shipped in the jar (/lab, or a folder of it). Its tag carries a
 * hash of the build context (and of the parent image's tag when it is built FROM another lab image), so a
 * changed Dockerfile gives a new image and an unchanged one is never rebuilt. Two of them: the node image,
 * FROM debian:bookworm, and the witness image, FROM the node image with PostgreSQL installed once.
 */
final class LabImage {
    static final String BASE_IMAGE = "debian:bookworm";
    /** The nodes (db06 ...): systemd, sshd, sudo, nothing pgha installs. */
    static final LabImage NODE = new LabImage(LabConfig.IMAGE_REPOSITORY, "", List.of("Dockerfile", "ssh-hostkeys.service"),
            null, "about a minute", LabImage::resource);
    /** The witness: a node with Debian's postgresql-15 (WitnessSetup configures it), so no container installs it again. */
    static final LabImage WITNESS = new LabImage(LabConfig.WITNESS_IMAGE_REPOSITORY, "witness/", List.of("Dockerfile"),
            NODE, "about a minute", LabImage::resource);

    /** A node's power controller: ipmi_sim with a chassis control that kills and starts the node's container. */
    static final LabImage BMC = new LabImage(LabConfig.BMC_IMAGE_REPOSITORY, "bmc/",
            List.of("Dockerfile", "lan.conf", "bmc.emu", "chassis_control", "entrypoint.sh"), null, "about a minute", LabImage::resource);

    private final String repository;
    private final String folder;
    private final List<String> context;
    private final LabImage parent;
    private final String buildTime;
    private final Function<String, byte[]> source;

    /**
     * @param folder  the context's folder under /lab ("" or "name/"); its Dockerfile is named "Dockerfile"
     * @param parent  the lab image this one is FROM (passed as build argument BASE), or null
     * @param source  reads a resource by its path under /lab (tests give other contents)
     */
    LabImage(String repository, String folder, List<String> context, LabImage parent, String buildTime,
             Function<String, byte[]> source) {
        if (!context.contains("Dockerfile")) throw new IllegalArgumentException("no Dockerfile in the context " + context);
        this.repository = repository;
        this.folder = folder;
        this.context = List.copyOf(context);
        this.parent = parent;
        this.buildTime = buildTime;
        this.source = source;
    }

    /** The same image FROM another parent (tests). */
    LabImage withParent(LabImage p) { return new LabImage(repository, folder, context, p, buildTime, source); }

    /** The same image with its context read elsewhere (tests). */
    LabImage withSource(Function<String, byte[]> s) { return new LabImage(repository, folder, context, parent, buildTime, s); }

    /** REPOSITORY:&lt;first 12 hex digits of sha256 over the parent's tag and the build context&gt;. */
    String tag() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            if (parent != null) {
                // The parent's tag carries the hash of its own context: a changed node image changes this tag too.
                sha.update(("FROM " + parent.tag()).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            for (String f : context) {
                sha.update(f.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(source.apply(folder + f));
                sha.update((byte) 0);
            }
            return repository + ":" + HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] resource(String name) {
        try (InputStream in = LabImage.class.getResourceAsStream("/lab/" + name)) {
            if (in == null) throw new IllegalStateException("lab resource /lab/" + name + " missing from the classpath");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Builds the image unless it exists, its parent first (the same way). Each image built or found is one
     * step. Returns the tag.
     */
    String ensure(Docker docker, LabListener listener) {
        if (parent != null) parent.ensure(docker, listener);
        String tag = tag();
        long t = System.nanoTime();
        boolean built;
        // labs that start at once (the test lanes) build an image once: the others wait for it, then find it
        try (LabLock imageLock = LabLock.acquire("image-build")) {
            built = buildUnlessPresent(docker, tag, listener);
        }
        listener.step("image " + tag + (built ? " built" : " present"), Duration.ofNanos(System.nanoTime() - t));
        return tag;
    }

    /** Builds the image unless it exists. Returns true when it was built. */
    private boolean buildUnlessPresent(Docker docker, String tag, LabListener listener) {
        if (docker.imageExists(tag)) return false;
        listener.starting("building image " + tag + " (once per Dockerfile change; " + buildTime + ")");
        Path dir = null;
        Deque<String> tail = new ArrayDeque<>();
        try {
            dir = Files.createTempDirectory("pgha-lab-image");
            for (String f : context) Files.write(dir.resolve(f), source.apply(folder + f));
            BuildImageCmd build = docker.client().buildImageCmd()
                    .withBaseDirectory(dir.toFile())
                    .withDockerfile(dir.resolve("Dockerfile").toFile())
                    .withTags(Set.of(tag))
                    .withLabels(Map.of(LabConfig.LABEL + ".image", tag))
                    .withPull(false);
            if (parent != null) build.withBuildArg("BASE", parent.tag());
            build.exec(new BuildImageResultCallback() {
                        @Override
                        public void onNext(BuildResponseItem item) {
                            String s = item.getStream();
                            if (s != null) {
                                s.lines().filter(l -> !l.isBlank()).forEach(l -> {
                                    listener.detail(l);
                                    synchronized (tail) {
                                        tail.addLast(l);
                                        if (tail.size() > 25) tail.removeFirst();
                                    }
                                });
                            }
                            super.onNext(item);
                        }
                    })
                    .awaitImageId();
            return true;
        } catch (IOException e) {
            throw new LabException("cannot prepare the image build context: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            String hint = parent != null || docker.imageExists(BASE_IMAGE) ? ""
                    : " The base image " + BASE_IMAGE + " is missing and could not be pulled: on Debian as root,"
                    + " scripts/lab-host-setup.sh makes it with debootstrap.";
            String last;
            synchronized (tail) { last = String.join("\n  ", tail); }
            throw new LabException("building the lab image " + tag + " failed: " + Docker.rootMessage(e) + "." + hint
                    + (last.isEmpty() ? "" : "\nlast build output:\n  " + last), e);
        } finally {
            if (dir != null) deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
