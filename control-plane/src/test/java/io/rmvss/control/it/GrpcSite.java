package io.rmvss.control.it;

import io.rmvss.control.grpc.GrpcServer;
import io.rmvss.control.grpc.LunMapper;
import io.rmvss.control.grpc.RpcClient;
import io.rmvss.control.grpc.TokenFile;
import io.rmvss.control.luns.LunInfo;
import io.rmvss.control.service.ControlPlane;
import io.rmvss.control.snapshot.ProviderSettings;
import io.rmvss.proto.v1.DeviceLun;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** A control plane as {@code rmvss serve} wires it, in this JVM, serving gRPC on 127.0.0.1 for the seed site's CCI instances. */
final class GrpcSite implements AutoCloseable {
    static final Map<String, String> SEED_ENV = Map.of("VSHTCHORCMINST_LOCAL", "50", "VSHTCHORCMINST_REMOTE", "51", "VSHTCHOMRCF_MUN", "2");

    final Path state;
    final Path tokenFile;
    final String token;
    final ControlPlane plane;
    final GrpcServer server;

    private GrpcSite(Path state, Path tokenFile, String token, ControlPlane plane, GrpcServer server) {
        this.state = state;
        this.tokenFile = tokenFile;
        this.token = token;
        this.plane = plane;
        this.server = server;
    }

    static Map<String, String> env(SeedSite site, Map<String, String> vshtch) {
        Map<String, String> env = new HashMap<>(vshtch);
        if (site != null) {
            env.put("RMVSS_ARRAY", site.data.toString());
        }
        return env;
    }

    static GrpcSite start(SeedSite site, Path state, Map<String, String> env) throws Exception {
        return start(site, state, env, Duration.ofSeconds(60));
    }

    /** @param commandTimeout a CCI command still running after this is killed ([EV_CMDIOE]) */
    static GrpcSite start(SeedSite site, Path state, Map<String, String> env, Duration commandTimeout) throws Exception {
        Path tokenFile = state.resolve("token");
        String token = TokenFile.loadOrCreate(tokenFile);
        Path work = site == null ? state : site.etc;
        ControlPlane plane = ControlPlane.open(new ControlPlane.Options(env, SeedSite.CCI_BIN, work, state, ProviderSettings.defaults(),
                commandTimeout, false));
        GrpcServer server = GrpcServer.start(plane, new InetSocketAddress("127.0.0.1", 0), token, tokenFile);
        return new GrpcSite(state, tokenFile, token, plane, server);
    }

    RpcClient client() {
        return client(token);
    }

    RpcClient client(String withToken) {
        return new RpcClient("127.0.0.1", server.port(), withToken, Duration.ofSeconds(60));
    }

    static DeviceLun device(String device, LunInfo lun) {
        return DeviceLun.newBuilder().setDevice(device).setLun(LunMapper.toProto(lun)).build();
    }

    @Override
    public void close() {
        server.close();
        plane.close();
    }
}
