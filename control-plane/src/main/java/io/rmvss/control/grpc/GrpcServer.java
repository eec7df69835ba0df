package io.rmvss.control.grpc;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.rmvss.control.service.ControlPlane;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The control plane's gRPC server: VssProvider and ProviderAdmin behind the bearer-token check, on one address. */
public final class GrpcServer implements AutoCloseable {
    private final Server server;

    private GrpcServer(Server server) {
        this.server = server;
    }

    /** @param listen 127.0.0.1 unless the operator chose otherwise; port 0 picks a free port ({@link #port()}) */
    public static GrpcServer start(ControlPlane plane, InetSocketAddress listen, String token, Path tokenFile) throws IOException {
        Server server = NettyServerBuilder.forAddress(listen)
                .addService(new VssProviderService(plane).definition())
                .addService(new ProviderAdminService(plane).definition())
                .intercept(new BearerTokenInterceptor(token, tokenFile))
                .build()
                .start();
        return new GrpcServer(server);
    }

    public int port() {
        return server.getPort();
    }

    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    /** Stops accepting calls, lets running ones finish for up to 10 s, then cancels them. */
    @Override
    public void close() {
        server.shutdown();
        try {
            if (!server.awaitTermination(10, TimeUnit.SECONDS)) {
                server.shutdownNow();
                server.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
