package io.rmvss.cli;

import io.rmvss.control.grpc.GrpcServer;
import io.rmvss.control.grpc.TokenFile;
import io.rmvss.control.service.ControlPlane;
import io.rmvss.control.snapshot.ProviderSettings;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rmvss serve}: the control plane. Reads VSHTCHORCMINST_LOCAL / VSHTCHORCMINST_REMOTE / VSHTCHOMRCF_MUN (and RMVSS_ARRAY,
 * HORCM_ETC for the CCI commands) from its environment, runs crash recovery, then serves VssProvider and ProviderAdmin over gRPC
 * until SIGTERM / Ctrl-C.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the control plane: the VSS provider's gRPC service for rmvssprv.dll and the admin service for the CLI.",
                "Environment: VSHTCHORCMINST_LOCAL (P-VOL side CCI instance), VSHTCHORCMINST_REMOTE (S-VOL side, optional; alone on the"
                        + " import host of an export/import configuration),"
                        + " VSHTCHOMRCF_MUN (MU#), RMVSS_ARRAY (simulated array data directory, passed to the CCI commands).",
                "Writes <state>/token (the secret every call must carry, created rw------- on first start) and <state>/port"
                        + " (host:port it listens on, removed at a clean stop)."})
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--state", paramLabel = "DIR", description = "journal.db, events.jsonl, token, port (default $RMVSS_STATE, else ~/.rmvss/control)")
    Path state;

    @Option(names = "--horcm-dir", paramLabel = "DIR", description = "where the CCI commands are (default <RMVSS_HOME>/bin/cci; a site's HORCM\\etc)")
    Path horcmDir;

    @Option(names = "--horcm-etc", paramLabel = "DIR", description = "the CCI commands' working directory, where horcmN.conf are (default: --horcm-dir)")
    Path horcmEtc;

    @Option(names = "--listen", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "address to listen on (default ${DEFAULT-VALUE}). Anything but loopback exposes the provider to the network,"
                    + " protected by the bearer token only, in plain text: risky")
    String listen;

    @Option(names = "--port", defaultValue = "0", description = "TCP port; 0 (default) picks a free one. The port in use is written to <state>/port")
    int port;

    @Option(names = "--commit-deadline", paramLabel = "DURATION", defaultValue = "8s",
            description = "CommitSnapshots rolls back and vetoes after this (default ${DEFAULT-VALUE}; VSS holds writes for 10 s)")
    String commitDeadline;

    @Override
    public Integer call() throws Exception {
        Path stateDir = StateDir.resolve(state);
        if (!Files.isDirectory(stateDir)) {
            // journal, events and token: the service account's only
            Files.createDirectories(stateDir, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        }
        Path tokenFile = stateDir.resolve(StateDir.TOKEN);
        String token = TokenFile.loadOrCreate(tokenFile);
        Path lockFile = stateDir.resolve("serve.lock");
        RandomAccessFile lockHandle = new RandomAccessFile(lockFile.toFile(), "rw");
        FileLock lock = lockHandle.getChannel().tryLock();
        if (lock == null) {
            lockHandle.close();
            throw new IllegalStateException("another 'rmvss serve' already uses " + stateDir + " (it holds " + lockFile + ")");
        }
        Path commands = horcmDir != null ? horcmDir.toAbsolutePath() : Install.home().resolve("bin/cci");
        Path work = horcmEtc != null ? horcmEtc.toAbsolutePath() : commands;
        ProviderSettings settings = ProviderSettings.defaults().withCommitDeadline(duration(commitDeadline));
        ControlPlane plane = ControlPlane.open(new ControlPlane.Options(System.getenv(), commands, work, stateDir, settings,
                Duration.ofMinutes(2), true));
        GrpcServer server;
        try {
            server = GrpcServer.start(plane, new InetSocketAddress(listen, port), token, tokenFile);
        } catch (IOException e) {
            plane.close();
            throw new IllegalStateException("cannot listen on " + listen + ":" + port + ": " + e.getMessage(), e);
        }
        Path portFile = stateDir.resolve(StateDir.PORT);
        StateDir.writePort(stateDir, listen, server.port());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            plane.close();
            try {
                Files.deleteIfExists(portFile);
                lock.release();
                lockHandle.close();
            } catch (IOException ignored) {
                // exiting anyway
            }
            System.err.println("rmvss serve: stopped");
            stopped.countDown();
        }, "rmvss-serve-shutdown"));

        if (!isLoopback(listen)) {
            System.out.println("WARNING: listening on " + listen + ", not loopback: the provider is reachable from the network,"
                    + " in plain text, guarded only by the token");
        }
        plane.configurationError().ifPresent(e -> System.out.println("CONFIGURATION ERROR (calls fail until fixed and restarted): " + e));
        plane.recovery().ifPresent(r -> System.out.println("crash recovery: rolled back " + r.rolledBack() + ", kept " + r.kept()
                + ", resynchronised " + r.resynced()));
        plane.recoveryError().ifPresent(e -> System.out.println("crash recovery could not run yet (retried at the next call): " + e));
        System.out.println("rmvss control plane " + ControlPlane.VERSION + " listening on " + listen + ":" + server.port()
                + " (port in " + portFile + ", token in " + tokenFile + ")");
        System.out.flush();
        server.awaitTermination();
        stopped.await();
        return 0;
    }

    static Duration duration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("pt")) {
                return Duration.parse(t);
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
            }
            return Duration.ofSeconds(Long.parseLong(t));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. 8s, 500ms)");
        }
    }

    private static boolean isLoopback(String host) {
        try {
            return java.net.InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }
}
