package io.rmvss.array.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * A bitmap of tracks kept in memory and mirrored into a region of a file. Each change writes the
 * 8-byte word that holds the bit at its position in the file; {@link #force} makes the changes
 * durable. Not thread-safe: the owner serialises access.
 */
public final class DurableBitmap {
    private final FileChannel channel;
    private final long base;
    private final int bits;
    private final long[] words;
    private int cardinality;
    /** Changes written to the file but not yet forced. */
    private boolean unforced;

    private DurableBitmap(FileChannel channel, long base, int bits, long[] words) {
        this.channel = channel;
        this.base = base;
        this.bits = bits;
        this.words = words;
        for (long w : words) {
            cardinality += Long.bitCount(w);
        }
    }

    public static int wordsFor(int bits) {
        return (bits + 63) >>> 6;
    }

    public static int bytesFor(int bits) {
        return wordsFor(bits) * Long.BYTES;
    }

    /** Reads the bitmap stored at {@code base} of the file (the region must already exist). */
    public static DurableBitmap load(FileChannel channel, long base, int bits) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(bytesFor(bits)).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, base + buffer.position()) < 0) {
                throw new IOException("bitmap file is shorter than " + (base + bytesFor(bits)) + " bytes");
            }
        }
        buffer.flip();
        long[] words = new long[wordsFor(bits)];
        buffer.asLongBuffer().get(words);
        mask(words, bits);
        return new DurableBitmap(channel, base, bits, words);
    }

    /** The bytes of a bitmap region holding these words, for building a new file. */
    public static byte[] encode(long[] words) {
        ByteBuffer buffer = ByteBuffer.allocate(words.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asLongBuffer().put(words);
        return buffer.array();
    }

    private static void mask(long[] words, int bits) {
        int tail = bits & 63;
        if (tail != 0 && words.length > 0) {
            words[words.length - 1] &= (1L << tail) - 1;
        }
    }

    public int size() { return bits; }

    public boolean get(int bit) {
        return (words[bit >>> 6] & (1L << bit)) != 0;
    }

    /** Sets the bit; returns true when it changed (and was written to the file). */
    public boolean set(int bit) throws IOException {
        int w = bit >>> 6;
        long mask = 1L << bit;
        if ((words[w] & mask) != 0) {
            return false;
        }
        words[w] |= mask;
        cardinality++;
        writeWord(w);
        return true;
    }

    /** Clears the bit; returns true when it changed (and was written to the file). */
    public boolean clear(int bit) throws IOException {
        int w = bit >>> 6;
        long mask = 1L << bit;
        if ((words[w] & mask) == 0) {
            return false;
        }
        words[w] &= ~mask;
        cardinality--;
        writeWord(w);
        return true;
    }

    private void writeWord(int w) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(0, words[w]);
        long position = base + (long) w * Long.BYTES;
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
        unforced = true;
    }

    /** Makes the changes durable; free when nothing changed since the last force. */
    public void force() throws IOException {
        if (unforced) {
            channel.force(false);
            unforced = false;
        }
    }

    /** Whether changes await {@link #force}. */
    public boolean unforced() {
        return unforced;
    }

    /** Records that the shared file was forced by someone else (bitmaps that share one file). */
    public void forced() {
        unforced = false;
    }

    public int cardinality() { return cardinality; }

    public boolean isEmpty() { return cardinality == 0; }

    /** The first set bit at or after {@code from}, or -1. */
    public int nextSetBit(int from) {
        if (from >= bits) {
            return -1;
        }
        int w = from >>> 6;
        long word = words[w] & (-1L << from);
        while (true) {
            if (word != 0) {
                int bit = (w << 6) + Long.numberOfTrailingZeros(word);
                return bit < bits ? bit : -1;
            }
            if (++w == words.length) {
                return -1;
            }
            word = words[w];
        }
    }

    /** Number of tracks set in at least one of the bitmaps (all of the same size). */
    public static int unionCardinality(DurableBitmap... bitmaps) {
        int count = 0;
        for (int w = 0; w < bitmaps[0].words.length; w++) {
            long word = 0;
            for (DurableBitmap b : bitmaps) {
                word |= b.words[w];
            }
            count += Long.bitCount(word);
        }
        return count;
    }

    /** A copy of the words (bit i of the bitmap is bit i%64 of word i/64). */
    public long[] words() {
        return words.clone();
    }
}
