package io.rmvss.array.bench;

import io.rmvss.array.LdevId;
import io.rmvss.array.SimulatedArray;
import io.rmvss.array.layout.ArrayLayout;
import io.rmvss.array.shadowimage.CreateOptions;
import io.rmvss.array.shadowimage.PairState;
import io.rmvss.array.storage.HostIo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

/**
 * Manual benchmark (not a test): fills a P-VOL of the given size, then times the initial copy.
 * Run: {@code java -cp <test classpath> io.rmvss.array.bench.CopyBenchmark /some/dir 2347MiB [pace]}
 * and compare with {@code cp} (plus {@code sync}) of the P-VOL's .img file.
 */
public final class CopyBenchmark {
    private CopyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String size = args[1];
        int pace = args.length > 2 ? Integer.parseInt(args[2]) : CreateOptions.DEFAULT_PACE;
        ArrayLayout layout = ArrayLayout.parse("""
                {"systems":[{"serial":1,"ldevs":[{"from":1,"count":2,"size":"%s","productId":"OPEN-V"}],"luns":[]}]}
                """.formatted(size));
        LdevId p = new LdevId(1, 1);
        LdevId s = new LdevId(1, 2);
        try (SimulatedArray array = SimulatedArray.create(dir, layout)) {
            long bytes = array.ldev(p).orElseThrow().sizeBytes();
            byte[] chunk = new byte[4 * 1024 * 1024];
            new Random(1).nextBytes(chunk);
            long t0 = System.nanoTime();
            for (long offset = 0; offset < bytes; offset += chunk.length) {
                int length = (int) Math.min(chunk.length, bytes - offset);
                array.io().write(p, offset, chunk, 0, length);
            }
            long t1 = System.nanoTime();
            System.out.printf("host write %d MiB: %.2f s%n", bytes >> 20, (t1 - t0) / 1e9);
            array.shadowImage().create(p, s, 0, new CreateOptions(pace, false, false));
            array.shadowImage().await(p, 0, i -> i.state() == PairState.PAIR, Duration.ofHours(1));
            long t2 = System.nanoTime();
            System.out.printf("initial copy %d MiB at pace %d: %.2f s (%.0f MiB/s), %d tracks of %d KiB%n", bytes >> 20, pace,
                    (t2 - t1) / 1e9, (bytes >> 20) / ((t2 - t1) / 1e9), array.shadowImage().tracksCopied(), HostIo.TRACK_SIZE / 1024);
        }
        System.out.println("P-VOL file: " + Files.list(dir.resolve("ldevs")).filter(f -> f.toString().endsWith("1-1.img")).findFirst().orElseThrow());
    }
}
