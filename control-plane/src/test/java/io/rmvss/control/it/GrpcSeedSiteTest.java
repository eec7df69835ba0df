package io.rmvss.control.it;

import static io.rmvss.control.grpc.VssProviderMethods.*;
import static io.rmvss.control.it.SeedSite.INST50;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.rpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.rmvss.control.events.EventCode;
import io.rmvss.control.grpc.ProviderAdminMethods;
import io.rmvss.control.grpc.RpcClient;
import io.rmvss.control.luns.HitachiIdentity;
import io.rmvss.control.luns.LunInfo;
import io.rmvss.control.grpc.LunMapper;
import io.rmvss.control.snapshot.HResult;
import io.rmvss.control.snapshot.TestLuns;
import io.rmvss.proto.v1.*;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The VSS sequences as rmvssprv.dll sends them, over real gRPC on 127.0.0.1 with the install's token, to a control plane wired
 * as {@code rmvss serve} wires it, on the seed's 3.7.2 site (simulated array, real bin/cci); pair states as 3.7.3 names them.
 * Failures are decoded from grpc-status-details-bin the way the DLL decodes them.
 */
@Timeout(120)
class GrpcSeedSiteTest {
    private static final LunInfo PVOL = TestLuns.hitachi(62496, 18, "OPEN-3");
    private static final DeviceLun PVOL_DEVICE = GrpcSite.device("\\\\?\\scsi#disk&ven_hitachi&prod_open-3#1", PVOL);

    @TempDir
    Path dir;
    SeedSite site;
    GrpcSite grpc;
    RpcClient vss;

    @BeforeEach
    void setUp() throws Exception {
        site = SeedSite.start(dir);
        grpc = GrpcSite.start(site, dir.resolve("state"), GrpcSite.env(site, GrpcSite.SEED_ENV));
        vss = grpc.client();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (vss != null) {
            vss.close();
        }
        if (grpc != null) {
            grpc.close();
        }
        site.close();
    }

    private void create(String set) {
        AreLunsSupportedResponse supported = vss.call(ARE_LUNS_SUPPORTED, AreLunsSupportedRequest.newBuilder().addLuns(PVOL_DEVICE).build());
        assertThat(supported.getSupported()).isTrue();
        assertThat(supported.getLunsList()).containsExactly(PVOL_DEVICE.getLun());
        vss.call(BEGIN_PREPARE_SNAPSHOT, BeginPrepareSnapshotRequest.newBuilder().setSnapshotSetId(set).setSnapshotId(set + "-snap")
                .addLuns(PVOL_DEVICE).build());
        vss.call(END_PREPARE_SNAPSHOTS, EndPrepareSnapshotsRequest.newBuilder().setSnapshotSetId(set).build());
        vss.call(PRE_COMMIT_SNAPSHOTS, PreCommitSnapshotsRequest.newBuilder().setSnapshotSetId(set).build());
        vss.call(COMMIT_SNAPSHOTS, CommitSnapshotsRequest.newBuilder().setSnapshotSetId(set).build());
        vss.call(POST_COMMIT_SNAPSHOTS, PostCommitSnapshotsRequest.newBuilder().setSnapshotSetId(set).setSnapshotCount(1).build());
        vss.call(PRE_FINAL_COMMIT_SNAPSHOTS, PreFinalCommitSnapshotsRequest.newBuilder().setSnapshotSetId(set).build());
        vss.call(POST_FINAL_COMMIT_SNAPSHOTS, PostFinalCommitSnapshotsRequest.newBuilder().setSnapshotSetId(set).build());
    }

    private List<LunInformation> targets() {
        return vss.call(GET_TARGET_LUNS, GetTargetLunsRequest.newBuilder().addSources(PVOL_DEVICE).build()).getTargetsList();
    }

