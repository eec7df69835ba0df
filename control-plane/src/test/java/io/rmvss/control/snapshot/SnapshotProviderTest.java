package io.rmvss.control.snapshot;

import static io.rmvss.control.snapshot.FakeCciDriver.SERIAL;
import static io.rmvss.control.snapshot.FakeCciDriver.pvol;
import static io.rmvss.control.snapshot.FakeCciDriver.svol;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rmvss.control.cci.VolumeState;
import io.rmvss.control.config.ProviderConfig;
import io.rmvss.control.events.EventCode;
import io.rmvss.control.events.Events;
import io.rmvss.control.journal.MemoryJournal;
import io.rmvss.control.journal.SetRecord;
import io.rmvss.control.luns.HitachiIdentity;
import io.rmvss.control.luns.LunInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Timeout(30)
/** The snapshot-set machine driven the way the VSS coordinator drives it, over a fake CCI driver. */
class SnapshotProviderTest {
    private static final String SET = "{set-1}";
    private FakeCciDriver cci;
    private RecordingSink sink;
    private MemoryJournal journal;
    private SnapshotProvider provider;

    private SnapshotProvider provider(int groups, ProviderSettings settings) {
        cci = new FakeCciDriver(groups);
        sink = new RecordingSink();
        journal = new MemoryJournal();
        provider = new SnapshotProvider(new ProviderConfig(50, Optional.of(51), 2), settings, cci, new Events(List.of(sink)), journal);
        return provider;
    }

    @AfterEach
    void close() {
        if (provider != null) {
            provider.close();
        }
    }

