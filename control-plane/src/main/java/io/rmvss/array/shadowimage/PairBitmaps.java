package io.rmvss.array.shadowimage;

import io.rmvss.array.storage.AtomicFiles;
import io.rmvss.array.storage.DurableBitmap;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One generation of a pair's track bitmaps, in one file {@code <pvol>-mu<n>.g<generation>.bits}:
 * <ul>
 * <li>{@code pending}: tracks still to copy (P to S; S to P during a restore). In a split state they
 *     are the tracks whose point-in-time data still sits on the P-VOL.</li>
 * <li>{@code pvolDirty} / {@code svolDirty}: tracks the host changed on each side since the split.</li>
 * </ul>
 * Per-track changes are positional writes into the current generation. A state change that rewrites
 * the bitmaps (resync, restore, ...) writes a new generation atomically and then names it in the
 * state file, so bitmaps and state always change together.
 */
final class PairBitmaps implements AutoCloseable {
    final long generation;
    final DurableBitmap pending;
    final DurableBitmap pvolDirty;
    final DurableBitmap svolDirty;
    private final FileChannel channel;
    private final Path file;

    private PairBitmaps(long generation, Path file, FileChannel channel, int tracks) throws IOException {
        this.generation = generation;
        this.file = file;
        this.channel = channel;
        int region = DurableBitmap.bytesFor(tracks);
        this.pending = DurableBitmap.load(channel, 0, tracks);
        this.pvolDirty = DurableBitmap.load(channel, region, tracks);
        this.svolDirty = DurableBitmap.load(channel, 2L * region, tracks);
    }

    static Path file(Path directory, PairKey key, long generation) {
        return directory.resolve(key.fileStem() + ".g" + generation + ".bits");
    }

    static PairBitmaps create(Path directory, PairKey key, long generation, int tracks,
                              long[] pending, long[] pvolDirty, long[] svolDirty) throws IOException {
        int region = DurableBitmap.bytesFor(tracks);
        byte[] content = new byte[3 * region];
        System.arraycopy(DurableBitmap.encode(pending), 0, content, 0, region);
        System.arraycopy(DurableBitmap.encode(pvolDirty), 0, content, region, region);
        System.arraycopy(DurableBitmap.encode(svolDirty), 0, content, 2 * region, region);
        Path path = file(directory, key, generation);
        AtomicFiles.write(path, content);
        return open(directory, key, generation, tracks);
    }

    static PairBitmaps open(Path directory, PairKey key, long generation, int tracks) throws IOException {
        Path path = file(directory, key, generation);
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            return new PairBitmaps(generation, path, channel, tracks);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /** Makes every bit change so far durable (the three bitmaps share one file). */
    void force() throws IOException {
        if (pending.unforced() || pvolDirty.unforced() || svolDirty.unforced()) {
            channel.force(false);
            pending.forced();
            pvolDirty.forced();
            svolDirty.forced();
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // every change was forced before it counted
        }
    }

    /** Removes a generation that is no longer named by the state file. */
    void closeAndDelete() {
        close();
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a stale generation is removed again when the array is next opened
        }
    }
}
