package io.rmvss.control.grpc;

import com.google.protobuf.Any;
import com.google.rpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.rmvss.control.events.EventCode;
import io.rmvss.control.snapshot.HResult;
import io.rmvss.control.snapshot.ProviderError;
import io.rmvss.proto.v1.ProviderFault;
import java.util.Optional;

/**
 * A failed VSS call on the wire (provider.proto's header): a non-OK gRPC status whose {@code grpc-status-details-bin} is a
 * {@code google.rpc.Status} with one {@code ProviderFault} packed in {@code details[0]}
 * ({@code type.googleapis.com/rmvss.v1.ProviderFault}). The fault's HRESULT is what the DLL returns; the gRPC code is informative.
 */
public final class Faults {
    private Faults() {
    }

    /** FAILED_PRECONDITION, NOT_FOUND, INVALID_ARGUMENT, ABORTED, RESOURCE_EXHAUSTED or INTERNAL, as provider.proto maps them. */
    public static io.grpc.Status.Code codeOf(HResult hr) {
        return switch (hr) {
            case VSS_E_BAD_STATE -> io.grpc.Status.Code.FAILED_PRECONDITION;
            case VSS_E_OBJECT_NOT_FOUND -> io.grpc.Status.Code.NOT_FOUND;
            case E_INVALIDARG -> io.grpc.Status.Code.INVALID_ARGUMENT;
            case VSS_E_PROVIDER_VETO -> io.grpc.Status.Code.ABORTED;
            case E_OUTOFMEMORY, VSS_E_MAXIMUM_NUMBER_OF_VOLUMES_REACHED -> io.grpc.Status.Code.RESOURCE_EXHAUSTED;
            default -> io.grpc.Status.Code.INTERNAL;
        };
    }

    public static ProviderFault fault(ProviderError error) {
        EventCode ev = error.event();
        return ProviderFault.newBuilder()
                .setHresult(error.hresult().code())
                .setEventCode(ev == null ? "" : ev.name())
                .setMessage(ev == null ? "" : ev.text())
                .setCause(ev == null ? "" : ev.cause())
                .setCorrection(ev == null ? "" : ev.correction())
                .setDetail(error.detail() == null ? "" : error.detail())
                .build();
    }

    /** The google.rpc.Status that goes into grpc-status-details-bin. */
    public static Status status(ProviderError error) {
        ProviderFault fault = fault(error);
        String message = (fault.getMessage().isEmpty() ? error.hresult().name() : fault.getMessage())
                + (fault.getDetail().isEmpty() ? "" : ": " + fault.getDetail());
        return Status.newBuilder()
                .setCode(codeOf(error.hresult()).value())
                .setMessage(message)
                .addDetails(Any.pack(fault))
                .build();
    }

    public static StatusRuntimeException toException(ProviderError error) {
        return StatusProto.toStatusRuntimeException(status(error));
    }

    /** The ProviderFault of a failed call, decoded from grpc-status-details-bin the way the DLL decodes it. */
    public static Optional<ProviderFault> faultOf(Throwable t) {
        Status s = StatusProto.fromThrowable(t);
        if (s == null || s.getDetailsCount() == 0 || !s.getDetails(0).is(ProviderFault.class)) {
            return Optional.empty();
        }
        try {
            return Optional.of(s.getDetails(0).unpack(ProviderFault.class));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            return Optional.empty();
        }
    }
}