    @Test
    void createDeleteAbortRestore() throws Exception {
        vss.call(ON_LOAD, OnLoadRequest.getDefaultInstance());
        assertThat(vss.call(GET_PROVIDER_CAPABILITIES, GetProviderCapabilitiesRequest.getDefaultInstance()).getCapabilities()).isZero();

        // Create: the full sequence, then P-VOL PSUS with the S-VOL still copying or split (3.7.3).
        String set = "7d1f6a52-0000-4000-8000-000000000001";
        create(set);
        assertThat(site.statuses()).isIn(List.of("P-VOL PSUS", "S-VOL COPY"), List.of("P-VOL PSUS", "S-VOL SSUS"));
        List<LunInformation> targets = targets();
        assertThat(targets).hasSize(1);
        LunInfo target = LunMapper.toDomain(targets.get(0));
        assertThat(HitachiIdentity.of(target).orElseThrow().ldev()).isEqualTo(19);
        assertThat(targets.get(0).getSerialNumber()).isEqualTo(PVOL_DEVICE.getLun().getSerialNumber());
        assertThat(targets.get(0).getDiskSignature()).isEqualTo("00000000-0000-0000-0000-000000000000");
        ListSnapshotSetsResponse sets = grpc.client().call(ProviderAdminMethods.LIST_SNAPSHOT_SETS, ListSnapshotSetsRequest.getDefaultInstance());
        assertThat(sets.getSetsList()).singleElement().satisfies(s -> {
            assertThat(s.getSnapshotSetId()).isEqualTo(set);
            assertThat(s.getState()).isEqualTo("CREATED");
            assertThat(s.getCopyGroupsList()).containsExactly("snap");
            assertThat(s.getLunCount()).isEqualTo(1);
        });

        // Import (VSS surfaces a non-transportable shadow copy on the host): LocateLuns releases the hidden S-VOL, so the device
        // VSS names exists and answers inquiry as LDEV 19 (FillInLunInfo checks it with inqraid).
        vss.call(LOCATE_LUNS, LocateLunsRequest.newBuilder().addAllSources(targets).build());
        // Delete: FillInLunInfo then OnLunEmpty on the S-VOL resynchronises: COPY or PAIR.
        DeviceLun svol = DeviceLun.newBuilder().setDevice("\\\\?\\scsi#disk&ven_hitachi&prod_open-3#1&0f420&0&000013").setLun(targets.get(0)).build();
        FillInLunInfoResponse filled = vss.call(FILL_IN_LUN_INFO, FillInLunInfoRequest.newBuilder().setLun(svol).build());
        assertThat(filled.getSupported()).isTrue();
        assertThat(filled.getLun()).isEqualTo(targets.get(0));
        vss.call(ON_LUN_EMPTY, OnLunEmptyRequest.newBuilder().setLun(svol).build());
        assertThat(site.statuses()).isIn(List.of("P-VOL COPY", "S-VOL COPY"), List.of("P-VOL PAIR", "S-VOL PAIR"));
        assertThat(site.check(INST50, "pairevtwait", "-g", "snap", "-s", "pair", "-t", "60").exit()).isZero();

        // Abort after commit: the split is resynchronised.
        String second = "7d1f6a52-0000-4000-8000-000000000002";
        vss.call(BEGIN_PREPARE_SNAPSHOT, BeginPrepareSnapshotRequest.newBuilder().setSnapshotSetId(second).setSnapshotId("s2")
                .addLuns(PVOL_DEVICE).build());
        vss.call(END_PREPARE_SNAPSHOTS, EndPrepareSnapshotsRequest.newBuilder().setSnapshotSetId(second).build());
        vss.call(PRE_COMMIT_SNAPSHOTS, PreCommitSnapshotsRequest.newBuilder().setSnapshotSetId(second).build());
        vss.call(COMMIT_SNAPSHOTS, CommitSnapshotsRequest.newBuilder().setSnapshotSetId(second).build());
        assertThat(site.statuses().get(0)).isEqualTo("P-VOL PSUS");
        vss.call(ABORT_SNAPSHOTS, AbortSnapshotsRequest.newBuilder().setSnapshotSetId(second).build());
        assertThat(site.statuses()).isIn(List.of("P-VOL COPY", "S-VOL COPY"), List.of("P-VOL PAIR", "S-VOL PAIR"));
        assertThat(site.check(INST50, "pairevtwait", "-g", "snap", "-s", "pair", "-t", "60").exit()).isZero();

        // Restore: a new shadow copy, ResyncLuns, GetResyncStatus polled until done.
        String third = "7d1f6a52-0000-4000-8000-000000000003";
        create(third);
        assertThat(site.check(INST50, "pairevtwait", "-g", "snap", "-s", "psus", "-t", "60").exit()).isZero();
        String op = vss.call(RESYNC_LUNS, ResyncLunsRequest.newBuilder().addAllSources(targets()).addTargets(PVOL_DEVICE.getLun()).build())
                .getOperationId();
        assertThat(op).isNotEmpty();
        GetResyncStatusResponse status;
        long deadline = System.nanoTime() + 60_000_000_000L;
        do {
            Thread.sleep(20);
            status = vss.call(GET_RESYNC_STATUS, GetResyncStatusRequest.newBuilder().setOperationId(op).build());
        } while (!status.getDone() && System.nanoTime() < deadline);
        assertThat(status.getDone()).isTrue();
        assertThat(status.getHresult()).isEqualTo(HResult.S_OK.code());
        assertThat(status.getPercent()).isEqualTo(100);
        assertThat(site.statuses()).containsExactly("P-VOL PAIR", "S-VOL PAIR");
    }

