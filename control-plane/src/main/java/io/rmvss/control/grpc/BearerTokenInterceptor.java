package io.rmvss.control.grpc;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * Every call must carry {@code authorization: Bearer <token>} equal to the install's secret token (compared in constant time);
 * any other call is closed with UNAUTHENTICATED before it reaches a service, with a message naming the token file.
 */
public final class BearerTokenInterceptor implements ServerInterceptor {
    public static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "Bearer ";

    private final byte[] expected;
    private final Path tokenFile;

    public BearerTokenInterceptor(String token, Path tokenFile) {
        this.expected = (BEARER + token).getBytes(StandardCharsets.US_ASCII);
        this.tokenFile = tokenFile;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String given = headers.get(AUTHORIZATION);
        if (given == null || !MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.US_ASCII))) {
            String why = given == null ? "the call carries no 'authorization' header" : "the call's bearer token is not this install's";
            call.close(Status.UNAUTHENTICATED.withDescription(why + "; send 'authorization: Bearer <token>' with the token in "
                    + tokenFile + " (readable by the service account only)"), new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        return next.startCall(call, headers);
    }
}
