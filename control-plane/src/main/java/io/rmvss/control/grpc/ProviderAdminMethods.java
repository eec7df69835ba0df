package io.rmvss.control.grpc;

import io.grpc.MethodDescriptor;
import io.rmvss.proto.v1.*;

/** The method descriptors of {@code rmvss.v1.ProviderAdmin} (admin.proto), for the server and for the CLI. */
public final class ProviderAdminMethods {
    public static final String SERVICE = "rmvss.v1.ProviderAdmin";

    public static final MethodDescriptor<GetStatusRequest, GetStatusResponse> GET_STATUS =
            Rpc.unary(SERVICE, "GetStatus", GetStatusRequest.getDefaultInstance(), GetStatusResponse.getDefaultInstance());
    public static final MethodDescriptor<ListSnapshotSetsRequest, ListSnapshotSetsResponse> LIST_SNAPSHOT_SETS =
            Rpc.unary(SERVICE, "ListSnapshotSets", ListSnapshotSetsRequest.getDefaultInstance(), ListSnapshotSetsResponse.getDefaultInstance());
    public static final MethodDescriptor<ListEventsRequest, ListEventsResponse> LIST_EVENTS =
            Rpc.unary(SERVICE, "ListEvents", ListEventsRequest.getDefaultInstance(), ListEventsResponse.getDefaultInstance());

    private ProviderAdminMethods() {
    }
}