    @Test
    void faultsCarryHresultAndEventInStatusDetails() throws Exception {
        String set = "7d1f6a52-0000-4000-8000-00000000000a";
        vss.call(BEGIN_PREPARE_SNAPSHOT, BeginPrepareSnapshotRequest.newBuilder().setSnapshotSetId(set).addLuns(PVOL_DEVICE).build());

        // Out of order: CommitSnapshots right after BeginPrepare.
        StatusRuntimeException badState = catchThrowableOfType(StatusRuntimeException.class,
                () -> vss.call(COMMIT_SNAPSHOTS, CommitSnapshotsRequest.newBuilder().setSnapshotSetId(set).build()));
        assertThat(badState.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.FAILED_PRECONDITION);
        ProviderFault fault = fault(badState);
        assertThat(fault.getHresult()).isEqualTo(HResult.VSS_E_BAD_STATE.code()).isEqualTo(0x80042301);
        assertThat(fault.getEventCode()).isEqualTo("EV_INVSEQ");
        assertThat(fault.getMessage()).isEqualTo("[EV_INVSEQ] Invalid sequence");
        assertThat(fault.getCause()).isEqualTo(EventCode.EV_INVSEQ.cause());
        assertThat(fault.getCorrection()).isEqualTo(EventCode.EV_INVSEQ.correction());
        assertThat(fault.getDetail()).contains("CommitSnapshots", set, "PREPARING");
        vss.call(ABORT_SNAPSHOTS, AbortSnapshotsRequest.newBuilder().setSnapshotSetId(set).build());

        // Unknown set.
        StatusRuntimeException notFound = catchThrowableOfType(StatusRuntimeException.class,
                () -> vss.call(END_PREPARE_SNAPSHOTS, EndPrepareSnapshotsRequest.newBuilder().setSnapshotSetId("no-such-set").build()));
        assertThat(notFound.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.NOT_FOUND);
        assertThat(fault(notFound).getHresult()).isEqualTo(HResult.VSS_E_OBJECT_NOT_FOUND.code());
        assertThat(fault(notFound).getEventCode()).isEqualTo("EV_ENOOBJ");

        // A pair in the wrong state: restore of a pair in PAIR is a veto (ABORTED) with EV_INVSTP.
        StatusRuntimeException veto = catchThrowableOfType(StatusRuntimeException.class, () -> vss.call(RESYNC_LUNS,
                ResyncLunsRequest.newBuilder().addSources(LunMapper.toProto(TestLuns.hitachi(62496, 19, "OPEN-3")))
                        .addTargets(PVOL_DEVICE.getLun()).build()));
        assertThat(veto.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.ABORTED);
        assertThat(fault(veto).getHresult()).isEqualTo(HResult.VSS_E_PROVIDER_VETO.code());
        assertThat(fault(veto).getEventCode()).isEqualTo("EV_INVSTP");

        // A malformed disk signature is E_INVALIDARG.
        DeviceLun bad = DeviceLun.newBuilder().setLun(PVOL_DEVICE.getLun().toBuilder().setDiskSignature("not-a-guid")).build();
        StatusRuntimeException invalid = catchThrowableOfType(StatusRuntimeException.class,
                () -> vss.call(ARE_LUNS_SUPPORTED, AreLunsSupportedRequest.newBuilder().addLuns(bad).build()));
        assertThat(invalid.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.INVALID_ARGUMENT);
        assertThat(fault(invalid).getHresult()).isEqualTo(HResult.E_INVALIDARG.code());

        // Without the token, or with another one: UNAUTHENTICATED, naming the token file, before any provider code runs.
        for (String token : new String[] {null, "0".repeat(64), grpc.token + "x"}) {
            try (RpcClient stranger = grpc.client(token)) {
                StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class,
                        () -> stranger.call(ON_LOAD, OnLoadRequest.getDefaultInstance()));
                assertThat(refused.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.UNAUTHENTICATED);
                assertThat(refused.getStatus().getDescription()).contains(grpc.tokenFile.toString());
                StatusRuntimeException admin = catchThrowableOfType(StatusRuntimeException.class,
                        () -> stranger.call(ProviderAdminMethods.GET_STATUS, GetStatusRequest.getDefaultInstance()));
                assertThat(admin.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.UNAUTHENTICATED);
            }
        }

        // The admin service: configuration in effect, and the events just reported, most recent first.
        GetStatusResponse status = vss.call(ProviderAdminMethods.GET_STATUS, GetStatusRequest.getDefaultInstance());
        assertThat(status.getVersion()).isEqualTo("01-01-03/02");
        assertThat(status.getLocalInstance()).isEqualTo("50");
        assertThat(status.getRemoteInstance()).isEqualTo("51");
        assertThat(status.getMirrorUnit()).isEqualTo(2);
        assertThat(status.getCopyGroupsList()).containsExactly("snap");
        assertThat(status.getConfigurationError()).isEmpty();
        ListEventsResponse events = vss.call(ProviderAdminMethods.LIST_EVENTS, ListEventsRequest.newBuilder().setLimit(3).build());
        assertThat(events.getEventsList()).extracting(ProviderEventEntry::getEventCode).containsExactly("EV_INVARG", "EV_INVSTP", "EV_ENOOBJ");
    }

    static ProviderFault fault(StatusRuntimeException e) throws Exception {
        Status status = StatusProto.fromThrowable(e);
        assertThat(status).as("grpc-status-details-bin").isNotNull();
        assertThat(status.getCode()).isEqualTo(e.getStatus().getCode().value());
        assertThat(status.getDetailsCount()).isEqualTo(1);
        assertThat(status.getDetails(0).getTypeUrl()).isEqualTo("type.googleapis.com/rmvss.v1.ProviderFault");
        return status.getDetails(0).unpack(ProviderFault.class);
    }
}
