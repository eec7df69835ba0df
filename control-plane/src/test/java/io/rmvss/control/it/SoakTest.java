package io.rmvss.control.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.StatusRuntimeException;
import io.rmvss.array.RamTempDirFactory;
import io.rmvss.control.grpc.ProviderAdminMethods;
import io.rmvss.control.grpc.RpcClient;
import io.rmvss.control.journal.OperationRecord;
import io.rmvss.control.journal.SetRecord;
import io.rmvss.control.journal.SqliteJournal;
import io.rmvss.control.snapshot.HResult;
import io.rmvss.control.snapshot.SetState;
import io.rmvss.proto.v1.DeviceLun;
import io.rmvss.proto.v1.GetStatusRequest;
import io.rmvss.proto.v1.ListEventsRequest;
import io.rmvss.proto.v1.LunInformation;
import io.rmvss.proto.v1.ProviderEventEntry;
import io.rmvss.proto.v1.ProviderFault;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #5's soak, bounded for CI: the coordinator's cycle for a non-transportable shadow copy (create, the import VSS does on
 * the same host, delete) over real gRPC against the simulated array's real CCI commands (bin/cci -> array daemon),
 * {@value #CYCLES} times back to back, then {@value #SETS} snapshot sets on disjoint LUNs
 * live at once, then a set overlapping a live one. After each: zero errors, every pair PAIR or COPY (pairdisplay), no live set
 * and no unfinished pair operation in the journal, no split group without a live owner. Memory: the control plane's live heap
 * (full GC) at cycle 100 and at cycle 1,000, and the SnapshotSet objects it still holds. The figures are printed as one
 * {@code SOAK} line per phase for the CI log; speed is not asserted (that belongs to {@code rmvss bench}).
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SoakTest {
    static final int CYCLES = 1000;
    static final int SETS = 8;
    static final int ROUNDS = 50;
    /** Live-heap growth allowed between cycle 100 and cycle 1,000; see thousandBackToBackCycles. */
    static final long HEAP_GROWTH_BOUND = 1L << 20;

    /** On tmpfs: this is about repetition and concurrency, not durability; fsync on a loaded CI disk would only add noise. */
    @TempDir(factory = RamTempDirFactory.class)
    static Path dir;
    static CopyGroupsSite site;
    static GrpcSite grpc;
    static RpcClient vss;
    static CoordinatorCalls coordinator;

    @BeforeAll
    static void start() throws Exception {
        site = CopyGroupsSite.start(dir, SETS);
        grpc = GrpcSite.start(site.array, dir.resolve("state"), GrpcSite.env(site.array, GrpcSite.SEED_ENV));
        vss = grpc.client();
        coordinator = new CoordinatorCalls(vss);
    }

    @AfterAll
    static void stop() throws Exception {
        if (vss != null) {
            vss.close();
        }
        if (grpc != null) {
            grpc.close();
        }
        if (site != null) {
            site.close();
        }
    }

    /** One cycle on group i: create, import, delete. Returns its duration in ns. */
    private static long cycle(int i, String set) {
        long started = System.nanoTime();
        List<DeviceLun> shadowCopy = importShadowCopy(i, coordinator.create(set, List.of(site.pvol(i))));
        coordinator.delete(shadowCopy);
        return System.nanoTime() - started;
    }

    /**
     * VSS surfaces a non-transportable shadow copy on the host that made it: LocateLuns (the S-VOL is unhidden), then
     * FillInLunInfo for the disk that arrives; the delete's FillInLunInfo and OnLunEmpty then name that disk.
     */
    private static List<DeviceLun> importShadowCopy(int i, List<LunInformation> targets) {
        List<DeviceLun> shadowCopy = CoordinatorCalls.disks(List.of(site.svolDevice(i)), targets);
        if (!coordinator.importLuns(shadowCopy)) {
            throw new AssertionError("FillInLunInfo did not claim the shadow copy of group " + i + " (" + site.svolDevice(i) + ")");
        }
        return shadowCopy;
    }

    @Test
    @Order(1)
    void thousandBackToBackCycles() {
        List<String> errors = new ArrayList<>();
        long[] ms = new long[CYCLES];
        HeapHistogram at100 = null;
        long startedAt = System.nanoTime();
        for (int c = 0; c < CYCLES; c++) {
            try {
                ms[c] = cycle(0, UUID.randomUUID().toString()) / 1_000_000;
            } catch (RuntimeException | AssertionError e) {
                errors.add("cycle " + c + ": " + e);
            }
            if (c + 1 == 100) {
                at100 = HeapHistogram.take();
            }
        }
        long wallMs = (System.nanoTime() - startedAt) / 1_000_000;
        HeapHistogram at1000 = HeapHistogram.take();
        Arrays.sort(ms);
        System.out.printf("SOAK sequential: %d cycles in %d ms, %d errors, cycle p50 %d ms p99 %d ms max %d ms;"
                        + " live heap %.2f MiB at cycle 100, %.2f MiB at cycle %d (%+d B a cycle); SnapshotSet objects %d / %d%n",
                CYCLES, wallMs, errors.size(), ms[CYCLES / 2], ms[CYCLES * 99 / 100], ms[CYCLES - 1], at100.liveBytes() / 1048576.0,
                at1000.liveBytes() / 1048576.0, CYCLES, (at1000.liveBytes() - at100.liveBytes()) / (CYCLES - 100),
                at100.instances(SNAPSHOT_SET), at1000.instances(SNAPSHOT_SET));
        assertThat(errors).as("errors in %d back-to-back cycles", CYCLES).isEmpty();
        // Ended sets are the journal's, not the heap's: the provider holds only live ones (none between cycles).
        assertThat(at1000.instances(SNAPSHOT_SET)).as("SnapshotSet objects held after %d cycles", CYCLES).isZero();
        // Flat: 900 more cycles may not grow the live heap by 1 MiB (1.16 KB a cycle). The leak this soak found (every ended
        // SnapshotSet with its maps and ID strings, and each cancelled freeze guard left queued in the timer) grew it by 1.19 MiB
        // over those cycles (1.3 KB a cycle); without it the growth measured 0.3-0.4 MiB, buffers (byte[]) warming up, one
        // 256 KiB step, then flat: +11 KB from cycle 900 to cycle 2,400. Class metadata and JIT code are off-heap, not counted.
        assertThat(at1000.liveBytes() - at100.liveBytes()).as("live heap growth from cycle 100 to cycle %d", CYCLES)
                .isLessThan(HEAP_GROWTH_BOUND);
    }

    @Test
    @Order(2)
    void eightLiveSetsOnDisjointLuns() throws Exception {
        // Windows' coordinator creates one snapshot set at a time (StartSnapshotSet: VSS_E_SNAPSHOT_SET_IN_PROGRESS), and the
        // provider abandons a set still being prepared when another one starts: creation is serialised here as VSS does it.
        // Everything else runs concurrently: AreLunsSupported, the import (LocateLuns, FillInLunInfo) and the delete
        // (FillInLunInfo, OnLunEmpty: hide and resync), and each round holds all eight sets live at once, which the admin
        // service must show.
        ReentrantLock coordinatorCreates = new ReentrantLock();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> ms = new ConcurrentLinkedQueue<>();
        List<Integer> liveSeen = Collections.synchronizedList(new ArrayList<>());
        CyclicBarrier allLive = new CyclicBarrier(SETS, () -> liveSeen.add(
                vss.call(ProviderAdminMethods.GET_STATUS, GetStatusRequest.getDefaultInstance()).getLiveSnapshotSets()));
        ExecutorService threads = Executors.newFixedThreadPool(SETS);
        long startedAt = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < SETS; t++) {
                final int i = t;
                done.add(threads.submit(() -> {
                    for (int round = 0; round < ROUNDS; round++) {
                        String set = UUID.randomUUID().toString();
                        long started = System.nanoTime();
                        try {
                            assertThat(coordinator.supported(List.of(site.pvol(i)))).as("AreLunsSupported for group %d", i).isTrue();
                            List<LunInformation> targets;
                            coordinatorCreates.lock();
                            try {
                                coordinator.beginPrepare(set, List.of(site.pvol(i)));
                                targets = coordinator.commit(set, List.of(site.pvol(i)));
                            } finally {
                                coordinatorCreates.unlock();
                            }
                            List<DeviceLun> shadowCopy = importShadowCopy(i, targets);
                            allLive.await(60, TimeUnit.SECONDS);
                            coordinator.delete(shadowCopy);
                            ms.add((System.nanoTime() - started) / 1_000_000);
                        } catch (BrokenBarrierException | java.util.concurrent.TimeoutException | InterruptedException e) {
                            errors.add("group " + i + " round " + round + ": the other sets never became live together: " + e);
                            return null;
                        } catch (RuntimeException | AssertionError e) {
                            errors.add("group " + i + " round " + round + ": " + e);
                            allLive.reset();
                            return null;
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            threads.shutdownNow();
        }
        long wallMs = (System.nanoTime() - startedAt) / 1_000_000;
        long[] sorted = ms.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("SOAK concurrent: %d threads x %d cycles in %d ms, %d errors, cycle p50 %d ms p99 %d ms%n", SETS, ROUNDS,
                wallMs, errors.size(), sorted.length == 0 ? -1 : sorted[sorted.length / 2],
                sorted.length == 0 ? -1 : sorted[sorted.length * 99 / 100]);
        assertThat(errors).as("errors of %d concurrent sets", SETS).isEmpty();
        assertThat(sorted).hasSize(SETS * ROUNDS);
        assertThat(liveSeen).as("live sets the admin service reported while all %d were created", SETS).hasSize(ROUNDS)
                .containsOnly(SETS);
    }

    @Test
    @Order(3)
    void aSetOverlappingALiveSetIsRefused() throws Exception {
        String live = UUID.randomUUID().toString();
        List<LunInformation> targets = coordinator.create(live, List.of(site.pvol(0)));

        // VSS asks first: the LUN cannot be copied now, so AreLunsSupported says no (silently: VSS asks every provider).
        assertThat(coordinator.supported(List.of(site.pvol(1), site.pvol(0)))).isFalse();
        // A coordinator that prepares it anyway is vetoed with the event that says what to do, and nothing is touched:
        // the overlapping set's other LUN (group 1) is neither prepared nor split.
        String overlapping = UUID.randomUUID().toString();
        StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class,
                () -> coordinator.beginPrepare(overlapping, List.of(site.pvol(1), site.pvol(0))));
        assertThat(refused).as("BeginPrepareSnapshot of a LUN a live set holds").isNotNull();
        assertThat(refused.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.ABORTED);
        ProviderFault fault = GrpcSeedSiteTest.fault(refused);
        assertThat(fault.getHresult()).isEqualTo(HResult.VSS_E_PROVIDER_VETO.code());
        assertThat(fault.getEventCode()).isEqualTo("EV_INVSTP");
        assertThat(fault.getDetail()).contains("LDEV " + site.pvolLdev(0), live, "delete that shadow copy first");
        List<ProviderEventEntry> events = vss.call(ProviderAdminMethods.LIST_EVENTS, ListEventsRequest.newBuilder().setLimit(1).build())
                .getEventsList();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.getEventCode()).isEqualTo("EV_INVSTP");
            assertThat(e.getDetail()).contains(live);
        });
        coordinator.abort(overlapping);
        assertThat(liveSets()).extracting(SetRecord::setId).containsExactly(live);

        // The live set is untouched, and once it is deleted the LUN takes part in a new set.
        coordinator.delete(importShadowCopy(0, targets));
        cycle(0, UUID.randomUUID().toString());
        cycle(1, UUID.randomUUID().toString());
    }

    /** After every phase: nothing split without an owner, nothing live, nothing half done, nothing kept in memory. */
    @AfterEach
    void siteIsClean() throws Exception {
        List<String> statuses = site.statuses();
        assertThat(statuses).as("pairdisplay of every group").hasSize(2 * SETS)
                .allSatisfy(s -> assertThat(s).matches("g\\d+ [PS]-VOL (PAIR|COPY)"));
        assertThat(liveSets()).as("live sets in the journal").isEmpty();
        List<OperationRecord> unfinished;
        try (SqliteJournal journal = new SqliteJournal(grpc.state.resolve("journal.db"))) {
            unfinished = journal.unfinished();
        }
        assertThat(unfinished).as("pair operations intended and never finished").isEmpty();
        assertThat(grpc.plane.provider().sets()).as("snapshot sets held in memory").isEmpty();
    }

    private static List<SetRecord> liveSets() {
        Set<String> seen = new HashSet<>();
        return grpc.plane.journalledSets().stream().filter(r -> seen.add(r.setId())).filter(r -> SetState.valueOf(r.state()).live()).toList();
    }

    private static final String SNAPSHOT_SET = "io.rmvss.control.snapshot.SnapshotSet";
}
