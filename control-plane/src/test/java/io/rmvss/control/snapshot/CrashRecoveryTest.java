package io.rmvss.control.snapshot;

import static io.rmvss.control.snapshot.FakeCciDriver.SERIAL;
import static io.rmvss.control.snapshot.FakeCciDriver.pvol;
import static org.assertj.core.api.Assertions.assertThat;

import io.rmvss.control.cci.VolumeState;
import io.rmvss.control.config.ProviderConfig;
import io.rmvss.control.events.Events;
import io.rmvss.control.journal.SqliteJournal;
import io.rmvss.control.luns.LunInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A control plane "killed" after each step of a snapshot set (its provider dropped without any cleanup; the SQLite journal and the
 * array survive), then a new one started on the same journal: no pair is left split without a set that owns it.
 * The kill -9 of the real {@code rmvss serve} process over gRPC is {@code io.rmvss.control.it.ServeCrashTest}.
 */
@Timeout(30)
class CrashRecoveryTest {
    private static final ProviderConfig CONFIG = new ProviderConfig(50, Optional.of(51), 2);
    private static final String SET = "{set}";
    private static final List<LunInfo> LUNS = List.of(TestLuns.hitachi(SERIAL, pvol(1), "OPEN-V"), TestLuns.hitachi(SERIAL, pvol(2), "OPEN-V"));

    /** The coordinator's calls for one set, in order: creation (7 calls), then the delete of its first LUN. */
    private static final List<Consumer<SnapshotProvider>> SEQUENCE = List.of(
            p -> p.beginPrepareSnapshot(SET, "{s}", 0, LUNS),
            p -> p.endPrepareSnapshots(SET),
            p -> p.preCommitSnapshots(SET),
            p -> p.commitSnapshots(SET),
            p -> p.postCommitSnapshots(SET, 2),
            p -> p.preFinalCommitSnapshots(SET),
            p -> p.postFinalCommitSnapshots(SET),
            p -> p.onLunEmpty("Harddisk9", p.getTargetLuns(LUNS.subList(0, 1)).get(0)));

    @TempDir
    Path dir;

    /** The control plane started again on the journal a "killed" one left behind. */
    private record Restarted(SnapshotProvider provider, SqliteJournal journal, FakeCciDriver cci) implements AutoCloseable {
        CrashRecovery.Report recover() {
            return CrashRecovery.run(provider, journal, cci);
        }

        @Override
        public void close() {
            provider.close();
            journal.close();
        }
    }

    /** Runs {@code beforeCrash} on a control plane, drops it without any cleanup, and starts a new one on the same journal. */
    private Restarted crashAfter(FakeCciDriver cci, Consumer<SnapshotProvider> beforeCrash) {
        SqliteJournal journal = new SqliteJournal(dir.resolve("journal.db"));
        SnapshotProvider before = new SnapshotProvider(CONFIG, ProviderSettings.defaults(), cci, Events.discarding(), journal);
        beforeCrash.accept(before);
        before.close();
        journal.close(); // the process is gone; what is in the file stays
        SqliteJournal reopened = new SqliteJournal(dir.resolve("journal.db"));
        return new Restarted(new SnapshotProvider(CONFIG, ProviderSettings.defaults(), cci, Events.discarding(), reopened), reopened, cci);
    }

    private static Consumer<SnapshotProvider> firstSteps(int steps) {
        return p -> SEQUENCE.subList(0, steps).forEach(s -> s.accept(p));
    }

    /** An older set aborted, then {@link #SET} through {@code steps} calls of its creation. */
    private static Consumer<SnapshotProvider> afterAnAbortedSet(int steps) {
        return p -> {
            p.beginPrepareSnapshot("{old}", "{s}", 0, LUNS);
            p.abortSnapshots("{old}");
            firstSteps(steps).accept(p);
        };
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void noPairStaysSplitWithoutAnOwner(int steps) {
        FakeCciDriver cci = new FakeCciDriver(2);
        try (Restarted after = crashAfter(cci, firstSteps(steps))) {
            CrashRecovery.Report report = after.recover();
            List<SetView> live = after.provider().sets().stream().filter(s -> s.state().live()).toList();
            for (String group : List.of("g1", "g2")) {
                if (cci.status.get(group) == VolumeState.Status.SPLIT) {
                    assertThat(live).as("split %s after %d steps must be owned (report %s)", group, steps, report)
                            .anyMatch(s -> s.splitGroups().contains(group));
                }
            }
            if (steps >= 7) {
                assertThat(report.kept()).as("a created shadow copy survives a restart").containsExactly(SET);
            } else {
                assertThat(cci.status.values()).containsOnly(VolumeState.Status.PAIR);
            }
            assertThat(after.journal().unfinished()).isEmpty();
            if (steps == 8) {
                after.provider().onLunEmpty("Harddisk9", after.provider().getTargetLuns(LUNS.subList(1, 2)).get(0));
                assertThat(cci.status.values()).containsOnly(VolumeState.Status.PAIR);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void anOlderDeadSetDoesNotResyncWhatACreatedSetOwns() {
        FakeCciDriver cci = new FakeCciDriver(2);
        try (Restarted after = crashAfter(cci, afterAnAbortedSet(7))) {
            CrashRecovery.Report report = after.recover();
            assertThat(report.kept()).containsExactly(SET);
            assertThat(report.resynced()).isEmpty();
            assertThat(cci.status.values()).containsOnly(VolumeState.Status.SPLIT);
        }
    }

    @org.junit.jupiter.api.Test
    void aSplitThatMayStillBeInFlightIsIssuedAgainThenResynchronised() {
        FakeCciDriver cci = new FakeCciDriver(2);
        // killed after PreCommit, or during CommitSnapshots: the journal cannot tell
        try (Restarted after = crashAfter(cci, firstSteps(3))) {
            cci.calls.clear();
            CrashRecovery.Report report = after.recover();
            assertThat(report.rolledBack()).containsExactly(SET);
            assertThat(cci.calls).containsExactly("split g1", "resync g1", "split g2", "resync g2");
            assertThat(cci.status.values()).containsOnly(VolumeState.Status.PAIR);
            assertThat(after.journal().unfinished()).isEmpty();
        }
    }

    @org.junit.jupiter.api.Test
    void theSetThatSplitIsRolledBackNotAnOlderEndedOne() {
        FakeCciDriver cci = new FakeCciDriver(2);
        try (Restarted after = crashAfter(cci, afterAnAbortedSet(5))) {
            CrashRecovery.Report report = after.recover();
            assertThat(report.rolledBack()).containsExactly(SET);
            assertThat(report.resynced()).containsExactly("g1", "g2");
        }
    }

    @org.junit.jupiter.api.Test
    void aKeptSetHidesItsSvolsAgainWhenDeleted() {
        FakeCciDriver cci = new FakeCciDriver(2);
        // the import un-hid both S-VOLs, then the process died
        try (Restarted after = crashAfter(cci, firstSteps(7).andThen(p -> p.locateLuns(p.getTargetLuns(LUNS))))) {
            after.recover();
            cci.calls.clear();
            for (LunInfo target : after.provider().getTargetLuns(LUNS)) {
                after.provider().onLunEmpty("Harddisk9", target);
            }
            assertThat(cci.calls).containsExactly("hide g1 on 51", "resync g1", "hide g2 on 51", "resync g2");
        }
    }
}
