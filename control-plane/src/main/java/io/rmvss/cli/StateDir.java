package io.rmvss.cli;

import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.rmvss.control.grpc.RpcClient;
import io.rmvss.control.grpc.TokenFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * The control plane's state directory ({@code --state}; default {@code $RMVSS_STATE}, else {@code ~/.rmvss/control}): journal.db,
 * events.jsonl, token (the secret every call carries, rw-------), port (where {@code rmvss serve} listens, while it runs), and the
 * CLI's connection to the server it names.
 */
final class StateDir {
    static final String TOKEN = "token";
    static final String PORT = "port";

    private StateDir() {
    }

    static Path resolve(Path option) {
        if (option != null) {
            return option.toAbsolutePath().normalize();
        }
        String env = System.getenv("RMVSS_STATE");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath().normalize();
        }
        return Path.of(System.getProperty("user.home"), ".rmvss", "control");
    }

    /** "host:port" written atomically, so a reader never sees half of it. */
    static void writePort(Path state, String host, int port) throws IOException {
        Path tmp = state.resolve(PORT + ".tmp");
        Files.writeString(tmp, host + ":" + port + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, state.resolve(PORT), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A client of the server this state directory names, or a message saying how to start it. */
    static RpcClient connect(Path state) {
        Path portFile = state.resolve(PORT);
        if (!Files.isRegularFile(portFile)) {
            throw new IllegalStateException("the control plane is not running (" + portFile + " does not exist): start it with"
                    + " 'rmvss serve --state " + state + "' (with VSHTCHORCMINST_LOCAL, VSHTCHOMRCF_MUN set in its environment)");
        }
        String token;
        String address;
        try {
            address = Files.readString(portFile, StandardCharsets.US_ASCII).strip();
            token = TokenFile.load(state.resolve(TOKEN));
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        int colon = address.lastIndexOf(':');
        String host = colon < 0 ? "127.0.0.1" : address.substring(0, colon);
        if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            host = "127.0.0.1";
        }
        int port = Integer.parseInt(address.substring(colon + 1));
        return new RpcClient(host, port, token, Duration.ofSeconds(30));
    }

    /** One admin call to the control plane of this state directory; a refusal says what to fix. */
    static <Q, R> R call(Path state, MethodDescriptor<Q, R> method, Q request) {
        try (RpcClient client = connect(state)) {
            return client.call(method, request);
        } catch (StatusRuntimeException e) {
            throw explain(e, state);
        }
    }

    /** A failed admin call as a message for the operator. */
    static RuntimeException explain(StatusRuntimeException e, Path state) {
        if (e.getStatus().getCode() == Status.Code.UNAVAILABLE) {
            return new IllegalStateException("the control plane is not running (nothing answers at the address in " + state.resolve(PORT)
                    + "; it may have been killed): start it with 'rmvss serve --state " + state + "'", e);
        }
        if (e.getStatus().getCode() == Status.Code.UNAUTHENTICATED) {
            return new IllegalStateException("the control plane refused the token in " + state.resolve(TOKEN) + " (" + e.getStatus()
                    .getDescription() + "); is the server using another --state directory?", e);
        }
        return new IllegalStateException(e.getStatus().getCode() + ": " + e.getStatus().getDescription(), e);
    }
}
