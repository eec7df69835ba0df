package io.rmvss.control.it;

import io.rmvss.control.grpc.RpcClient;
import io.rmvss.control.grpc.VssProviderMethods;
import io.rmvss.control.snapshot.TestLuns;
import io.rmvss.proto.v1.*;
import java.util.List;

/**
 * The VSS coordinator's calls for the seed site's P-VOL (E:, LDEV 18 of array 62496), in its order, as the DLL sends them over
 * gRPC: creation (AreLunsSupported .. PostFinalCommitSnapshots), import (GetTargetLuns, LocateLuns) and deletion (OnLunEmpty).
 * AbortSnapshots is the coordinator's answer to a failure after the split.
 */
enum VssStep {
    ARE_LUNS_SUPPORTED, BEGIN_PREPARE_SNAPSHOT, END_PREPARE_SNAPSHOTS, PRE_COMMIT_SNAPSHOTS, COMMIT_SNAPSHOTS, POST_COMMIT_SNAPSHOTS,
    PRE_FINAL_COMMIT_SNAPSHOTS, POST_FINAL_COMMIT_SNAPSHOTS, GET_TARGET_LUNS, LOCATE_LUNS, ON_LUN_EMPTY, ABORT_SNAPSHOTS;

    static final DeviceLun PVOL = GrpcSite.device("\\\\?\\scsi#disk&ven_hitachi&prod_open-3#1", TestLuns.hitachi(62496, 18, "OPEN-3"));

    /** The calls of a cycle up to this one, in order; ABORT_SNAPSHOTS comes after CommitSnapshots split the pair. */
    List<VssStep> sequence() {
        if (this == ABORT_SNAPSHOTS) {
            return List.of(ARE_LUNS_SUPPORTED, BEGIN_PREPARE_SNAPSHOT, END_PREPARE_SNAPSHOTS, PRE_COMMIT_SNAPSHOTS, COMMIT_SNAPSHOTS,
                    ABORT_SNAPSHOTS);
        }
        return List.of(values()).subList(0, ordinal() + 1);
    }

    /** Runs the calls of {@link #sequence()} for the set; a refused call throws the gRPC StatusRuntimeException. */
    void runThrough(RpcClient vss, String set) {
        for (VssStep step : sequence()) {
            step.call(vss, set);
        }
    }

    /** This one call. AreLunsSupported must say yes. */
    void call(RpcClient vss, String set) {
        switch (this) {
            case ARE_LUNS_SUPPORTED -> {
                vss.call(VssProviderMethods.ON_LOAD, OnLoadRequest.getDefaultInstance());
                if (!vss.call(VssProviderMethods.ARE_LUNS_SUPPORTED, AreLunsSupportedRequest.newBuilder().addLuns(PVOL).build()).getSupported()) {
                    throw new IllegalStateException("AreLunsSupported said no to the seed's P-VOL");
                }
            }
            case BEGIN_PREPARE_SNAPSHOT -> vss.call(VssProviderMethods.BEGIN_PREPARE_SNAPSHOT,
                    BeginPrepareSnapshotRequest.newBuilder().setSnapshotSetId(set).setSnapshotId("s").addLuns(PVOL).build());
            case END_PREPARE_SNAPSHOTS -> vss.call(VssProviderMethods.END_PREPARE_SNAPSHOTS,
                    EndPrepareSnapshotsRequest.newBuilder().setSnapshotSetId(set).build());
            case PRE_COMMIT_SNAPSHOTS -> vss.call(VssProviderMethods.PRE_COMMIT_SNAPSHOTS,
                    PreCommitSnapshotsRequest.newBuilder().setSnapshotSetId(set).build());
            case COMMIT_SNAPSHOTS -> vss.call(VssProviderMethods.COMMIT_SNAPSHOTS, CommitSnapshotsRequest.newBuilder().setSnapshotSetId(set).build());
            case POST_COMMIT_SNAPSHOTS -> vss.call(VssProviderMethods.POST_COMMIT_SNAPSHOTS,
                    PostCommitSnapshotsRequest.newBuilder().setSnapshotSetId(set).setSnapshotCount(1).build());
            case PRE_FINAL_COMMIT_SNAPSHOTS -> vss.call(VssProviderMethods.PRE_FINAL_COMMIT_SNAPSHOTS,
                    PreFinalCommitSnapshotsRequest.newBuilder().setSnapshotSetId(set).build());
            case POST_FINAL_COMMIT_SNAPSHOTS -> vss.call(VssProviderMethods.POST_FINAL_COMMIT_SNAPSHOTS,
                    PostFinalCommitSnapshotsRequest.newBuilder().setSnapshotSetId(set).build());
            case GET_TARGET_LUNS -> target(vss);
            case LOCATE_LUNS -> vss.call(VssProviderMethods.LOCATE_LUNS, LocateLunsRequest.newBuilder().addSources(target(vss)).build());
            case ON_LUN_EMPTY -> vss.call(VssProviderMethods.ON_LUN_EMPTY,
                    OnLunEmptyRequest.newBuilder().setLun(DeviceLun.newBuilder().setDevice("\\\\?\\scsi#disk&ven_hitachi&prod_open-3#2")
                            .setLun(target(vss))).build());
            case ABORT_SNAPSHOTS -> vss.call(VssProviderMethods.ABORT_SNAPSHOTS, AbortSnapshotsRequest.newBuilder().setSnapshotSetId(set).build());
        }
    }

    /** GetTargetLuns for the P-VOL: the S-VOL's LUN information (LDEV 19). */
    static LunInformation target(RpcClient vss) {
        return vss.call(VssProviderMethods.GET_TARGET_LUNS, GetTargetLunsRequest.newBuilder().addSources(PVOL).build()).getTargets(0);
    }
}
