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
 * pre-filled) and one "written" bitmap per LDEV ({@code .written}: tracks that may hold non-zero
 * data, so copies can skip tracks never written on either side). Bits only ever get set.
 * <p>
 * The written bitmaps are not forced on every write (that would double the fsyncs of host writes);
 * they are forced on {@link #close}. A marker file {@value #IN_USE} exists while the store is open: if
 * {@link #open} finds it, the last session ended without close (crash, kill -9), so every track of
 * every LDEV is marked written - conservative, the next copies just skip nothing.
 */
public final class LdevStore implements AutoCloseable {
    public static final int TRACK_SIZE = HostIo.TRACK_SIZE;
    static final String IN_USE = "IN_USE";

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
        Path marker = directory.resolve(IN_USE);
        if (Files.exists(marker)) {
            for (Ldev ldev : ldevs) {
                markAllWritten(directory, ldev);
            }
        } else {
            Files.write(marker, new byte[0]);
            AtomicFiles.syncDirectory(directory);
        }
        return store;
    }

    /** After an unclean end, any track may hold data whose written bit was not yet on disk. */
    private static void markAllWritten(Path directory, Ldev ldev) throws IOException {
        int tracks = tracksOf(ldev.sizeBytes());
        long[] all = new long[DurableBitmap.wordsFor(tracks)];
        java.util.Arrays.fill(all, -1L);
        if ((tracks & 63) != 0) {
            all[all.length - 1] = (1L << (tracks & 63)) - 1;
        }
        try (FileChannel channel = FileChannel.open(writtenFile(directory, ldev.id()), StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(DurableBitmap.encode(all));
            long position = 0;
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
            channel.force(false);
        }
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

    /** Tracks that may hold data; the caller serialises access (the engine lock). Need not be forced. */
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

    /** Forces the written bitmaps and removes the in-use marker: the next open trusts the bitmaps. */
    @Override
    public void close() {
        boolean clean = true;
        for (DurableBitmap bitmap : written.values()) {
            try {
                bitmap.force();
            } catch (IOException e) {
                clean = false;
            }
        }
        if (clean) {
            try {
                Files.deleteIfExists(directory.resolve(IN_USE));
                AtomicFiles.syncDirectory(directory);
            } catch (IOException e) {
                // the marker stays: the next open marks every track written, which is safe
            }
        }
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
