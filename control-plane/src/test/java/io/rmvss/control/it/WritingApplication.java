package io.rmvss.control.it;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The production host's application: keeps writing 64 KiB blocks at random places of the first {@code area} bytes of a disk.
 * {@link #hold()} / {@link #release()} are VSS's flush-and-hold around CommitSnapshots: while held, no write is in flight.
 */
final class WritingApplication implements AutoCloseable {
    private static final int BLOCK = 64 * 1024;
    private final HostDiskIo io;
    private final String device;
    private final long area;
    private final ReentrantLock writes = new ReentrantLock();
    private final AtomicLong written = new AtomicLong();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean stop;

    WritingApplication(HostDiskIo io, String device, long area) {
        this.io = io;
        this.device = device;
        this.area = area;
        this.thread = new Thread(this::run, "host-application-" + device);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        SplittableRandom random = new SplittableRandom(5);
        while (!stop) {
            long offset = random.nextLong(area / BLOCK) * BLOCK;
            writes.lock();
            try {
                io.fill(device, offset, BLOCK, random.nextLong());
                written.incrementAndGet();
            } catch (RuntimeException e) {
                failure.set(e);
                return;
            } finally {
                writes.unlock();
            }
        }
    }

    void hold() {
        writes.lock();
    }

    void release() {
        writes.unlock();
    }

    long written() {
        RuntimeException e = failure.get();
        if (e != null) {
            throw new IllegalStateException("the host's writes to " + device + " failed: " + e.getMessage(), e);
        }
        return written.get();
    }

    /** Polls until the application has written {@code more} blocks beyond now (deadline 30 s). */
    void awaitWrites(long more) throws InterruptedException {
        long target = written() + more;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (written() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the host wrote only " + written() + " of " + target + " blocks to " + device + " in 30 s");
            }
            Thread.sleep(5);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.join(10_000);
    }
}
