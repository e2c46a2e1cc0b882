package io.pgha.lab;

import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.model.BuildResponseItem;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The node image, built from the Dockerfile shipped in the jar (/lab). Its tag carries a hash of the
 * build context, so a changed Dockerfile gives a new image and an unchanged one is never rebuilt.
 */
final class LabImage {
    static final List<String> CONTEXT = List.of("Dockerfile", "ssh-hostkeys.service");
    static final String BASE_IMAGE = "debian:bookworm";

    private LabImage() {}

    /** pgha-lab-node:&lt;first 12 hex digits of sha256 over the build context&gt;. */
    static String tag() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String f : CONTEXT) {
                sha.update(f.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(resource(f));
                sha.update((byte) 0);
            }
            return LabConfig.IMAGE_REPOSITORY + ":" + HexFormat.of().formatHex(sha.digest()).substring(0, 12);
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

    /** Builds the image unless it exists. Returns true when it was built. */
    static boolean ensure(Docker docker, String tag, LabListener listener) {
        if (docker.imageExists(tag)) return false;
        listener.starting("building image " + tag + " (once per Dockerfile change; about a minute)");
        Path dir = null;
        Deque<String> tail = new ArrayDeque<>();
        try {
            dir = Files.createTempDirectory("pgha-lab-image");
            for (String f : CONTEXT) Files.write(dir.resolve(f), resource(f));
            docker.client().buildImageCmd()
                    .withBaseDirectory(dir.toFile())
                    .withDockerfile(dir.resolve("Dockerfile").toFile())
                    .withTags(Set.of(tag))
                    .withLabels(Map.of(LabConfig.LABEL + ".image", tag))
                    .withPull(false)
                    .exec(new BuildImageResultCallback() {
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
            String hint = docker.imageExists(BASE_IMAGE) ? ""
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
