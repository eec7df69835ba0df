package io.rmvss.array.shadowimage;

import static io.rmvss.array.TestArrays.TRACK;
import static io.rmvss.array.TestArrays.ldev;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rmvss.array.ArrayException;
import io.rmvss.array.CciError;
import io.rmvss.array.LdevId;
import io.rmvss.array.RamTempDirFactory;
import io.rmvss.array.SimulatedArray;
import io.rmvss.array.TestArrays;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * cci-facts.md's command acceptance table, state by command: the resulting state, or EX_INVSTP
 * with nothing changed. Copies are paused so COPY and RCPY stay observable.
 */
class AcceptanceTableTest {
    private static final LdevId P = ldev(256);
    private static final LdevId S = ldev(257);

    enum Start { SMPL, COPY, PAIR, PSUS, PSUE, RCPY }

    enum Command { CREATE, CREATE_SPLIT, SPLIT_E, SPLIT, SPLIT_QUICK, SPLIT_S, RESYNC, RESTORE }

    /** Expected outcome: a state, "same" (accepted, no change) or null (rejected with EX_INVSTP). */
    static Stream<Arguments> table() {
        Object[][] rows = {
            // start          create        create -split        -E               split               quick split          -S                resync                 restore
            {Start.SMPL, PairState.COPY_PD, PairState.PSUS_SP, null, null, null, PairState.SMPL, null, null},
            {Start.COPY, "same", PairState.PSUS_SP, PairState.PSUE, PairState.COPY_SP, PairState.PSUS_SP, PairState.SMPL, "same", null},
            {Start.PAIR, "same", PairState.PSUS_SP, PairState.PSUE, PairState.COPY_SP, PairState.PSUS_SP, PairState.SMPL, "same", null},
            {Start.PSUS, null, "same", PairState.PSUE, "same", "same", PairState.SMPL, PairState.COPY_RS, PairState.COPY_RS_R},
            {Start.PSUE, null, "same", "same", "same", "same", PairState.SMPL, PairState.COPY_RS, null},
            {Start.RCPY, "same", PairState.PSUS, PairState.PSUE, PairState.PSUS, PairState.PSUS, PairState.SMPL, "same", null},
        };
        List<Arguments> cases = new ArrayList<>();
        for (Object[] row : rows) {
            Command[] commands = Command.values();
            for (int c = 0; c < commands.length; c++) {
                cases.add(Arguments.of(row[0], commands[c], row[c + 1]));
            }
        }
        return cases.stream();
    }

    @TempDir(factory = RamTempDirFactory.class)
    Path dir;
    SimulatedArray array;
    ShadowImage si;

    @BeforeEach
    void setUp() throws Exception {
        array = TestArrays.small(dir.resolve("a"));
        si = array.shadowImage();
        TestArrays.write(array, P, 0, TestArrays.random(new java.util.Random(1), 4 * TRACK));
    }

