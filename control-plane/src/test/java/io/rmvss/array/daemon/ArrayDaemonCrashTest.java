package io.rmvss.array.daemon;

import io.rmvss.array.horcm.SeedConfs;
import static io.rmvss.array.daemon.ArrayProcess.env;
import static org.assertj.core.api.Assertions.assertThat;

import io.rmvss.array.layout.ArrayLayout;
import io.rmvss.array.storage.HostIo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the array daemon at random moments while a host writes and an admin splits and
 * resyncs through bin/cci. After each restart, every acknowledged write and pair operation must
 * be there, and a split S-VOL must hold the P-VOL image of its split instant.
 */
class ArrayDaemonCrashTest {
    private static final Map<String, String> INST51 = env("HORCMINST", "51", "HORCC_MRCF", "1");
    private static final int SLOTS = 16;
    private static final int SLOT = HostIo.TRACK_SIZE;
    private static final int ROUNDS = 8;

    @TempDir
    Path root;

    /** What the test knows was acknowledged, and the one operation that may have been cut short. */
    private final String[] ackedSlot = new String[SLOTS];
    private String[] splitImage;
    private boolean split;
    private final AtomicReference<Operation> inFlight = new AtomicReference<>();

    private record Operation(String kind, int slot, String hash) {
    }

    @Test
    void noAcknowledgedWriteOrPairOperationIsLostAcrossKillMinus9() throws Exception {
        Random random = new Random(20261125);
        try (ArrayProcess array = ArrayProcess.create(root, ArrayLayout.seedExample())) {
            Files.writeString(array.workDir.resolve("horcm50.conf"), SeedConfs.HORCM50);
            Files.writeString(array.workDir.resolve("horcm51.conf"), SeedConfs.HORCM51);
            String zeros = sha256(new byte[SLOT]);
            Arrays.fill(ackedSlot, zeros);
            assertThat(array.cci(Map.of(), "horcmstart", "50", "51").exit()).isZero();
            assertThat(array.cci(INST51, "paircreate", "-g", "snap", "-vr").exit()).isZero();
            assertThat(array.cci(INST51, "pairevtwait", "-g", "snap", "-s", "pair", "-t", "60").exit()).isZero();

            for (int round = 0; round < ROUNDS; round++) {
                long killAfterMillis = 100 + random.nextInt(700);
                Thread killer = new Thread(() -> {
                    try {
                        Thread.sleep(killAfterMillis);
                        array.kill();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                killer.start();
                runUntilKilled(array, random);
                killer.join();

                array.start();
                verify(array, round);
            }
        }
    }

    /** One operation at a time, as a host and an admin would issue them; stops at the first refused connection. */
    private void runUntilKilled(ArrayProcess array, Random random) throws Exception {
        while (true) {
            int choice = random.nextInt(10);
            Operation op;
            if (choice < 7) {
                int slot = random.nextInt(SLOTS);
                long seed = random.nextLong();
                op = new Operation("write", slot, sha256(fillData(seed)));
                inFlight.set(op);
                ArrayProcess.Result r;
                try {
                    r = array.io("fill", "62496:18", String.valueOf((long) slot * SLOT), String.valueOf(SLOT), "--seed",
                            String.valueOf(seed));
                } catch (java.io.IOException daemonGone) {
                    return;
                }
                if (r.exit() != 0) {
                    return;
                }
                ackedSlot[slot] = op.hash();
            } else if (!split) {
                op = new Operation("split", -1, null);
                inFlight.set(op);
                ArrayProcess.Result r = array.cci(env("HORCMINST", "51", "HORCC_MRCF", "1", "HORCC_SPLT", "QUICK"), "pairsplit", "-g", "snap");
                if (r.exit() != 0) {
                    return;
                }
                split = true;
                splitImage = ackedSlot.clone();
            } else {
                op = new Operation("resync", -1, null);
                inFlight.set(op);
                ArrayProcess.Result r = array.cci(INST51, "pairresync", "-g", "snap");
                if (r.exit() != 0) {
                    return;
                }
                split = false;
            }
            inFlight.set(null);
        }
    }

    private void verify(ArrayProcess array, int round) throws Exception {
        Operation cut = inFlight.getAndSet(null);
        for (int slot = 0; slot < SLOTS; slot++) {
            String actual = sum(array, "62496:18", slot);
            if (cut != null && cut.kind().equals("write") && cut.slot() == slot && actual.equals(cut.hash())) {
                ackedSlot[slot] = actual; // the write landed before the kill: it is now the known content
                continue;
            }
            assertThat(actual).as("round %d: P-VOL slot %d holds its last acknowledged write", round, slot).isEqualTo(ackedSlot[slot]);
        }

        // Asked on the P-VOL side: a quick split shows PSUS there at once, while the S-VOL shows COPY until its copy ends.
        ArrayProcess.Result volchk = array.cci(env("HORCMINST", "50", "HORCC_MRCF", "1"), "pairvolchk", "-g", "snap", "-ss");
        boolean nowSplit = volchk.exit() == 24;
        if (cut != null && cut.kind().equals("split") && nowSplit) {
            split = true;
            splitImage = ackedSlot.clone();
        } else if (cut != null && cut.kind().equals("resync") && !nowSplit) {
            split = false;
        }
        assertThat(nowSplit).as("round %d: pair split state after restart (pairvolchk exit %d)", round, volchk.exit()).isEqualTo(split);
        if (split) {
            for (int slot = 0; slot < SLOTS; slot++) {
                assertThat(sum(array, "62496:19", slot)).as("round %d: S-VOL slot %d holds the split-instant image", round, slot)
                        .isEqualTo(splitImage[slot]);
            }
        } else {
            assertThat(array.cci(INST51, "pairevtwait", "-g", "snap", "-s", "pair", "-t", "60").exit())
                    .as("round %d: the interrupted copy resumes and reaches PAIR", round).isZero();
        }
    }

    private static String sum(ArrayProcess array, String device, int slot) throws Exception {
        ArrayProcess.Result r = array.io("sum", device, String.valueOf((long) slot * SLOT), String.valueOf(SLOT));
        assertThat(r.exit()).as(r.err()).isZero();
        return r.out().split(" ")[0];
    }

    /** The bytes {@code rmvss array io fill} writes for one track-sized slot with this seed. */
    private static byte[] fillData(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] data = new byte[SLOT];
        for (int i = 0; i < SLOT; i += 8) {
            long v = random.nextLong();
            for (int j = 0; j < 8; j++) {
                data[i + j] = (byte) (v >>> (8 * j));
            }
        }
        return data;
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
