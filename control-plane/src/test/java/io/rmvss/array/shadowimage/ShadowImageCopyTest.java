package io.rmvss.array.shadowimage;

import static io.rmvss.array.TestArrays.TRACK;
import static io.rmvss.array.TestArrays.ldev;
import static org.assertj.core.api.Assertions.assertThat;

import io.rmvss.array.ArrayException;
import io.rmvss.array.CciError;
import io.rmvss.array.LdevId;
import io.rmvss.array.RamTempDirFactory;
import io.rmvss.array.SimulatedArray;
import io.rmvss.array.TestArrays;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShadowImageCopyTest {
    private static final LdevId P = ldev(256);
    private static final LdevId S = ldev(257);
    private static final int VOLUME = 16 * 1024 * 1024;

    @TempDir(factory = RamTempDirFactory.class)
    Path dir;
    SimulatedArray array;
    ShadowImage si;

    @BeforeEach
    void setUp() throws Exception {
        array = TestArrays.small(dir.resolve("a"));
        si = array.shadowImage();
    }

    @AfterEach
    void tearDown() {
        array.close();
    }

    @Test
    void initialCopyCopiesOnlyWrittenTracksAndZeroFillsTheSvol() throws Exception {
        byte[] data = TestArrays.random(new Random(3), 3 * TRACK);
        TestArrays.write(array, P, 10L * TRACK, data);
        TestArrays.write(array, S, 40L * TRACK, TestArrays.random(new Random(4), 100)); // old data on the S-VOL
        PairInfo created = si.create(P, S, 0, CreateOptions.defaults());
        assertThat(created.state()).isEqualTo(PairState.COPY_PD);
        assertThat(created.state().pvolStatus()).isEqualTo("COPY");
        PairInfo paired = TestArrays.awaitState(array, P, 0, PairState.PAIR);
        assertThat(paired.copyPercent()).isEqualTo(100);
        assertThat(si.tracksCopied()).isEqualTo(4);
        assertThat(TestArrays.read(array, S, 0, VOLUME)).isEqualTo(TestArrays.read(array, P, 0, VOLUME));
    }

    @Test
    void writesInPairReachTheSvolAndSplitFreezesIt() throws Exception {
        si.create(P, S, 1, CreateOptions.defaults());
        TestArrays.awaitState(array, P, 1, PairState.PAIR);
        byte[] first = TestArrays.random(new Random(5), 5 * TRACK);
        TestArrays.write(array, P, 0, first);
        si.split(P, 1, new SplitOptions(false, true));
        TestArrays.write(array, P, 0, TestArrays.random(new Random(6), 5 * TRACK));
        TestArrays.awaitState(array, P, 1, PairState.PSUS);
        assertThat(TestArrays.read(array, S, 0, first.length)).isEqualTo(first);
        assertThat(si.pairOfSvol(S).orElseThrow().state().svolStatus()).isEqualTo("SSUS");
    }

    @Test
    void differentialResyncCopiesOnlyDirtyTracks() throws Exception {
        TestArrays.write(array, P, 0, TestArrays.random(new Random(8), VOLUME));
        si.create(P, S, 0, CreateOptions.defaults());
        TestArrays.awaitState(array, P, 0, PairState.PAIR);
        assertThat(si.tracksCopied()).isEqualTo(64);
        si.split(P, 0, new SplitOptions(true, true));
        TestArrays.awaitState(array, P, 0, PairState.PSUS);
        long before = si.tracksCopied();
        TestArrays.write(array, P, 3L * TRACK + 10, new byte[]{1, 2, 3});
        TestArrays.write(array, P, 20L * TRACK, new byte[2 * TRACK]);  // tracks 20, 21
        TestArrays.write(array, S, 50L * TRACK, new byte[]{9});          // S-side change: copied back over
        PairInfo split = si.pair(P, 0).orElseThrow();
        assertThat(split.copyPercent()).isEqualTo((64 - 4) * 100 / 64);
        assertThat(split.svolWrittenSinceSplit()).isTrue();
        si.resync(P, 0, false);
        TestArrays.awaitState(array, P, 0, PairState.PAIR);
        assertThat(si.tracksCopied() - before).isEqualTo(4);
        assertThat(TestArrays.read(array, S, 0, VOLUME)).isEqualTo(TestArrays.read(array, P, 0, VOLUME));
    }

    @Test
    void resyncAfterErrorSuspendIsAFullCopy() throws Exception {
        TestArrays.write(array, P, 0, TestArrays.random(new Random(9), 10 * TRACK));
        si.create(P, S, 0, CreateOptions.defaults());
        TestArrays.awaitState(array, P, 0, PairState.PAIR);
        si.suspendOnError(P, 0);
        long before = si.tracksCopied();
        si.resync(P, 0, false);
        TestArrays.awaitState(array, P, 0, PairState.PAIR);
        assertThat(si.tracksCopied() - before).isEqualTo(10);
    }

    @Test
    void restoreCopiesTheSvolBackToThePvol() throws Exception {
        byte[] original = TestArrays.random(new Random(10), 6 * TRACK);
        TestArrays.write(array, P, 0, original);
        si.create(P, S, 2, CreateOptions.defaults());
        TestArrays.awaitState(array, P, 2, PairState.PAIR);
        si.split(P, 2, new SplitOptions(true, true));
        TestArrays.write(array, P, TRACK, TestArrays.random(new Random(11), 2 * TRACK)); // damage the P-VOL
        TestArrays.awaitState(array, P, 2, PairState.PSUS);
        long before = si.tracksCopied();
        si.restore(P, 2, false);
        TestArrays.awaitState(array, P, 2, PairState.PAIR);
        assertThat(si.tracksCopied() - before).isEqualTo(2);
        assertThat(TestArrays.read(array, P, 0, original.length)).isEqualTo(original);
    }

    @Test
    void restoreCountsAsAPvolChangeForTheOtherPairs() throws Exception {
        LdevId s2 = ldev(258);
        TestArrays.write(array, P, 0, TestArrays.random(new Random(20), 8 * TRACK));
        si.create(P, S, 0, CreateOptions.defaults());
        si.create(P, s2, 1, CreateOptions.defaults());
        TestArrays.awaitState(array, P, 0, PairState.PAIR);
        TestArrays.awaitState(array, P, 1, PairState.PAIR);
        si.split(P, 0, new SplitOptions(true, true));
        TestArrays.awaitState(array, P, 0, PairState.PSUS);
        TestArrays.write(array, S, 5L * TRACK, new byte[]{5});
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(ArrayException.class, () -> si.restore(P, 0, false)).error())
                .as("MU#1 still mirrors the P-VOL").isEqualTo(CciError.EX_INVSTP);
        si.split(P, 1, new SplitOptions(true, true));
        TestArrays.awaitState(array, P, 1, PairState.PSUS);
        array.engine().pauseBackgroundCopy();
        si.restore(P, 0, false);
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(ArrayException.class, () -> si.resync(P, 1, false)).error())
                .as("no resync from a P-VOL being restored").isEqualTo(CciError.EX_INVSTP);
        array.engine().resumeBackgroundCopy();
        TestArrays.awaitState(array, P, 0, PairState.PAIR);
        assertThat(TestArrays.read(array, P, 5L * TRACK, 1)).containsExactly(5);
        long before = si.tracksCopied();
        si.resync(P, 1, false);
        TestArrays.awaitState(array, P, 1, PairState.PAIR);
        assertThat(si.tracksCopied() - before).isEqualTo(1);
        si.split(P, 1, new SplitOptions(true, true));
        assertThat(TestArrays.read(array, s2, 0, VOLUME)).isEqualTo(TestArrays.read(array, P, 0, VOLUME));
    }

    @Test
    void createWithSplitFreezesTheCreateInstant() throws Exception {
        byte[] image = TestArrays.random(new Random(12), VOLUME);
        TestArrays.write(array, P, 0, image);
        PairInfo info = si.create(P, S, 0, new CreateOptions(1, false, true));
        assertThat(info.state().split()).isTrue();
        TestArrays.write(array, P, 0, TestArrays.random(new Random(13), VOLUME));
        assertThat(TestArrays.read(array, S, 0, VOLUME)).isEqualTo(image);
        TestArrays.awaitState(array, P, 0, PairState.PSUS);
        assertThat(TestArrays.read(array, S, 0, VOLUME)).isEqualTo(image);
    }

    @Test
    void threeMirrorsOfOnePvolEachKeepTheirOwnInstant() throws Exception {
        LdevId[] svols = {ldev(257), ldev(258), ldev(259)};
        for (int mu = 0; mu < 3; mu++) {
            si.create(P, svols[mu], mu, CreateOptions.defaults());
        }
        for (int mu = 0; mu < 3; mu++) {
            TestArrays.awaitState(array, P, mu, PairState.PAIR);
        }
        array.engine().pauseBackgroundCopy();
        byte[][] images = new byte[3][];
        Random random = new Random(15);
        for (int mu = 0; mu < 3; mu++) {
            TestArrays.write(array, P, random.nextInt(VOLUME - 4 * TRACK), TestArrays.random(random, 4 * TRACK));
            images[mu] = TestArrays.read(array, P, 0, VOLUME);
            si.split(P, mu, new SplitOptions(true, true));
        }
        TestArrays.write(array, P, 0, TestArrays.random(random, VOLUME));
        for (int mu = 0; mu < 3; mu++) {
            assertThat(TestArrays.read(array, svols[mu], 0, VOLUME)).as("MU#" + mu + " with the copy held").isEqualTo(images[mu]);
        }
        array.engine().resumeBackgroundCopy();
        for (int mu = 0; mu < 3; mu++) {
            TestArrays.awaitState(array, P, mu, PairState.PSUS);
            assertThat(TestArrays.read(array, svols[mu], 0, VOLUME)).as("MU#" + mu + " after the copy").isEqualTo(images[mu]);
        }
    }

    @Test
    void largerSvolIsAllowedAndItsTailIsItsOwn() throws Exception {
        LdevId small = ldev(300);
        byte[] image = TestArrays.random(new Random(14), 8 * 1024 * 1024);
        TestArrays.write(array, small, 0, image);
        TestArrays.write(array, S, VOLUME - 100, new byte[]{7});
        si.create(small, S, 0, CreateOptions.defaults());
        TestArrays.awaitState(array, small, 0, PairState.PAIR);
        assertThat(TestArrays.read(array, S, 0, image.length)).isEqualTo(image);
        assertThat(TestArrays.read(array, S, VOLUME - 100, 1)).containsExactly(7);
    }
}
