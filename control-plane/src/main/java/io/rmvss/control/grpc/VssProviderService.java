package io.rmvss.control.grpc;

import static io.rmvss.control.grpc.VssProviderMethods.*;

import io.grpc.ServerServiceDefinition;
import io.rmvss.control.events.ProviderEvent;
import io.rmvss.control.luns.LunInfo;
import io.rmvss.control.service.ControlPlane;
import io.rmvss.control.snapshot.HResult;
import io.rmvss.control.snapshot.ProviderException;
import io.rmvss.control.snapshot.ResyncStatus;
import io.rmvss.control.snapshot.SnapshotProvider;
import io.rmvss.proto.v1.*;
import java.util.List;

/** {@code rmvss.v1.VssProvider}: each RPC calls the {@link SnapshotProvider} method of the same VSS call. */
public final class VssProviderService {
    private final ControlPlane plane;

    public VssProviderService(ControlPlane plane) {
        this.plane = plane;
    }

    private SnapshotProvider p() {
        return plane.provider();
    }

    /** A LUN from the wire; a malformed one is E_INVALIDARG, reported as [EV_INVARG] like the provider's own faults. */
    private LunInfo lun(LunInformation wire) {
        try {
            return LunMapper.toDomain(wire);
        } catch (ProviderException e) {
            plane.events().report(ProviderEvent.of(e.error().event(), e.error().detail()));
            throw e;
        }
    }

    private List<LunInfo> luns(List<LunInformation> wire) {
        return wire.stream().map(this::lun).toList();
    }

    public ServerServiceDefinition definition() {
        ServerServiceDefinition.Builder s = ServerServiceDefinition.builder(SERVICE);
        Rpc.bind(s, ON_LOAD, r -> {
            p().onLoad();
            return OnLoadResponse.getDefaultInstance();
        });
        Rpc.bind(s, ON_UNLOAD, r -> {
            p().onUnload(r.getForce());
            return OnUnloadResponse.getDefaultInstance();
        });
        Rpc.bind(s, ARE_LUNS_SUPPORTED, r -> {
            List<LunInfo> luns = r.getLunsList().stream().map(d -> lun(d.getLun())).toList();
            boolean supported = p().areLunsSupported(luns, r.getContext());
            AreLunsSupportedResponse.Builder b = AreLunsSupportedResponse.newBuilder().setSupported(supported);
            r.getLunsList().forEach(d -> b.addLuns(d.getLun()));
            return b.build();
        });
        Rpc.bind(s, FILL_IN_LUN_INFO, r -> {
            boolean supported = p().fillInLunInfo(r.getLun().getDevice(), lun(r.getLun().getLun()));
            return FillInLunInfoResponse.newBuilder().setSupported(supported).setLun(r.getLun().getLun()).build();
        });
        Rpc.bind(s, BEGIN_PREPARE_SNAPSHOT, r -> {
            List<LunInfo> luns = r.getLunsList().stream().map(d -> lun(d.getLun())).toList();
            p().beginPrepareSnapshot(r.getSnapshotSetId(), r.getSnapshotId(), r.getContext(), luns);
            return BeginPrepareSnapshotResponse.getDefaultInstance();
        });
        Rpc.bind(s, GET_TARGET_LUNS, r -> {
            List<LunInfo> sources = r.getSourcesList().stream().map(d -> lun(d.getLun())).toList();
            return GetTargetLunsResponse.newBuilder().addAllTargets(LunMapper.toProto(p().getTargetLuns(sources))).build();
        });
        Rpc.bind(s, LOCATE_LUNS, r -> {
            p().locateLuns(luns(r.getSourcesList()));
            return LocateLunsResponse.getDefaultInstance();
        });
        Rpc.bind(s, ON_LUN_EMPTY, r -> {
            p().onLunEmpty(r.getLun().getDevice(), lun(r.getLun().getLun()));
            return OnLunEmptyResponse.getDefaultInstance();
        });
        Rpc.bind(s, END_PREPARE_SNAPSHOTS, r -> {
            p().endPrepareSnapshots(r.getSnapshotSetId());
            return EndPrepareSnapshotsResponse.getDefaultInstance();
        });
        Rpc.bind(s, PRE_COMMIT_SNAPSHOTS, r -> {
            p().preCommitSnapshots(r.getSnapshotSetId());
            return PreCommitSnapshotsResponse.getDefaultInstance();
        });
        Rpc.bind(s, COMMIT_SNAPSHOTS, r -> {
            p().commitSnapshots(r.getSnapshotSetId());
            return CommitSnapshotsResponse.getDefaultInstance();
        });
        Rpc.bind(s, POST_COMMIT_SNAPSHOTS, r -> {
            p().postCommitSnapshots(r.getSnapshotSetId(), r.getSnapshotCount());
            return PostCommitSnapshotsResponse.getDefaultInstance();
        });
        Rpc.bind(s, PRE_FINAL_COMMIT_SNAPSHOTS, r -> {
            p().preFinalCommitSnapshots(r.getSnapshotSetId());
            return PreFinalCommitSnapshotsResponse.getDefaultInstance();
        });
        Rpc.bind(s, POST_FINAL_COMMIT_SNAPSHOTS, r -> {
            p().postFinalCommitSnapshots(r.getSnapshotSetId());
            return PostFinalCommitSnapshotsResponse.getDefaultInstance();
        });
        Rpc.bind(s, ABORT_SNAPSHOTS, r -> {
            p().abortSnapshots(r.getSnapshotSetId());
            return AbortSnapshotsResponse.getDefaultInstance();
        });
        Rpc.bind(s, GET_PROVIDER_CAPABILITIES, r -> GetProviderCapabilitiesResponse.newBuilder()
                .setCapabilities(p().getProviderCapabilities()).build());
        Rpc.bind(s, ON_LUN_STATE_CHANGE, r -> {
            p().onLunStateChange(luns(r.getSnapshotLunsList()), luns(r.getOriginalLunsList()),
                    Integer.toUnsignedLong(r.getFlags()));
            return OnLunStateChangeResponse.getDefaultInstance();
        });
        Rpc.bind(s, RESYNC_LUNS, r -> ResyncLunsResponse.newBuilder()
                .setOperationId(p().resyncLuns(luns(r.getSourcesList()), luns(r.getTargetsList()))).build());
        Rpc.bind(s, GET_RESYNC_STATUS, r -> {
            ResyncStatus st = p().resyncStatus(r.getOperationId());
            GetResyncStatusResponse.Builder b = GetResyncStatusResponse.newBuilder();
            switch (st.state()) {
                case RUNNING -> b.setDone(false).setPercent(0).setHresult(HResult.S_OK.code());
                case DONE -> b.setDone(true).setPercent(100).setHresult(HResult.S_OK.code());
                case FAILED -> b.setDone(true).setPercent(0).setHresult(st.error() == null
                        ? HResult.VSS_E_PROVIDER_VETO.code() : st.error().hresult().code());
            }
            return b.build();
        });
        return s.build();
    }
}