    private static List<LunInfo> luns(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> TestLuns.hitachi(SERIAL, pvol(i), "OPEN-V")).toList();
    }

    private void create(String set, List<LunInfo> luns) {
        assertThat(provider.areLunsSupported(luns, 0)).isTrue();
        for (LunInfo lun : luns) {
            provider.beginPrepareSnapshot(set, "{snap-" + lun.serialNumber() + "}", 0, List.of(lun));
        }
        provider.endPrepareSnapshots(set);
        provider.preCommitSnapshots(set);
        provider.commitSnapshots(set);
        provider.postCommitSnapshots(set, luns.size());
        provider.preFinalCommitSnapshots(set);
        provider.postFinalCommitSnapshots(set);
    }

    @Test
    void createThenDeleteSplitsAndResyncsEveryGroup() {
        provider(2, ProviderSettings.defaults());
        List<LunInfo> luns = luns(2);
        create(SET, luns);
        assertThat(cci.status).containsEntry("g1", VolumeState.Status.SPLIT).containsEntry("g2", VolumeState.Status.SPLIT);
        assertThat(provider.sets()).singleElement().extracting(SetView::state).isEqualTo(SetState.CREATED);

        List<LunInfo> targets = provider.getTargetLuns(luns);
        LunInfo t = targets.get(0);
        assertThat(HitachiIdentity.of(t).orElseThrow().ldev()).as("page 0x83 of the S-VOL").isEqualTo(svol(1));
        assertThat(t.productRevision()).isEqualTo(luns.get(0).productRevision());
        assertThat(t.serialNumber()).as("3.7.4: page 0x80 identical between P-VOL and S-VOL").isEqualTo(luns.get(0).serialNumber());
        assertThat(t.diskSignature()).isEqualTo(LunInfo.GUID_NULL);
        assertThat(t.vendorId()).isEqualTo("HITACHI ");

        provider.locateLuns(targets);
        assertThat(cci.calls).contains("unhide g1 on 51", "unhide g2 on 51");
        for (LunInfo target : targets) {
            String device = "Harddisk" + HitachiIdentity.of(target).orElseThrow().ldev();
            assertThat(provider.fillInLunInfo(device, target)).isTrue();
            provider.onLunEmpty(device, target);
        }
        assertThat(cci.status).containsEntry("g1", VolumeState.Status.PAIR).containsEntry("g2", VolumeState.Status.PAIR);
        assertThat(cci.calls).contains("hide g1 on 51", "resync g1", "resync g2");
        assertThat(provider.sets()).as("an ended set leaves memory").isEmpty();
        assertThat(journal.sets()).singleElement().extracting(SetRecord::state).isEqualTo("DELETED");
        assertThat(sink.written).isEmpty();
        assertThat(journal.unfinished()).as("every SPLIT journalled at PreCommit is finished by now").isEmpty();
    }

    @Test
    void outOfOrderCallIsInvalidSequenceAndBadState() {
        provider(1, ProviderSettings.defaults());
        provider.beginPrepareSnapshot(SET, "{s}", 0, luns(1));
        assertThatThrownBy(() -> provider.commitSnapshots(SET)).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.error().hresult()).isEqualTo(HResult.VSS_E_BAD_STATE);
            assertThat(e.error().event()).isEqualTo(EventCode.EV_INVSEQ);
        });
        assertThat(sink.codes()).containsExactly(EventCode.EV_INVSEQ);
        assertThat(cci.calls).doesNotContain("split g1");
    }

    @Test
    void unknownSetIsObjectNotFound() {
        provider(1, ProviderSettings.defaults());
        assertThatThrownBy(() -> provider.endPrepareSnapshots("{nobody}")).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.error().hresult()).isEqualTo(HResult.VSS_E_OBJECT_NOT_FOUND);
            assertThat(e.error().hresult().code()).isEqualTo(0x80042308);
            assertThat(e.error().event()).isEqualTo(EventCode.EV_ENOOBJ);
        });
        assertThat(sink.codes()).containsExactly(EventCode.EV_ENOOBJ);
    }

    @Test
    void atMost64LunsPerSet() {
        provider(65, ProviderSettings.defaults());
        List<LunInfo> luns = luns(65);
        provider.beginPrepareSnapshot(SET, "{s}", 0, luns.subList(0, 64));
        provider.beginPrepareSnapshot(SET, "{s}", 0, luns.subList(0, 1));
        assertThatThrownBy(() -> provider.beginPrepareSnapshot(SET, "{s}", 0, luns.subList(64, 65)))
                .isInstanceOfSatisfying(ProviderException.class, e ->
                        assertThat(e.error().hresult()).isEqualTo(HResult.VSS_E_MAXIMUM_NUMBER_OF_VOLUMES_REACHED));
    }

    @Test
    void aLunOfAnotherLiveSetIsRefused() {
        provider(1, ProviderSettings.defaults());
        create(SET, luns(1));
        assertThat(provider.areLunsSupported(luns(1), 0)).isFalse();
        assertThatThrownBy(() -> provider.beginPrepareSnapshot("{set-2}", "{s2}", 0, luns(1)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error().hresult()).isEqualTo(HResult.VSS_E_PROVIDER_VETO);
                    assertThat(e.error().detail()).contains(SET);
                });
        assertThat(cci.status).containsEntry("g1", VolumeState.Status.SPLIT);
    }

    @Test
    void beginPrepareResyncsASplitPairAtOnce() {
        provider(1, ProviderSettings.defaults());
        cci.status.put("g1", VolumeState.Status.SPLIT);
        provider.beginPrepareSnapshot(SET, "{s}", 0, luns(1));
        assertThat(cci.calls).containsExactly("resync g1");
        assertThat(cci.status).containsEntry("g1", VolumeState.Status.PAIR);
    }

    @Test
    void commitSplitsAllGroupsInParallel() {
        provider(8, ProviderSettings.defaults());
        cci.splitLatency = Duration.ofMillis(300);
        List<LunInfo> luns = luns(8);
        for (LunInfo lun : luns) {
            provider.beginPrepareSnapshot(SET, "{s}", 0, List.of(lun));
        }
        provider.endPrepareSnapshots(SET);
        provider.preCommitSnapshots(SET);
        long start = System.nanoTime();
        provider.commitSnapshots(SET);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(cci.maxConcurrentSplits.get()).isEqualTo(8);
        assertThat(millis).as("8 splits of 300 ms in parallel, not 2400 ms in a row").isLessThan(1500);
    }

    @Test
    void commitPastTheDeadlineRollsBackAndVetoesWithEventsWrittenAfterTheFreeze() {
        provider(3, ProviderSettings.defaults().withCommitDeadline(Duration.ofMillis(200)));
        List<LunInfo> luns = luns(3);
        provider.beginPrepareSnapshot(SET, "{s}", 0, luns);
        provider.endPrepareSnapshots(SET);
        provider.preCommitSnapshots(SET);
        cci.splitLatency = Duration.ofMillis(600);
        long start = System.nanoTime();
        assertThatThrownBy(() -> provider.commitSnapshots(SET)).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.error().hresult()).isEqualTo(HResult.VSS_E_PROVIDER_VETO);
            assertThat(e.error().detail()).contains("commit deadline of 200 ms").contains("2.3.5");
        });
        assertThat((System.nanoTime() - start) / 1_000_000).as("returns at the deadline").isLessThan(550);
        assertThat(sink.written).as("nothing is written while writes are frozen").isEmpty();

        provider.abortSnapshots(SET);
        assertThat(sink.codes()).containsExactly(EventCode.EV_CMDIOE);
        assertThat(sink.written.get(0).kavx()).startsWith("KAVX5004-E");
        assertThat(cci.status.values()).as("every split pair is resynchronised").containsOnly(VolumeState.Status.PAIR);
        assertThat(cci.calls).contains("resync g1", "resync g2", "resync g3");
        assertThat(provider.sets()).isEmpty();
        assertThat(journal.sets()).singleElement().extracting(SetRecord::state).isEqualTo("ABORTED");
    }

    @Test
    void aFailedSplitVetoesAndRollsBackTheOthers() {
        provider(3, ProviderSettings.defaults());
        provider.beginPrepareSnapshot(SET, "{s}", 0, luns(3));
        provider.endPrepareSnapshots(SET);
        provider.preCommitSnapshots(SET);
        cci.failingSplit = "g2";
        assertThatThrownBy(() -> provider.commitSnapshots(SET)).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.error().event()).isEqualTo(EventCode.EV_CMDIOE));
        provider.abortSnapshots(SET);
        assertThat(cci.status.values()).containsOnly(VolumeState.Status.PAIR);
    }

    @Test
    void abortAfterCommitResyncsWhatItSplit() {
        provider(2, ProviderSettings.defaults());
        provider.beginPrepareSnapshot(SET, "{s}", 0, luns(2));
        provider.endPrepareSnapshots(SET);
        provider.preCommitSnapshots(SET);
        provider.commitSnapshots(SET);
        assertThat(cci.status.values()).containsOnly(VolumeState.Status.SPLIT);
        provider.abortSnapshots(SET);
        assertThat(cci.status.values()).containsOnly(VolumeState.Status.PAIR);
        assertThat(provider.areLunsSupported(luns(2), 0)).as("the LUNs are free again").isTrue();
    }

    @Test
    void eventsRaisedBetweenPreCommitAndPostCommitAreQueued() {
        provider(1, ProviderSettings.defaults());
        provider.beginPrepareSnapshot(SET, "{s}", 0, luns(1));
        provider.endPrepareSnapshots(SET);
        provider.preCommitSnapshots(SET);
        assertThatThrownBy(() -> provider.preFinalCommitSnapshots(SET)).isInstanceOf(ProviderException.class);
        assertThatThrownBy(() -> provider.endPrepareSnapshots("{other}")).isInstanceOf(ProviderException.class);
        assertThat(sink.written).isEmpty();
        provider.commitSnapshots(SET);
        provider.postCommitSnapshots(SET, 1);
        assertThat(sink.codes()).containsExactly(EventCode.EV_INVSEQ, EventCode.EV_ENOOBJ);
    }

    @Test
    void commandDevicesAndForeignDisksAreNotSupported() {
        provider(1, ProviderSettings.defaults());
        assertThat(provider.areLunsSupported(List.of(TestLuns.hitachi(SERIAL, 16, "OPEN-3-CM")), 0)).isFalse();
        assertThat(sink.codes()).containsExactly(EventCode.EV_ENOSUP);
        assertThat(provider.areLunsSupported(List.of(TestLuns.local("WDC     ", "WD10EZEX")), 0)).isFalse();
        assertThat(provider.areLunsSupported(List.of(TestLuns.hitachi(SERIAL, 999, "OPEN-V")), 0)).isFalse();
        assertThat(sink.codes()).containsExactly(EventCode.EV_ENOSUP, EventCode.EV_ENOSUP);
        assertThat(sink.written.get(1).detail()).contains("LDEV 999").contains("MU#2");
        List<LunInfo> mixed = new ArrayList<>(luns(1));
        mixed.add(TestLuns.local("WDC     ", "WD10EZEX"));
        assertThat(provider.areLunsSupported(mixed, 0)).as("all or nothing").isFalse();
    }

    @Test
    void instanceNotStartedIsAttachFailure() {
        provider(1, ProviderSettings.defaults());
        cci.instanceDown = true;
        assertThatThrownBy(() -> provider.onLoad()).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.error().event()).isEqualTo(EventCode.EV_ATTHOR));
        assertThat(sink.codes()).containsExactly(EventCode.EV_ATTHOR);
    }

    @Test
    void restoreIsPollable() throws Exception {
        provider(1, ProviderSettings.defaults());
        List<LunInfo> luns = luns(1);
        create(SET, luns);
        List<LunInfo> targets = provider.getTargetLuns(luns);
        String op = provider.resyncLuns(targets, luns);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (provider.resyncStatus(op).state() == ResyncStatus.State.RUNNING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(provider.resyncStatus(op).state()).isEqualTo(ResyncStatus.State.DONE);
        assertThat(cci.calls).contains("restore g1");
    }

    @Test
    void finishedResyncsAreKeptOnlyWhileTheCoordinatorMayPoll() {
        provider(1, ProviderSettings.defaults());
        List<String> ops = new ArrayList<>();
        for (int i = 0; i < 65; i++) {
            cci.status.put("g1", VolumeState.Status.SPLIT);
            String op = provider.resyncLuns(List.of(TestLuns.hitachi(SERIAL, svol(1), "OPEN-V")), luns(1));
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (provider.resyncStatus(op).state() == ResyncStatus.State.RUNNING && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(provider.resyncStatus(op).state()).isEqualTo(ResyncStatus.State.DONE);
            ops.add(op);
        }
        assertThatThrownBy(() -> provider.resyncStatus(ops.get(0))).as("the oldest of 65 finished resyncs")
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.error().hresult()).isEqualTo(HResult.VSS_E_OBJECT_NOT_FOUND));
        assertThat(provider.resyncStatus(ops.get(1)).state()).isEqualTo(ResyncStatus.State.DONE);
    }

    @Test
    void newSetAbandonsOneStillBeingPrepared() {
        provider(1, ProviderSettings.defaults());
        provider.beginPrepareSnapshot(SET, "{s}", 0, luns(1));
        provider.beginPrepareSnapshot("{set-2}", "{s2}", 0, luns(1));
        assertThat(provider.sets()).extracting(SetView::setId, SetView::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("{set-2}", SetState.PREPARING));
        assertThat(journal.set(SET)).get().extracting(SetRecord::state).isEqualTo("ABORTED");
    }

    @Test
    void aCreatedSetWhosePairsWereResynchronisedElsewhereNoLongerHoldsItsLuns() {
        provider(1, ProviderSettings.defaults());
        create(SET, luns(1));
        assertThat(provider.areLunsSupported(luns(1), 0)).as("held by the live set").isFalse();
        // Export/import: the import host deleted the shadow copy (OnLunEmpty there resynchronised the pair); this host never heard.
        cci.status.put("g1", VolumeState.Status.PAIR);
        assertThat(provider.areLunsSupported(luns(1), 0)).isTrue();
        assertThat(journal.set(SET)).get().extracting(SetRecord::state).isEqualTo("DELETED");
        create("{set-2}", luns(1));
        assertThat(provider.sets()).extracting(SetView::setId).containsExactly("{set-2}");
    }

    @Test
    void anEndedSetIsTheJournalsAndStillAnswersAsEnded() {
        provider(1, ProviderSettings.defaults());
        provider.beginPrepareSnapshot(SET, "{s}", 0, luns(1));
        provider.abortSnapshots(SET);
        assertThat(provider.sets()).isEmpty();
        provider.abortSnapshots(SET);
        for (Runnable call : List.<Runnable>of(() -> provider.endPrepareSnapshots(SET), () -> provider.beginPrepareSnapshot(SET, "{s}", 0, luns(1)))) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(ProviderException.class, e -> {
                assertThat(e.error().hresult()).isEqualTo(HResult.VSS_E_BAD_STATE);
                assertThat(e.error().detail()).endsWith("in state ABORTED");
            });
        }
        assertThatThrownBy(() -> provider.endPrepareSnapshots("{never}")).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.error().hresult()).isEqualTo(HResult.VSS_E_OBJECT_NOT_FOUND));

        create("{set-2}", luns(1));
        provider.onLunEmpty("Harddisk9", provider.getTargetLuns(luns(1)).get(0));
        assertThat(provider.sets()).isEmpty();
        assertThatThrownBy(() -> provider.getTargetLuns(luns(1))).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.error().hresult()).isEqualTo(HResult.VSS_E_OBJECT_NOT_FOUND));
    }

    @Test
    void aDeleteRefusedWhileTheInstanceIsDownKeepsTheSplitOwnedForTheRetry() {
        provider(1, ProviderSettings.defaults());
        List<LunInfo> luns = luns(1);
        create(SET, luns);
        LunInfo target = provider.getTargetLuns(luns).get(0);
        provider.locateLuns(List.of(target));
        cci.instanceDown = true;
        assertThatThrownBy(() -> provider.onLunEmpty("Harddisk2", target)).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.error().event()).isEqualTo(EventCode.EV_ATTHOR));
        assertThat(provider.sets()).singleElement().satisfies(s -> {
            assertThat(s.state()).isEqualTo(SetState.CREATED);
            assertThat(s.splitGroups()).containsExactly("g1");
        });

        cci.instanceDown = false;
        provider.onLunEmpty("Harddisk2", provider.getTargetLuns(luns).get(0));
        assertThat(cci.status).containsEntry("g1", VolumeState.Status.PAIR);
        assertThat(cci.calls).endsWith("hide g1 on 51", "resync g1");
        assertThat(provider.sets()).as("an ended set leaves memory").isEmpty();
        assertThat(journal.set(SET)).get().extracting(SetRecord::state).isEqualTo("DELETED");
    }
    @Test
    void anAbortThatCannotResyncIsRefusedAndTheNextSetFinishesTheRollback() {
        provider(1, ProviderSettings.defaults());
        List<LunInfo> luns = luns(1);
        assertThat(provider.areLunsSupported(luns, 0)).isTrue();
        provider.beginPrepareSnapshot(SET, "{snap}", 0, luns);
        provider.endPrepareSnapshots(SET);
        provider.preCommitSnapshots(SET);
        provider.commitSnapshots(SET);
        cci.instanceDown = true;
        assertThatThrownBy(() -> provider.abortSnapshots(SET)).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.error().event()).isEqualTo(EventCode.EV_ATTHOR);
            assertThat(e.error().detail()).contains("[g1]", "could not be resynchronised");
        });
        assertThat(provider.sets()).singleElement().satisfies(s -> {
            assertThat(s.state()).as("still owns its split").isEqualTo(SetState.COMMIT_FAILED);
            assertThat(s.splitGroups()).containsExactly("g1");
        });

        cci.instanceDown = false;
        assertThat(provider.areLunsSupported(luns, 0)).isTrue();
        assertThat(cci.status).containsEntry("g1", VolumeState.Status.PAIR);
        assertThat(provider.sets()).as("an ended set leaves memory").isEmpty();
        assertThat(journal.set(SET)).get().extracting(SetRecord::state).isEqualTo("ABORTED");
    }
}
