package io.rmvss.array.shadowimage;

import static io.rmvss.array.TestArrays.TRACK;
import static io.rmvss.array.TestArrays.ldev;
import static org.assertj.core.api.Assertions.assertThat;

import io.rmvss.array.LdevId;
import io.rmvss.array.SimulatedArray;
import io.rmvss.array.TestArrays;
import io.rmvss.array.storage.Guard;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** close() and open() keep pairs, data, bitmaps and guards; copies that were running resume. */
class RestartTest {
    private static final LdevId P = ldev(256);
    private static final LdevId S = ldev(257);
    private static final int VOLUME = 16 * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void splitPairKeepsItsDifferentialAcrossRestart() throws Exception {
        Path a = dir.resolve("a");
        PairInfo beforeClose;
        try (SimulatedArray array = TestArrays.small(a)) {
            ShadowImage si = array.shadowImage();
            TestArrays.write(array, P, 0, TestArrays.random(new Random(1), VOLUME));
            si.create(P, S, 1, new CreateOptions(7, true, false));
            TestArrays.awaitState(array, P, 1, PairState.PAIR);
            si.split(P, 1, new SplitOptions(false, true));
            TestArrays.awaitState(array, P, 1, PairState.PSUS);
            TestArrays.write(array, P, 3L * TRACK, new byte[]{1});
            TestArrays.write(array, P, 4L * TRACK, new byte[]{2});
            TestArrays.write(array, S, 10L * TRACK, new byte[]{3});
            array.setGuards(ldev(258), Set.of(Guard.SVOL_DISABLED));
            beforeClose = si.pair(P, 1).orElseThrow();
        }
        try (SimulatedArray array = SimulatedArray.open(a)) {
            ShadowImage si = array.shadowImage();
            PairInfo reopened = si.pair(P, 1).orElseThrow();
            assertThat(reopened).isEqualTo(beforeClose);
            assertThat(reopened.noread()).isTrue();
            assertThat(reopened.copyPace()).isEqualTo(7);
            assertThat(reopened.svolWrittenSinceSplit()).isTrue();
            assertThat(array.guards(ldev(258))).containsExactly(Guard.SVOL_DISABLED);
            assertThat(TestArrays.read(array, S, 10L * TRACK, 1)).containsExactly(3);
            si.resync(P, 1, false);
            TestArrays.awaitState(array, P, 1, PairState.PAIR);
            assertThat(si.tracksCopied()).isEqualTo(3);
            si.split(P, 1, new SplitOptions(true, true)); // noread: the S-VOL is readable once split
            assertThat(TestArrays.read(array, S, 0, VOLUME)).isEqualTo(TestArrays.read(array, P, 0, VOLUME));
        }
    }

    @Test
    void initialCopyInFlightResumesAfterRestart() throws Exception {
        Path a = dir.resolve("a");
        byte[] image = TestArrays.random(new Random(2), VOLUME);
        try (SimulatedArray array = TestArrays.small(a)) {
            TestArrays.write(array, P, 0, image);
            array.engine().pauseBackgroundCopy();
            assertThat(array.shadowImage().create(P, S, 0, CreateOptions.defaults()).state()).isEqualTo(PairState.COPY_PD);
        }
        try (SimulatedArray array = SimulatedArray.open(a)) {
            TestArrays.awaitState(array, P, 0, PairState.PAIR);
            assertThat(array.shadowImage().tracksCopied()).isEqualTo(64);
            array.shadowImage().split(P, 0, new SplitOptions(true, true));
            assertThat(TestArrays.read(array, S, 0, VOLUME)).isEqualTo(image);
        }
    }

    @Test
    void quickRestoreKeepsThePvolOnlineAcrossRestart() throws Exception {
        Path a = dir.resolve("a");
        byte[] original = TestArrays.random(new Random(5), VOLUME);
        byte[] expected;
        try (SimulatedArray array = TestArrays.small(a)) {
            ShadowImage si = array.shadowImage();
            TestArrays.write(array, P, 0, original);
            si.create(P, S, 0, CreateOptions.defaults());
            TestArrays.awaitState(array, P, 0, PairState.PAIR);
            si.split(P, 0, new SplitOptions(false, true));
            TestArrays.awaitState(array, P, 0, PairState.PSUS);
            TestArrays.write(array, P, TRACK, TestArrays.random(new Random(6), 3 * TRACK)); // damage tracks 1-3
            array.engine().pauseBackgroundCopy();
            assertThat(si.restore(P, 0, true).state()).isEqualTo(PairState.COPY_RS_R);
            assertThat(TestArrays.read(array, P, 0, VOLUME)).as("restored image at once").isEqualTo(original);
            TestArrays.write(array, P, 2L * TRACK + 5, new byte[]{9});                     // restores track 2 first
            expected = original.clone();
            expected[2 * TRACK + 5] = 9;
            assertThat(TestArrays.read(array, P, 0, VOLUME)).isEqualTo(expected);
        }
        try (SimulatedArray array = SimulatedArray.open(a)) {
            assertThat(TestArrays.read(array, P, 0, VOLUME)).isEqualTo(expected);
            TestArrays.awaitState(array, P, 0, PairState.PAIR);
            PairInfo synced = array.shadowImage().await(P, 0, p -> p.copyPercent() == 100, java.time.Duration.ofSeconds(30));
            assertThat(synced.copyPercent()).isEqualTo(100);
            assertThat(TestArrays.read(array, P, 0, VOLUME)).isEqualTo(expected);
            array.shadowImage().split(P, 0, new SplitOptions(true, true));
            assertThat(TestArrays.read(array, S, 0, VOLUME)).isEqualTo(expected);
        }
    }

    @Test
    void quickSplitPointInTimeSurvivesRestartMidCopy() throws Exception {
        Path a = dir.resolve("a");
        byte[] image = TestArrays.random(new Random(3), VOLUME);
        try (SimulatedArray array = TestArrays.small(a)) {
            ShadowImage si = array.shadowImage();
            si.create(P, S, 0, CreateOptions.defaults());
            TestArrays.awaitState(array, P, 0, PairState.PAIR);
            array.engine().pauseBackgroundCopy();
            TestArrays.write(array, P, 0, image);           // all 64 tracks pending
            si.split(P, 0, new SplitOptions(true, true));   // PSUS(SP): the copy is still to do
            TestArrays.write(array, P, 5L * TRACK, TestArrays.random(new Random(4), 10 * TRACK)); // copy-before-write
            TestArrays.write(array, S, 40L * TRACK + 7, new byte[]{42});                          // S write on a pending track
            image[40 * TRACK + 7] = 42;
            assertThat(si.pair(P, 0).orElseThrow().state()).isEqualTo(PairState.PSUS_SP);
        }
        try (SimulatedArray array = SimulatedArray.open(a)) {
            assertThat(TestArrays.read(array, S, 0, VOLUME)).isEqualTo(image);
            TestArrays.awaitState(array, P, 0, PairState.PSUS);
            assertThat(TestArrays.read(array, S, 0, VOLUME)).isEqualTo(image);
        }
    }
}