    @AfterEach
    void tearDown() {
        array.close();
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @MethodSource("table")
    void commandInState(Start start, Command command, Object expected) throws Exception {
        reach(start);
        Optional<PairInfo> before = si.pair(P, 0);
        if (expected == null) {
            assertThatThrownBy(() -> run(command)).isInstanceOfSatisfying(ArrayException.class,
                    e -> assertThat(e.error()).isEqualTo(CciError.EX_INVSTP));
            assertThat(si.pair(P, 0)).isEqualTo(before);
            return;
        }
        run(command);
        Optional<PairInfo> after = si.pair(P, 0);
        if (expected.equals("same")) {
            assertThat(after).isEqualTo(before);
        } else if (expected == PairState.SMPL) {
            assertThat(after).isEmpty();
            assertThat(si.pairOfSvol(S)).isEmpty();
        } else {
            assertThat(after.orElseThrow().state()).isEqualTo(expected);
        }
        // Whatever was accepted settles once the copy runs again.
        array.engine().resumeBackgroundCopy();
        if (after.isPresent()) {
            PairInfo settled = si.await(P, 0, p -> !p.state().copying(), java.time.Duration.ofSeconds(30));
            assertThat(settled.state()).isIn(PairState.PAIR, PairState.PSUS, PairState.PSUE);
        }
    }

    private void reach(Start start) throws Exception {
        switch (start) {
            case SMPL -> array.engine().pauseBackgroundCopy();
            case COPY -> {
                array.engine().pauseBackgroundCopy();
                si.create(P, S, 0, CreateOptions.defaults());
            }
            case PAIR, PSUS, PSUE, RCPY -> {
                si.create(P, S, 0, CreateOptions.defaults());
                TestArrays.awaitState(array, P, 0, PairState.PAIR);
                if (start != Start.PAIR) {
                    si.split(P, 0, new SplitOptions(false, true));
                    TestArrays.awaitState(array, P, 0, PairState.PSUS);
                }
                array.engine().pauseBackgroundCopy();
                if (start == Start.PSUE) {
                    si.suspendOnError(P, 0);
                }
                if (start == Start.RCPY) {
                    TestArrays.write(array, S, 0, new byte[]{1});
                    si.restore(P, 0, false);
                }
            }
        }
        if (start != Start.SMPL) {
            assertThat(si.pair(P, 0).orElseThrow().state().pvolStatus())
                    .isEqualTo(start == Start.RCPY ? "RCPY" : start.name());
        }
    }

    private void run(Command command) throws ArrayException {
        switch (command) {
            case CREATE -> si.create(P, S, 0, CreateOptions.defaults());
            case CREATE_SPLIT -> si.create(P, S, 0, new CreateOptions(3, false, true));
            case SPLIT_E -> si.suspendOnError(P, 0);
            case SPLIT -> si.split(P, 0, new SplitOptions(false, true));
            case SPLIT_QUICK -> si.split(P, 0, new SplitOptions(true, true));
            case SPLIT_S -> si.delete(P, 0);
            case RESYNC -> si.resync(P, 0, false);
            case RESTORE -> si.restore(P, 0, false);
        }
    }

    @org.junit.jupiter.api.Test
    void resyncDuringASplitsCopyResyncs() throws Exception {
        si.create(P, S, 0, CreateOptions.defaults());
        TestArrays.awaitState(array, P, 0, PairState.PAIR);
        array.engine().pauseBackgroundCopy();
        TestArrays.write(array, P, 0, new byte[]{1});
        assertThat(si.split(P, 0, new SplitOptions(false, false)).state()).isEqualTo(PairState.COPY_SP);
        assertThat(si.split(P, 0, new SplitOptions(true, true)).state()).isEqualTo(PairState.COPY_SP);  // no change
        assertThat(si.resync(P, 0, false).state()).isEqualTo(PairState.COPY_RS);
        array.engine().resumeBackgroundCopy();
        TestArrays.awaitState(array, P, 0, PairState.PAIR);
    }

    @org.junit.jupiter.api.Test
    void pairingRulesNameTheProblem() throws Exception {
        LdevId third = ldev(258);
        LdevId small = ldev(300);
        expect(() -> si.create(P, S, 3, CreateOptions.defaults()), CciError.EX_INVMUN);
        expect(() -> si.split(P, -1, new SplitOptions(true, true)), CciError.EX_INVMUN);
        expect(() -> si.create(P, small, 0, CreateOptions.defaults()), CciError.EX_ENQSIZ);
        expect(() -> si.create(P, TestArrays.COMMAND_DEVICE, 0, CreateOptions.defaults()), CciError.EX_CMDRJE);
        expect(() -> si.create(TestArrays.COMMAND_DEVICE, S, 0, CreateOptions.defaults()), CciError.EX_CMDRJE);
        expect(() -> si.create(P, P, 0, CreateOptions.defaults()), CciError.EX_EVOLCE);
        expect(() -> si.create(P, new LdevId(1, 257), 0, CreateOptions.defaults()), CciError.EX_ENLDEV);
        expect(() -> si.create(P, ldev(999), 0, CreateOptions.defaults()), CciError.EX_ENLDEV);
        array.setGuards(third, Set.of(io.rmvss.array.storage.Guard.SVOL_DISABLED));
        expect(() -> si.create(P, third, 0, CreateOptions.defaults()), CciError.EX_CMDRJE);
        array.setGuards(third, Set.of());

        si.create(P, S, 0, CreateOptions.defaults());
        expect(() -> si.create(P, third, 0, CreateOptions.defaults()), CciError.EX_INVVOL);   // MU#0 taken by S
        expect(() -> si.create(third, S, 0, CreateOptions.defaults()), CciError.EX_INVVOL);   // S already an S-VOL
        expect(() -> si.create(S, third, 0, CreateOptions.defaults()), CciError.EX_EVOLCE);   // S-VOL as P-VOL
        expect(() -> si.create(third, P, 0, CreateOptions.defaults()), CciError.EX_EVOLCE);   // P-VOL as S-VOL
        si.create(P, third, 1, CreateOptions.defaults());                                   // second MU is fine
        si.create(P, ldev(259), 2, CreateOptions.defaults());
        assertThat(si.pairsOf(P)).hasSize(3);
        assertThat(si.pairsOf(S)).singleElement().satisfies(p -> assertThat(p.pvol()).isEqualTo(P));
        assertThat(si.pairs()).extracting(PairInfo::mu).containsExactly(0, 1, 2);
    }

    private static void expect(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, CciError error) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ArrayException.class, e -> {
            assertThat(e.error()).isEqualTo(error);
            assertThat(e.detail()).isNotBlank();
        });
    }
}
