package io.rmvss.control.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.StatusRuntimeException;
import io.rmvss.array.horcm.SeedConfs;
import io.rmvss.array.layout.ArrayLayout;
import io.rmvss.control.grpc.LunMapper;
import io.rmvss.control.grpc.ProviderAdminMethods;
import io.rmvss.control.grpc.RpcClient;
import io.rmvss.control.journal.OperationRecord;
import io.rmvss.control.journal.SetRecord;
import io.rmvss.control.journal.SqliteJournal;
import io.rmvss.control.luns.HitachiIdentity;
import io.rmvss.control.luns.LunInfo;
import io.rmvss.control.snapshot.TestLuns;
import io.rmvss.proto.v1.DeviceLun;
import io.rmvss.proto.v1.GetStatusRequest;
import io.rmvss.proto.v1.GetStatusResponse;
import io.rmvss.proto.v1.ListEventsRequest;
import io.rmvss.proto.v1.ListSnapshotSetsRequest;
import io.rmvss.proto.v1.LunInformation;
import io.rmvss.proto.v1.OnLoadRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #3, the export/import host configuration (seed 3.4 table 3.2; 3.7.2's note) with two hosts sharing one simulated array,
 * each with its own control plane as {@code rmvss serve} runs it there (own state directory, token, VSHTCH* environment and
 * HORCM instance), driven over real gRPC with the coordinator's sequences:
 * <ul>
 * <li>production (export) host: VSHTCHORCMINST_LOCAL=50, VSHTCHOMRCF_MUN=2; horcm50.conf holds the P-VOL (E:, LDEV 18). It
 * creates the transportable shadow copy while its application keeps writing E:.</li>
 * <li>backup (import) host: VSHTCHORCMINST_REMOTE=51, VSHTCHOMRCF_MUN=2; horcm51.conf holds the S-VOL (LDEV 19), hidden
 * (-vg idb) and paired with -m noread from this side as 3.7.2 does. It imports the shadow copy (LocateLuns releases the
 * INVISIBLE attribute through 51, FillInLunInfo), reads it, and deletes it (OnLunEmpty: hidden again, resynchronised through 51):
 * VSS deletes a transported shadow copy on the host that imported it.</li>
 * </ul>
 * The seed says "LOCAL on the P-VOL side (export) host, REMOTE on the S-VOL side (import) host" and "PVOL side host ... connected
 * only PVOLs": so the production host has no REMOTE and no instance 51. The array has one host view (one layout's disks): the
 * hosts differ by their instances and control planes; what the array does model is the S-VOL's visibility (INVISIBLE, NOREAD),
 * which is what decides whether a host can read it. Pair states are checked as 3.7.3 names them, with pairdisplay on each host.
 */
@Timeout(180)
class TwoHostImportTest {
    private static final long AREA = 8L << 20;
    private static final LunInfo PVOL = TestLuns.hitachi(62496, 18, "OPEN-3");
    /** E: (LDEV 18) by its device interface name, as VSS names it to the provider. */
    private static final DeviceLun PVOL_DEVICE = GrpcSite.device("\\\\?\\scsi#disk&ven_hitachi&prod_open-3#1&0f420&0&000012", PVOL);
    /** The shadow copy's disk (LDEV 19) as it arrives on the backup host. */
    private static final String SHADOW_DISK = "\\\\?\\scsi#disk&ven_hitachi&prod_open-3#1&0f420&0&000013";

    @TempDir
    Path dir;
    SeedSite array;
    Map<String, String> productionCci;
    Map<String, String> backupCci;
    GrpcSite production;
    GrpcSite backup;
    RpcClient productionRpc;
    RpcClient backupRpc;
    HostDiskIo disks;

