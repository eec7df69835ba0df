package io.rmvss.array.storage;

import io.rmvss.array.LdevId;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The LDEVs' data: one sparse file per LDEV ({@code <serial>-<ldev>.img}, length set, never
 * pre-filled) and one durable "written" bitmap per LDEV ({@code .written}: tracks that may hold
 * non-zero data, so copies can skip tracks never written on either side). Bits only ever get set.
 */
public final class LdevStore implements AutoCloseable {
    public static final int TRACK_SIZE = HostIo.TRACK_SIZE;

    private final Path directory;
    private final Map<LdevId, Ldev> ldevs;
    private final Map<LdevId, FileChannel> data = new ConcurrentHashMap<>();
    private final Map<LdevId, DurableBitmap> written = new ConcurrentHashMap<>();
    private final Map<LdevId, FileChannel> writtenChannels = new ConcurrentHashMap<>();

    private LdevStore(Path directory, Collection<Ldev> ldevs) {
        this.directory = directory;
        this.ldevs = ldevs.stream().collect(Collectors.toUnmodifiableMap(Ldev::id, Function.identity()));
    }

    /** Creates the sparse data files and empty written bitmaps. */
    public static LdevStore create(Path directory, Collection<Ldev> ldevs) throws IOException {
        Files.createDirectories(directory);
        for (Ldev ldev : ldevs) {
            try (RandomAccessFile file = new RandomAccessFile(dataFile(directory, ldev.id()).toFile(), "rw")) {
                file.setLength(ldev.sizeBytes());
                file.getFD().sync();
            }
            try (RandomAccessFile file = new RandomAccessFile(writtenFile(directory, ldev.id()).toFile(), "rw")) {
                file.setLength(DurableBitmap.bytesFor(tracksOf(ldev.sizeBytes())));
                file.getFD().sync();
            }
        }
        AtomicFiles.syncDirectory(directory);
        return open(directory, ldevs);
    }

    public static LdevStore open(Path directory, Collection<Ldev> ldevs) throws IOException {
        LdevStore store = new LdevStore(directory, ldevs);
        for (Ldev ldev : ldevs) {
            if (!Files.isRegularFile(dataFile(directory, ldev.id()))) {
                throw new IOException("data file " + dataFile(directory, ldev.id()) + " of LDEV " + ldev.id()
                        + " is missing; the array directory is damaged or was made from another layout");
            }
        }
        return store;
    }

    public static int tracksOf(long sizeBytes) {
        return (int) ((sizeBytes + TRACK_SIZE - 1) / TRACK_SIZE);
    }

    private static Path dataFile(Path directory, LdevId id) {
        return directory.resolve(id.serial() + "-" + id.ldev() + ".img");
    }

    private static Path writtenFile(Path directory, LdevId id) {
        return directory.resolve(id.serial() + "-" + id.ldev() + ".written");
    }

    public Ldev ldev(LdevId id) {
        return ldevs.get(id);
    }

    public Collection<Ldev> all() {
        return ldevs.values();
    }

    public int tracks(LdevId id) {
        return tracksOf(ldevs.get(id).sizeBytes());
    }

    /** Length of track t of the LDEV (the last track may be short). */
    public int trackLength(LdevId id, int track) {
        long size = ldevs.get(id).sizeBytes();
        return (int) Math.min(TRACK_SIZE, size - (long) track * TRACK_SIZE);
    }

    /** Tracks that may hold data; the caller serialises access (the engine lock). */
    public DurableBitmap written(LdevId id) {
        return written.computeIfAbsent(id, key -> {
            try {
                FileChannel channel = FileChannel.open(writtenFile(directory, key), StandardOpenOption.READ, StandardOpenOption.WRITE);
                writtenChannels.put(key, channel);
                return DurableBitmap.load(channel, 0, tracks(key));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the written bitmap of LDEV " + key, e);
            }
        });
    }

    private FileChannel channel(LdevId id) {
        return data.computeIfAbsent(id, key -> {
            try {
                return FileChannel.open(dataFile(directory, key), StandardOpenOption.READ, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the data file of LDEV " + key, e);
            }
        });
    }

    public void read(LdevId id, long offset, ByteBuffer into) throws IOException {
        FileChannel channel = channel(id);
        long position = offset;
        while (into.hasRemaining()) {
            int n = channel.read(into, position);
            if (n < 0) {
                // Past the end of a sparse file reads as zeros (cannot happen once the length is set; be safe).
                while (into.hasRemaining()) {
                    into.put((byte) 0);
                }
                return;
            }
            position += n;
        }
    }

    /** Writes without forcing; call {@link #force} before acknowledging. */
    public void write(LdevId id, long offset, ByteBuffer from) throws IOException {
        FileChannel channel = channel(id);
        long position = offset;
        while (from.hasRemaining()) {
            position += channel.write(from, position);
        }
    }

    /**
     * Copies a range from one LDEV to the same offset of another inside the kernel (no copy through
     * the Java heap); does not force. Concurrent copies into one LDEV serialise on its channel's position.
     */
    public void copy(LdevId from, LdevId to, long offset, int length) throws IOException {
        FileChannel source = channel(from);
        FileChannel destination = channel(to);
        synchronized (destination) {
            destination.position(offset);
            long done = 0;
            while (done < length) {
                long n = source.transferTo(offset + done, length - done, destination);
                if (n <= 0) {
                    throw new IOException("copy of LDEV " + from + " to " + to + " stopped at offset " + (offset + done));
                }
                done += n;
            }
        }
    }

    public void force(LdevId id) throws IOException {
        channel(id).force(false);
    }

    @Override
    public void close() {
        for (FileChannel channel : data.values()) {
            closeQuietly(channel);
        }
        for (FileChannel channel : writtenChannels.values()) {
            closeQuietly(channel);
        }
        data.clear();
        written.clear();
        writtenChannels.clear();
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing after the last force: nothing left to lose
        }
    }
}
