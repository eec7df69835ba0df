package io.rmvss.array.shadowimage;

import static io.rmvss.array.TestArrays.TRACK;
import static io.rmvss.array.TestArrays.ldev;
import static org.assertj.core.api.Assertions.assertThat;

import io.rmvss.array.LdevId;
import io.rmvss.array.RamTempDirFactory;
import io.rmvss.array.SimulatedArray;
import io.rmvss.array.TestArrays;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A host writer keeps writing the P-VOL while the test splits (quick or steady, sometimes with the
 * copy held so every S-VOL track is served by redirect or copy-before-write), reads the S-VOL at
 * once, writes the S-VOL, and resyncs again (sometimes splitting before the resync copy is done).
 * The writer keeps a model of the P-VOL; the split instant is defined by taking the model and
 * calling split() under the writer's lock.
 */
class PointInTimeRandomizedTest {
    private static final LdevId P = ldev(256);
    private static final LdevId S = ldev(257);
    private static final int VOLUME = 8 * 1024 * 1024;   // 32 tracks

    static IntStream seeds() {
        return IntStream.range(0, Integer.getInteger("pit.seeds", 200));
    }

    @TempDir(factory = RamTempDirFactory.class)
    Path dir;

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void svolHoldsThePvolImageOfTheSplitInstant(int seed) throws Exception {
        Random random = new Random(seed);
        try (SimulatedArray array = SimulatedArray.create(dir.resolve("a"), TestArrays.layout(2, "8MiB", "4MiB"))) {
            ShadowImage si = array.shadowImage();
            HostWriter writer = new HostWriter(array, new Random(seed * 31L + 7));
            writer.model = new byte[VOLUME];
            // Some data before the pair exists, so the initial copy has work to do.
            for (int i = 0; i < 1 + random.nextInt(8); i++) {
                writer.writeOnce();
            }
            boolean splitOnCreate = random.nextInt(5) == 0;
            byte[] expected;
            writer.start();
            try {
                for (int round = 0; round < 3; round++) {
                    writer.awaitWrites(1 + random.nextInt(6));
                    boolean quick = random.nextInt(3) != 0;
                    boolean hold = random.nextInt(3) == 0;
                    if (hold) {
                        array.engine().pauseBackgroundCopy();
                    }
                    writer.lock.lock();
                    try {
                        expected = writer.model.clone();
                        if (round == 0) {
                            si.create(P, S, 0, new CreateOptions(1 + random.nextInt(15), false, splitOnCreate));
                            if (!splitOnCreate) {
                                si.split(P, 0, new SplitOptions(quick, true));
                            }
                        } else {
                            si.split(P, 0, new SplitOptions(quick, true));
                        }
                    } finally {
                        writer.lock.unlock();
                    }
                    writer.awaitWrites(random.nextInt(4));
                    assertThat(TestArrays.read(array, S, 0, VOLUME)).as("S-VOL right after the split").isEqualTo(expected);
                    if (hold) {
                        array.engine().resumeBackgroundCopy();
                    }
                    if (random.nextBoolean() && si.pair(P, 0).orElseThrow().state().split()) {
                        int offset = random.nextInt(VOLUME - 2 * TRACK);
                        byte[] data = pattern(random, 1 + random.nextInt(2 * TRACK));
                        TestArrays.write(array, S, offset, data);
                        System.arraycopy(data, 0, expected, offset, data.length);
                    }
                    writer.awaitWrites(random.nextInt(4));
                    assertThat(TestArrays.read(array, S, 0, VOLUME)).as("S-VOL while the copy runs").isEqualTo(expected);
                    PairInfo done = TestArrays.awaitState(array, P, 0, PairState.PSUS);
                    assertThat(done.copyPercent()).isBetween(0, 100);
                    assertThat(TestArrays.read(array, S, 0, VOLUME)).as("S-VOL after the copy").isEqualTo(expected);
                    si.resync(P, 0, random.nextBoolean());
                    if (random.nextBoolean()) {
                        TestArrays.awaitState(array, P, 0, PairState.PAIR);
                    }
                }
            } finally {
                writer.stop();
            }
            // The mirror converges once the writer stops.
            TestArrays.awaitState(array, P, 0, PairState.PAIR);
            PairInfo synced = si.await(P, 0, p -> p.copyPercent() == 100, Duration.ofSeconds(30));
            assertThat(synced.copyPercent()).isEqualTo(100);
            assertThat(TestArrays.read(array, P, 0, VOLUME)).isEqualTo(writer.model);
            si.split(P, 0, new SplitOptions(true, true));
            assertThat(TestArrays.read(array, S, 0, VOLUME)).isEqualTo(writer.model);
        }
    }

    /** Writes random extents to the P-VOL, keeping {@link #model} equal to the P-VOL whenever {@link #lock} is free. */
    private static final class HostWriter implements Runnable {
        final ReentrantLock lock = new ReentrantLock();
        final Condition wrote = lock.newCondition();
        final SimulatedArray array;
        final Random random;
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread;
        byte[] model;
        long writes;

        HostWriter(SimulatedArray array, Random random) {
            this.array = array;
            this.random = random;
        }

        void start() {
            thread = new Thread(this, "host-writer");
            thread.start();
        }

        @Override
        public void run() {
            try {
                while (running.get()) {
                    writeOnce();
                }
            } catch (Throwable t) {
                failure.set(t);
                lock.lock();
                try {
                    wrote.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }

        void writeOnce() throws Exception {
            int length = 1 + (random.nextInt(4) == 0 ? random.nextInt(3 * TRACK) : random.nextInt(4096));
            int offset = random.nextInt(VOLUME - length + 1);
            byte[] data = pattern(random, length);
            lock.lock();
            try {
                TestArrays.write(array, P, offset, data);
                System.arraycopy(data, 0, model, offset, length);
                writes++;
                wrote.signalAll();
            } finally {
                lock.unlock();
            }
        }

        void awaitWrites(int count) throws InterruptedException {
            lock.lock();
            try {
                long target = writes + count;
                while (writes < target && failure.get() == null) {
                    if (!wrote.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
                        throw new AssertionError("host writer made no progress in 30 s");
                    }
                }
            } finally {
                lock.unlock();
            }
            rethrow();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(30_000);
            rethrow();
        }

        private void rethrow() {
            Throwable t = failure.get();
            if (t != null) {
                throw new AssertionError("host writer failed", t);
            }
        }
    }

    /** Cheap distinct content: one random fill byte per write, with random bytes sprinkled every 4 KiB. */
    static byte[] pattern(Random random, int length) {
        byte[] data = new byte[length];
        Arrays.fill(data, (byte) random.nextInt());
        for (int i = 0; i < length; i += 4096) {
            data[i] = (byte) random.nextInt();
            data[Math.min(length - 1, i + 1 + random.nextInt(4095))] = (byte) random.nextInt();
        }
        return data;
    }
}