    @BeforeEach
    void setUp() throws Exception {
        array = SeedSite.withLayout(dir, ArrayLayout.seedExample());
        Path productionEtc = Files.createDirectories(dir.resolve("production/etc"));
        Path backupEtc = Files.createDirectories(dir.resolve("backup/etc"));
        Files.writeString(productionEtc.resolve("horcm50.conf"), SeedConfs.HORCM50);
        Files.writeString(backupEtc.resolve("horcm51.conf"), SeedConfs.HORCM51);
        productionCci = Map.of("HORCMINST", "50", "HORCC_MRCF", "1", "HORCM_ETC", productionEtc.toString());
        backupCci = Map.of("HORCMINST", "51", "HORCC_MRCF", "1", "HORCM_ETC", backupEtc.toString());

        // 3.7.2 on each host: horcmstart of its own instance; on the S-VOL side, hide the S-VOL and create the pair.
        array.check(Map.of("HORCM_ETC", productionEtc.toString()), "horcmstart", "50");
        array.check(Map.of("HORCM_ETC", backupEtc.toString()), "horcmstart", "51");
        array.check(backupCci, "raidvchkset", "-g", "snap", "-vg", "idb");
        array.check(backupCci, "paircreate", "-g", "snap", "-vr", "-m", "noread");
        array.check(backupCci, "pairevtwait", "-g", "snap", "-s", "pair", "-t", "60");

        production = GrpcSite.start(array, dir.resolve("production/state"), hostEnv(
                Map.of("VSHTCHORCMINST_LOCAL", "50", "VSHTCHOMRCF_MUN", "2"), productionEtc));
        backup = GrpcSite.start(array, dir.resolve("backup/state"), hostEnv(
                Map.of("VSHTCHORCMINST_REMOTE", "51", "VSHTCHOMRCF_MUN", "2"), backupEtc));
        productionRpc = production.client();
        backupRpc = backup.client();
        disks = new HostDiskIo(array);
    }

