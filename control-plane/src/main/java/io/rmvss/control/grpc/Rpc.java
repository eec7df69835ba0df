package io.rmvss.control.grpc;

import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.rmvss.control.events.EventCode;
import io.rmvss.control.snapshot.HResult;
import io.rmvss.control.snapshot.ProviderError;
import io.rmvss.control.snapshot.ProviderException;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Binds proto services by hand (protoc-gen-grpc-java is not available): unary method descriptors with protobuf marshallers, and
 * handlers that turn a {@link ProviderException} into the status + ProviderFault of provider.proto.
 */
public final class Rpc {
    private static final Logger LOG = Logger.getLogger(Rpc.class.getName());

    private Rpc() {
    }

    public static <Q extends Message, R extends Message> MethodDescriptor<Q, R> unary(String service, String method, Q request, R response) {
        return MethodDescriptor.<Q, R>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(service, method))
                .setRequestMarshaller(ProtoUtils.marshaller(request))
                .setResponseMarshaller(ProtoUtils.marshaller(response))
                .setSampledToLocalTracing(false)
                .build();
    }

    public static <Q, R> void bind(ServerServiceDefinition.Builder service, MethodDescriptor<Q, R> method, Function<Q, R> handler) {
        service.addMethod(method, ServerCalls.asyncUnaryCall((request, responses) -> {
            R response;
            try {
                response = handler.apply(request);
            } catch (ProviderException e) {
                responses.onError(Faults.toException(e.error()));
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, method.getFullMethodName() + " failed unexpectedly", e);
                responses.onError(Faults.toException(new ProviderError(HResult.VSS_E_UNEXPECTED_PROVIDER_ERROR, EventCode.EV_EXCEPT,
                        method.getBareMethodName() + ": " + e)));
                return;
            }
            try {
                responses.onNext(response);
                responses.onCompleted();
            } catch (RuntimeException e) {
                // the caller gave up (deadline, cancel) while the call ran; its outcome is journalled/reported all the same
                LOG.log(Level.INFO, method.getFullMethodName() + " finished after its caller left: " + e);
            }
        }));
    }
}
