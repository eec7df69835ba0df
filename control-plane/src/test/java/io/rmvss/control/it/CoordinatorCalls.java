package io.rmvss.control.it;

import static io.rmvss.control.grpc.VssProviderMethods.*;

import io.rmvss.control.grpc.RpcClient;
import io.rmvss.proto.v1.*;
import java.util.ArrayList;
import java.util.List;

/**
 * The VSS coordinator's call sequences as tests/coordinator's vsscoord sends them through rmvssprv.dll, over gRPC: create
 * (AreLunsSupported, BeginPrepareSnapshot per LUN, EndPrepare, PreCommit, Commit, PostCommit, PreFinal, PostFinal, GetTargetLuns),
 * import (LocateLuns, FillInLunInfo per arriving disk) and delete (FillInLunInfo, OnLunEmpty per LUN). A failed call throws
 * the StatusRuntimeException the DLL would decode.
 */
final class CoordinatorCalls {
    private final RpcClient vss;

    CoordinatorCalls(RpcClient vss) {
        this.vss = vss;
    }

    boolean supported(List<DeviceLun> luns) {
        return vss.call(ARE_LUNS_SUPPORTED, AreLunsSupportedRequest.newBuilder().addAllLuns(luns).build()).getSupported();
    }

    void beginPrepare(String set, List<DeviceLun> luns) {
        for (DeviceLun lun : luns) {
            vss.call(BEGIN_PREPARE_SNAPSHOT, BeginPrepareSnapshotRequest.newBuilder().setSnapshotSetId(set).setSnapshotId(set + "-" + lun.getDevice())
                    .addLuns(lun).build());
        }
    }

    /** What VSS does to the host's writes around CommitSnapshots: holds them before (flush-and-hold), releases them after. */
    interface FlushAndHold {
        FlushAndHold NOTHING_WRITES = new FlushAndHold() {
            @Override
            public void hold() {
            }

            @Override
            public void release() {
            }
        };

        void hold();

        void release();
    }

    /** EndPrepare through PostFinalCommit, then the target LUNs of {@code luns}, in their order. */
    List<LunInformation> commit(String set, List<DeviceLun> luns) {
        return commit(set, luns, FlushAndHold.NOTHING_WRITES);
    }

    List<LunInformation> commit(String set, List<DeviceLun> luns, FlushAndHold writes) {
        vss.call(END_PREPARE_SNAPSHOTS, EndPrepareSnapshotsRequest.newBuilder().setSnapshotSetId(set).build());
        vss.call(PRE_COMMIT_SNAPSHOTS, PreCommitSnapshotsRequest.newBuilder().setSnapshotSetId(set).build());
        writes.hold();
        try {
            vss.call(COMMIT_SNAPSHOTS, CommitSnapshotsRequest.newBuilder().setSnapshotSetId(set).build());
        } finally {
            writes.release();
        }
        vss.call(POST_COMMIT_SNAPSHOTS, PostCommitSnapshotsRequest.newBuilder().setSnapshotSetId(set).setSnapshotCount(luns.size()).build());
        vss.call(PRE_FINAL_COMMIT_SNAPSHOTS, PreFinalCommitSnapshotsRequest.newBuilder().setSnapshotSetId(set).build());
        vss.call(POST_FINAL_COMMIT_SNAPSHOTS, PostFinalCommitSnapshotsRequest.newBuilder().setSnapshotSetId(set).build());
        return vss.call(GET_TARGET_LUNS, GetTargetLunsRequest.newBuilder().addAllSources(luns).build()).getTargetsList();
    }

    /** The whole create sequence; fails when AreLunsSupported says no. */
    List<LunInformation> create(String set, List<DeviceLun> luns) {
        if (!supported(luns)) {
            throw new AssertionError("AreLunsSupported refused " + luns.stream().map(DeviceLun::getDevice).toList() + " for set " + set);
        }
        beginPrepare(set, luns);
        return commit(set, luns);
    }

    void abort(String set) {
        vss.call(ABORT_SNAPSHOTS, AbortSnapshotsRequest.newBuilder().setSnapshotSetId(set).build());
    }

    /** LocateLuns, then FillInLunInfo for each disk as it arrives; true when the provider claimed every one. */
    boolean importLuns(List<DeviceLun> arrived) {
        vss.call(LOCATE_LUNS, LocateLunsRequest.newBuilder().addAllSources(arrived.stream().map(DeviceLun::getLun).toList()).build());
        boolean all = true;
        for (DeviceLun disk : arrived) {
            all &= vss.call(FILL_IN_LUN_INFO, FillInLunInfoRequest.newBuilder().setLun(disk).build()).getSupported();
        }
        return all;
    }

    /** FillInLunInfo then OnLunEmpty for each shadow-copy disk. */
    void delete(List<DeviceLun> shadowCopies) {
        for (DeviceLun disk : shadowCopies) {
            vss.call(FILL_IN_LUN_INFO, FillInLunInfoRequest.newBuilder().setLun(disk).build());
            vss.call(ON_LUN_EMPTY, OnLunEmptyRequest.newBuilder().setLun(disk).build());
        }
    }

    static List<DeviceLun> disks(List<String> devices, List<LunInformation> luns) {
        List<DeviceLun> disks = new ArrayList<>();
        for (int i = 0; i < luns.size(); i++) {
            disks.add(DeviceLun.newBuilder().setDevice(devices.get(i)).setLun(luns.get(i)).build());
        }
        return disks;
    }
}
