package io.rmvss.array.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive OS lock on {@code <dir>/array.lock}: one process (and one SimulatedArray) per data
 * directory, since two engines on the same files would corrupt each other. The OS drops the lock
 * when the holder dies, so a kill -9 never leaves the directory locked.
 */
public final class DirectoryLock implements AutoCloseable {
    static final String FILE = "array.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static DirectoryLock acquire(Path directory) throws IOException {
        FileChannel channel = FileChannel.open(directory.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IOException("the array in " + directory + " is already open (an array daemon, rmvss array serve,"
                    + " or another SimulatedArray in this process); stop it, or reach the array through it"
                    + " (bin/cci, rmvss array io)");
        }
        return new DirectoryLock(channel, lock);
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // closing the channel releases the lock in any case
        }
    }
}
