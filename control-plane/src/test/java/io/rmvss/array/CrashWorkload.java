package io.rmvss.array;

import io.rmvss.array.shadowimage.CreateOptions;
import io.rmvss.array.shadowimage.ShadowImage;
import io.rmvss.array.shadowimage.SplitOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Random;

/**
 * Child process of {@link CrashRecoveryTest}: creates an array and runs random writes, paircreate,
 * splits and resyncs against it, printing {@code B <op>} before and {@code A} after each operation
 * returns. The parent kills it with kill -9 at a random moment and checks every acknowledged effect.
 * Operations: {@code W P|S offset length dataSeed}, {@code CREATE}, {@code SPLIT quick writable}, {@code RESYNC quick},
 * {@code RESTORE} (after waiting for PSUS; the child then waits for PAIR, as the P-VOL is offline while restoring).
 */
public final class CrashWorkload {
    static final LdevId P = TestArrays.ldev(256);
    static final LdevId S = TestArrays.ldev(257);
    static final int VOLUME = 8 * 1024 * 1024;

    private CrashWorkload() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Random random = new Random(Long.parseLong(args[1]));
        PrintStream out = new PrintStream(System.out, false);
        try (SimulatedArray array = SimulatedArray.create(dir, layout())) {
            ShadowImage si = array.shadowImage();
            out.println("READY");
            out.flush();
            boolean paired = false;
            boolean split = false;
            boolean svolWritable = false;
            for (int op = 0; op < 100_000; op++) {
                int choice = random.nextInt(100);
                if (!paired && op > 3 && choice < 30) {
                    begin(out, "CREATE");
                    si.create(P, S, 0, new CreateOptions(1 + random.nextInt(15), false, false));
                    paired = true;
                } else if (paired && !split && choice < 15) {
                    boolean quick = random.nextBoolean();
                    boolean writable = random.nextInt(4) != 0;
                    begin(out, "SPLIT " + quick + " " + writable);
                    si.split(P, 0, new SplitOptions(quick, writable));
                    split = true;
                    svolWritable = writable;
                } else if (split && choice < 23 && choice >= 20) {
                    array.shadowImage().await(P, 0, p -> p.state() == io.rmvss.array.shadowimage.PairState.PSUS,
                            java.time.Duration.ofSeconds(60));
                    begin(out, "RESTORE");
                    si.restore(P, 0, false);
                    split = false;
                    out.println("A");
                    out.flush();
                    array.shadowImage().await(P, 0, p -> p.state() == io.rmvss.array.shadowimage.PairState.PAIR,
                            java.time.Duration.ofSeconds(60));
                    continue;
                } else if (split && choice < 20) {
                    boolean quick = random.nextBoolean();
                    begin(out, "RESYNC " + quick);
                    si.resync(P, 0, quick);
                    split = false;
                } else {
                    boolean toSvol = split && svolWritable && random.nextInt(4) == 0;
                    int length = 1 + random.nextInt(random.nextBoolean() ? 4096 : 3 * TestArrays.TRACK);
                    long offset = random.nextInt(VOLUME - length + 1);
                    long dataSeed = random.nextLong();
                    if (toSvol) {
                        // After a steady split the S-VOL is writable once COPY(SP) ends (pairevtwait -s psus).
                        si.await(P, 0, p -> p.state() != io.rmvss.array.shadowimage.PairState.COPY_SP, java.time.Duration.ofSeconds(60));
                    }
                    begin(out, "W " + (toSvol ? "S" : "P") + " " + offset + " " + length + " " + dataSeed);
                    byte[] data = data(dataSeed, length);
                    array.io().write(toSvol ? S : P, offset, data, 0, length);
                }
                out.println("A");
                out.flush();
            }
        }
    }

    static io.rmvss.array.layout.ArrayLayout layout() {
        return TestArrays.layout(2, "8MiB", "4MiB");
    }

    private static void begin(PrintStream out, String op) {
        out.println("B " + op);
        out.flush();
    }

    static byte[] data(long seed, int length) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return data;
    }
}
