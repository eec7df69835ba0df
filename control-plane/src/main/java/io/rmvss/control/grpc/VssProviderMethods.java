package io.rmvss.control.grpc;

import io.grpc.MethodDescriptor;
import io.rmvss.proto.v1.*;

/** The method descriptors of {@code rmvss.v1.VssProvider} (provider.proto), for the server and for clients. */
public final class VssProviderMethods {
    public static final String SERVICE = "rmvss.v1.VssProvider";

    public static final MethodDescriptor<OnLoadRequest, OnLoadResponse> ON_LOAD =
            Rpc.unary(SERVICE, "OnLoad", OnLoadRequest.getDefaultInstance(), OnLoadResponse.getDefaultInstance());
    public static final MethodDescriptor<OnUnloadRequest, OnUnloadResponse> ON_UNLOAD =
            Rpc.unary(SERVICE, "OnUnload", OnUnloadRequest.getDefaultInstance(), OnUnloadResponse.getDefaultInstance());
    public static final MethodDescriptor<AreLunsSupportedRequest, AreLunsSupportedResponse> ARE_LUNS_SUPPORTED =
            Rpc.unary(SERVICE, "AreLunsSupported", AreLunsSupportedRequest.getDefaultInstance(), AreLunsSupportedResponse.getDefaultInstance());
    public static final MethodDescriptor<FillInLunInfoRequest, FillInLunInfoResponse> FILL_IN_LUN_INFO =
            Rpc.unary(SERVICE, "FillInLunInfo", FillInLunInfoRequest.getDefaultInstance(), FillInLunInfoResponse.getDefaultInstance());
    public static final MethodDescriptor<BeginPrepareSnapshotRequest, BeginPrepareSnapshotResponse> BEGIN_PREPARE_SNAPSHOT =
            Rpc.unary(SERVICE, "BeginPrepareSnapshot", BeginPrepareSnapshotRequest.getDefaultInstance(), BeginPrepareSnapshotResponse.getDefaultInstance());
    public static final MethodDescriptor<GetTargetLunsRequest, GetTargetLunsResponse> GET_TARGET_LUNS =
            Rpc.unary(SERVICE, "GetTargetLuns", GetTargetLunsRequest.getDefaultInstance(), GetTargetLunsResponse.getDefaultInstance());
    public static final MethodDescriptor<LocateLunsRequest, LocateLunsResponse> LOCATE_LUNS =
            Rpc.unary(SERVICE, "LocateLuns", LocateLunsRequest.getDefaultInstance(), LocateLunsResponse.getDefaultInstance());
    public static final MethodDescriptor<OnLunEmptyRequest, OnLunEmptyResponse> ON_LUN_EMPTY =
            Rpc.unary(SERVICE, "OnLunEmpty", OnLunEmptyRequest.getDefaultInstance(), OnLunEmptyResponse.getDefaultInstance());
    public static final MethodDescriptor<EndPrepareSnapshotsRequest, EndPrepareSnapshotsResponse> END_PREPARE_SNAPSHOTS =
            Rpc.unary(SERVICE, "EndPrepareSnapshots", EndPrepareSnapshotsRequest.getDefaultInstance(), EndPrepareSnapshotsResponse.getDefaultInstance());
    public static final MethodDescriptor<PreCommitSnapshotsRequest, PreCommitSnapshotsResponse> PRE_COMMIT_SNAPSHOTS =
            Rpc.unary(SERVICE, "PreCommitSnapshots", PreCommitSnapshotsRequest.getDefaultInstance(), PreCommitSnapshotsResponse.getDefaultInstance());
    public static final MethodDescriptor<CommitSnapshotsRequest, CommitSnapshotsResponse> COMMIT_SNAPSHOTS =
            Rpc.unary(SERVICE, "CommitSnapshots", CommitSnapshotsRequest.getDefaultInstance(), CommitSnapshotsResponse.getDefaultInstance());
    public static final MethodDescriptor<PostCommitSnapshotsRequest, PostCommitSnapshotsResponse> POST_COMMIT_SNAPSHOTS =
            Rpc.unary(SERVICE, "PostCommitSnapshots", PostCommitSnapshotsRequest.getDefaultInstance(), PostCommitSnapshotsResponse.getDefaultInstance());
    public static final MethodDescriptor<PreFinalCommitSnapshotsRequest, PreFinalCommitSnapshotsResponse> PRE_FINAL_COMMIT_SNAPSHOTS =
            Rpc.unary(SERVICE, "PreFinalCommitSnapshots", PreFinalCommitSnapshotsRequest.getDefaultInstance(), PreFinalCommitSnapshotsResponse.getDefaultInstance());
    public static final MethodDescriptor<PostFinalCommitSnapshotsRequest, PostFinalCommitSnapshotsResponse> POST_FINAL_COMMIT_SNAPSHOTS =
            Rpc.unary(SERVICE, "PostFinalCommitSnapshots", PostFinalCommitSnapshotsRequest.getDefaultInstance(), PostFinalCommitSnapshotsResponse.getDefaultInstance());
    public static final MethodDescriptor<AbortSnapshotsRequest, AbortSnapshotsResponse> ABORT_SNAPSHOTS =
            Rpc.unary(SERVICE, "AbortSnapshots", AbortSnapshotsRequest.getDefaultInstance(), AbortSnapshotsResponse.getDefaultInstance());
    public static final MethodDescriptor<GetProviderCapabilitiesRequest, GetProviderCapabilitiesResponse> GET_PROVIDER_CAPABILITIES =
            Rpc.unary(SERVICE, "GetProviderCapabilities", GetProviderCapabilitiesRequest.getDefaultInstance(), GetProviderCapabilitiesResponse.getDefaultInstance());
    public static final MethodDescriptor<OnLunStateChangeRequest, OnLunStateChangeResponse> ON_LUN_STATE_CHANGE =
            Rpc.unary(SERVICE, "OnLunStateChange", OnLunStateChangeRequest.getDefaultInstance(), OnLunStateChangeResponse.getDefaultInstance());
    public static final MethodDescriptor<ResyncLunsRequest, ResyncLunsResponse> RESYNC_LUNS =
            Rpc.unary(SERVICE, "ResyncLuns", ResyncLunsRequest.getDefaultInstance(), ResyncLunsResponse.getDefaultInstance());
    public static final MethodDescriptor<GetResyncStatusRequest, GetResyncStatusResponse> GET_RESYNC_STATUS =
            Rpc.unary(SERVICE, "GetResyncStatus", GetResyncStatusRequest.getDefaultInstance(), GetResyncStatusResponse.getDefaultInstance());

    private VssProviderMethods() {
    }
}
