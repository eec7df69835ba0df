package io.rmvss.array;

import static io.rmvss.array.TestArrays.TRACK;
import static io.rmvss.array.TestArrays.ldev;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rmvss.array.shadowimage.CreateOptions;
import io.rmvss.array.shadowimage.PairState;
import io.rmvss.array.shadowimage.ShadowImage;
import io.rmvss.array.shadowimage.SplitOptions;
import io.rmvss.array.storage.Guard;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostIoRulesTest {
    private static final LdevId P = ldev(256);
    private static final LdevId S = ldev(257);

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
    void readsAndWritesSpanTracksAtAnyOffset() throws Exception {
        byte[] data = TestArrays.random(new Random(7), 2 * TRACK + 333);
        TestArrays.write(array, P, 5 * TRACK - 17, data);
        assertThat(TestArrays.read(array, P, 5 * TRACK - 17, data.length)).isEqualTo(data);
        assertThat(TestArrays.read(array, P, 5 * TRACK - 18, 1)).containsOnly(0);
        long end = 16L * 1024 * 1024;
        TestArrays.write(array, P, end - 10, new byte[10]);
        rejected(() -> TestArrays.write(array, P, end - 9, new byte[10]), CciError.EX_INVARG);
    }

    @Test
    void commandDeviceHoldsNoData() {
        rejected(() -> TestArrays.write(array, TestArrays.COMMAND_DEVICE, 0, new byte[512]), CciError.EX_CMDRJE);
        rejected(() -> TestArrays.read(array, TestArrays.COMMAND_DEVICE, 0, 512), CciError.EX_CMDRJE);
    }

    @Test
    void svolIsWriteInhibitedUntilSplitAndAfterReadOnlySplit() throws Exception {
        si.create(P, S, 0, CreateOptions.defaults());
        rejected(() -> TestArrays.write(array, S, 0, new byte[512]), CciError.EX_ERPERM);
        TestArrays.awaitState(array, P, 0, PairState.PAIR);
        rejected(() -> TestArrays.write(array, S, 0, new byte[512]), CciError.EX_ERPERM);
        TestArrays.read(array, S, 0, 512);
        si.split(P, 0, new SplitOptions(false, false));
        TestArrays.awaitState(array, P, 0, PairState.PSUS);
        rejected(() -> TestArrays.write(array, S, 0, new byte[512]), CciError.EX_ERPERM);
        si.resync(P, 0, false);
        rejected(() -> TestArrays.write(array, S, 0, new byte[512]), CciError.EX_ERPERM);
        TestArrays.awaitState(array, P, 0, PairState.PAIR);
        si.split(P, 0, new SplitOptions(true, true));
        TestArrays.write(array, S, 0, new byte[512]);
        assertThat(si.pair(P, 0).orElseThrow().svolWrittenSinceSplit()).isTrue();
    }

    @Test
    void noreadSvolCannotBeReadUntilSplit() throws Exception {
        si.create(P, S, 0, new CreateOptions(3, true, false));
        rejected(() -> TestArrays.read(array, S, 0, 512), CciError.EX_ERPERM);
        TestArrays.awaitState(array, P, 0, PairState.PAIR);
        rejected(() -> TestArrays.read(array, S, 0, 512), CciError.EX_ERPERM);
        assertThat(si.pair(P, 0).orElseThrow().noread()).isTrue();
        si.split(P, 0, new SplitOptions(true, true));
        TestArrays.read(array, S, 0, 512);
    }

    @Test
    void pvolIsUnavailableDuringRestore() throws Exception {
        TestArrays.write(array, P, 0, TestArrays.random(new Random(1), 8 * TRACK));
        si.create(P, S, 0, CreateOptions.defaults());
        TestArrays.awaitState(array, P, 0, PairState.PAIR);
        si.split(P, 0, new SplitOptions(false, true));
        TestArrays.awaitState(array, P, 0, PairState.PSUS);
        byte[] image = TestArrays.random(new Random(2), 8 * TRACK);
        TestArrays.write(array, S, 0, image);
        si.restore(P, 0, false);
        // The restore may finish at any moment; while it runs the P-VOL refuses I/O.
        try {
            TestArrays.read(array, P, 0, 512);
        } catch (ArrayException e) {
            assertThat(e.error()).isEqualTo(CciError.EX_ERPERM);
            assertThat(e.detail()).contains("restored");
        }
        TestArrays.awaitState(array, P, 0, PairState.PAIR);
        assertThat(TestArrays.read(array, P, 0, image.length)).isEqualTo(image);
    }

    @Test
    void guardsRestrictIo() throws Exception {
        array.setGuards(P, Set.of(Guard.WRITE_DISABLED));
        rejected(() -> TestArrays.write(array, P, 0, new byte[1]), CciError.EX_ERPERM);
        TestArrays.read(array, P, 0, 1);
        array.setGuards(P, Set.of(Guard.READ_WRITE_DISABLED));
        rejected(() -> TestArrays.read(array, P, 0, 1), CciError.EX_ERPERM);
        array.setGuards(P, Set.of());
        TestArrays.write(array, P, 0, new byte[1]);
    }

    static void rejected(ThrowingCallable call, CciError error) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ArrayException.class, e -> {
            assertThat(e.error()).isEqualTo(error);
            assertThat(e.detail()).isNotBlank();
        });
    }
}