    private Map<String, String> hostEnv(Map<String, String> vshtch, Path etc) {
        Map<String, String> env = GrpcSite.env(array, vshtch);
        env.put("HORCM_ETC", etc.toString());
        return env;
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {productionRpc, backupRpc, production, backup}) {
            if (c != null) {
                c.close();
            }
        }
        array.close();
    }

    @Test
    void productionCreatesBackupImportsReadsAndDeletes() throws Exception {
        assertThat(production.token).isNotEqualTo(backup.token);
        try (RpcClient stranger = backup.client(production.token)) {
            StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class,
                    () -> stranger.call(io.rmvss.control.grpc.VssProviderMethods.ON_LOAD, OnLoadRequest.getDefaultInstance()));
            assertThat(refused.getStatus().getCode()).as("one host's token on the other host").isEqualTo(io.grpc.Status.Code.UNAUTHENTICATED);
        }
        GetStatusResponse backupStatus = backupRpc.call(ProviderAdminMethods.GET_STATUS, GetStatusRequest.getDefaultInstance());
        assertThat(backupStatus.getConfigurationError()).isEmpty();
        assertThat(backupStatus.getRemoteInstance()).isEqualTo("51");
        assertThat(backupStatus.getCopyGroupsList()).containsExactly("snap");

        disks.fill("E:", 0, AREA, 1);
        try (WritingApplication application = new WritingApplication(disks, "E:", AREA)) {
            for (int backupNumber = 1; backupNumber <= 2; backupNumber++) {
                backUp(application, "7d1f6a52-0000-4000-8000-00000000010" + backupNumber);
            }
        }

        // What each host's control plane kept: the production host created both sets and saw neither deleted (VSS deletes a
        // transported shadow copy where it was imported): its next backup found the first one's pair resynchronised and ended
        // it; the second is still its live set, as on a Windows export host, until its pair is found resynchronised.
        assertThat(journal(production)).extracting(SetRecord::state).containsExactly("DELETED", "CREATED");
        assertThat(new CoordinatorCalls(productionRpc).supported(List.of(PVOL_DEVICE))).as("the next backup's LUN").isTrue();
        assertThat(journal(production)).extracting(SetRecord::state).containsExactly("DELETED", "DELETED");
        assertThat(journal(backup)).as("the import host holds no set: it released the S-VOL through its instance").isEmpty();
        for (RpcClient host : List.of(productionRpc, backupRpc)) {
            assertThat(host.call(ProviderAdminMethods.LIST_EVENTS, ListEventsRequest.getDefaultInstance()).getEventsList())
                    .as("events reported on the %s host", host == productionRpc ? "production" : "backup").isEmpty();
        }
        assertThat(unfinished(production)).isEmpty();
        assertThat(unfinished(backup)).isEmpty();
        assertThat(productionRpc.call(ProviderAdminMethods.LIST_SNAPSHOT_SETS, ListSnapshotSetsRequest.getDefaultInstance()).getSetsList())
                .hasSize(2);
    }

    /** One backup: create on the production host while it writes, import + read + delete on the backup host. */
    private void backUp(WritingApplication application, String set) throws Exception {
        application.awaitWrites(10);
        CoordinatorCalls producer = new CoordinatorCalls(productionRpc);
        assertThat(producer.supported(List.of(PVOL_DEVICE))).isTrue();
        producer.beginPrepare(set, List.of(PVOL_DEVICE));
        AtomicReference<String> atCommit = new AtomicReference<>();
        List<LunInformation> targets = producer.commit(set, List.of(PVOL_DEVICE), new CoordinatorCalls.FlushAndHold() {
            @Override
            public void hold() {
                application.hold();
                atCommit.set(disks.sum("E:", 0, AREA));
            }

            @Override
            public void release() {
                application.release();
            }
        });
        assertThat(HitachiIdentity.of(LunMapper.toDomain(targets.get(0))).orElseThrow().ldev()).isEqualTo(19);

        // 3.7.3, backup running: PVOL_PSUS with SVOL_COPY, then SSUS; the same on both hosts' instances.
        assertThat(statuses(productionCci)).isIn(List.of("P-VOL PSUS", "S-VOL COPY"), List.of("P-VOL PSUS", "S-VOL SSUS"));
        awaitStatuses(productionCci, List.of("P-VOL PSUS", "S-VOL SSUS"));
        assertThat(statuses(backupCci)).containsExactly("S-VOL SSUS", "P-VOL PSUS");
        // Transportable: the S-VOL stays INVISIBLE until the import host imports it.
        assertThat(visibleLdevs()).doesNotContain(19);
        assertThatThrownBy(() -> disks.sum("Harddisk2", 0, AREA)).isInstanceOf(HostDiskIo.HostIoRefused.class);

        // The backup components document carries the target LUNs to the backup host: import, then read the shadow copy there
        // while the production host keeps writing E:.
        List<DeviceLun> shadowCopy = CoordinatorCalls.disks(List.of(SHADOW_DISK), targets);
        CoordinatorCalls importer = new CoordinatorCalls(backupRpc);
        assertThat(importer.importLuns(shadowCopy)).as("FillInLunInfo on the backup host").isTrue();
        assertThat(visibleLdevs()).contains(19);
        application.awaitWrites(10);
        assertThat(disks.sum("Harddisk2", 0, AREA)).as("the shadow copy read on the backup host = E: at the commit instant")
                .isEqualTo(atCommit.get());
        assertThat(disks.sum("E:", 0, AREA)).as("E: now, after the host's later writes").isNotEqualTo(atCommit.get());

        // Delete on the import host: OnLunEmpty hides the S-VOL again and resynchronises: PVOL_COPY or PAIR (3.7.3).
        importer.delete(shadowCopy);
        assertThat(statuses(productionCci)).isIn(List.of("P-VOL COPY", "S-VOL COPY"), List.of("P-VOL PAIR", "S-VOL PAIR"));
        assertThat(visibleLdevs()).doesNotContain(19);
        array.check(productionCci, "pairevtwait", "-g", "snap", "-s", "pair", "-t", "60");
        assertThat(statuses(backupCci)).containsExactly("S-VOL PAIR", "P-VOL PAIR");
    }

    /** {@code P/S Status} of the lines of pairdisplay -g snap on a host's instance, local volume first. */
    private List<String> statuses(Map<String, String> host) throws Exception {
        return array.check(host, "pairdisplay", "-g", "snap", "-CLI").out().lines().skip(1)
                .map(l -> l.trim().split("\\s+")).map(t -> t[9] + " " + t[10]).toList();
    }

    private void awaitStatuses(Map<String, String> host, List<String> wanted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<String> now = statuses(host);
        while (!now.equals(wanted)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("pairdisplay -g snap shows " + now + ", not " + wanted + " after 60 s");
            }
            Thread.sleep(20);
            now = statuses(host);
        }
    }

    /** LDEVs of the array the host's inqraid -CLI $Phy lists (a hidden S-VOL is not listed). */
    private List<Integer> visibleLdevs() throws Exception {
        return array.check(Map.of(), "inqraid", "-CLI", "$Phy").out().lines().skip(1).map(l -> l.trim().split("\\s+"))
                .filter(t -> t[3].matches("\\d+")).map(t -> Integer.parseInt(t[3])).toList();
    }

    private static List<SetRecord> journal(GrpcSite host) {
        return host.plane.journalledSets();
    }

    private static List<OperationRecord> unfinished(GrpcSite host) {
        try (SqliteJournal journal = new SqliteJournal(host.state.resolve("journal.db"))) {
            return journal.unfinished();
        }
    }
}
