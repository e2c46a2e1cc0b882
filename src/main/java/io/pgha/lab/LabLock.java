package io.pgha.lab;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises up/down of one lab across threads and across processes on this machine (several test
 * runs, or a user's `pgha lab up` during a test run), so they never race creating the same network.
 */
final class LabLock implements AutoCloseable {
    private static final ReentrantLock IN_JVM = new ReentrantLock();
    private final FileChannel channel;
    private final FileLock lock;

    private LabLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static LabLock acquire(String labName) {
        IN_JVM.lock();
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "pgha-lab-" + labName + ".lock");
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new LabLock(ch, ch.lock());
        } catch (IOException e) {
            // Another user's lock file, or a read-only tmp: go on with the in-JVM lock only.
            return new LabLock(null, null);
        }
    }

    @Override
    public void close() {
        try {
            if (lock != null) lock.release();
            if (channel != null) channel.close();
        } catch (IOException ignored) {
            // closing the channel releases the lock anyway
        } finally {
            IN_JVM.unlock();
        }
    }
}
