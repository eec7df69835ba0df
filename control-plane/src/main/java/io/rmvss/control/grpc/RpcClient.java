package io.rmvss.control.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A blocking client of the control plane (the CLI's, and the tests'), sending {@code authorization: Bearer <token>}. */
public final class RpcClient implements AutoCloseable {
    private final ManagedChannel channel;
    private final Channel authorized;
    private final Duration deadline;

    /** @param token null sends no authorization header (for tests of the refusal) */
    public RpcClient(String host, int port, String token, Duration deadline) {
        this.channel = NettyChannelBuilder.forAddress(host, port).usePlaintext().build();
        Metadata headers = new Metadata();
        if (token != null) {
            headers.put(BearerTokenInterceptor.AUTHORIZATION, "Bearer " + token);
        }
        this.authorized = ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
        this.deadline = deadline;
    }

    public <Q, R> R call(MethodDescriptor<Q, R> method, Q request) {
        return ClientCalls.blockingUnaryCall(authorized, method,
                CallOptions.DEFAULT.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS), request);
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
