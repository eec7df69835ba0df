package io.rmvss.cli;

import io.rmvss.control.grpc.GrpcServer;
import io.rmvss.control.grpc.ProviderAdminMethods;
import io.rmvss.control.grpc.RpcClient;
import io.rmvss.control.grpc.TokenFile;
import io.rmvss.control.service.ControlPlane;
import io.rmvss.control.snapshot.ProviderSettings;
import io.rmvss.proto.v1.ListEventsRequest;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rmvss bench-grpc}: the transport's own cost per call — a unary call over loopback HTTP/2 with the bearer-token check,
 * protobuf both ways and the admin handler (no CCI command) — as p50/p99 over N calls after a warm-up.
 */
@Command(name = "bench-grpc", mixinStandardHelpOptions = true,
        description = "Measure gRPC call overhead (p50/p99) of the control plane's transport on 127.0.0.1: token check, HTTP/2, protobuf.")
public final class GrpcBenchCommand implements Callable<Integer> {
    @Option(names = "--calls", defaultValue = "2000", description = "measured calls (default ${DEFAULT-VALUE})")
    int calls;

    @Option(names = "--warmup", defaultValue = "500", description = "calls before measuring (default ${DEFAULT-VALUE})")
    int warmup;

    @Override
    public Integer call() throws Exception {
        Path state = Files.createTempDirectory("rmvss-bench-grpc");
        try {
            Path tokenFile = state.resolve("token");
            String token = TokenFile.loadOrCreate(tokenFile);
            // No CCI needed: the admin call below never runs a command; the environment is the seed's.
            ControlPlane plane = ControlPlane.open(new ControlPlane.Options(Map.of("VSHTCHORCMINST_LOCAL", "50", "VSHTCHOMRCF_MUN", "2"),
                    state.resolve("no-cci"), state, state, ProviderSettings.defaults(), Duration.ofSeconds(5), false));
            try (GrpcServer server = GrpcServer.start(plane, new InetSocketAddress("127.0.0.1", 0), token, tokenFile);
                 RpcClient client = new RpcClient("127.0.0.1", server.port(), token, Duration.ofSeconds(10))) {
                ListEventsRequest request = ListEventsRequest.newBuilder().setLimit(1).build();
                for (int i = 0; i < warmup; i++) {
                    client.call(ProviderAdminMethods.LIST_EVENTS, request);
                }
                long[] nanos = new long[calls];
                for (int i = 0; i < calls; i++) {
                    long t = System.nanoTime();
                    client.call(ProviderAdminMethods.LIST_EVENTS, request);
                    nanos[i] = System.nanoTime() - t;
                }
                Arrays.sort(nanos);
                System.out.printf("gRPC unary call over 127.0.0.1 (token check, HTTP/2, protobuf), %d calls: p50 %.3f ms, p99 %.3f ms,"
                        + " max %.3f ms%n", calls, nanos[calls / 2] / 1e6, nanos[(int) Math.min(calls - 1, Math.ceil(calls * 0.99) - 1)] / 1e6,
                        nanos[calls - 1] / 1e6);
            } finally {
                plane.close();
            }
        } finally {
            TempTrees.delete(state);
        }
        return 0;
    }
}
