package io.rmvss.control.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rmvss.control.grpc.ProviderAdminMethods;
import io.rmvss.control.grpc.RpcClient;
import io.rmvss.control.grpc.TokenFile;
import io.rmvss.proto.v1.ListSnapshotSetsRequest;
import io.rmvss.proto.v1.SnapshotSetSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code rmvss serve} as its own process on a {@link SeedSite}: started with a chosen service environment (VSHTCH*) and options,
 * reached over gRPC with the token in its state directory, killed with kill -9 and restarted on the same state directory.
 * Each start logs to its own serve-N.log.
 */
final class ServeProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    final Path state;
    private final Path logDir;
    private final SeedSite site;
    private final List<String> options;
    private final List<String> jvmOptions;
    private final Map<String, String> extraEnv;
    private Process process;
    private Path log;
    private int starts;

    private ServeProcess(Path logDir, SeedSite site, List<String> options, List<String> jvmOptions, Map<String, String> extraEnv) {
        this.logDir = logDir;
        this.state = logDir.resolve("state");
        this.site = site;
        this.options = options;
        this.jvmOptions = jvmOptions;
        this.extraEnv = extraEnv;
    }

    /** Starts serve with the seed's environment (VSHTCHORCMINST_LOCAL=50, _REMOTE=51, VSHTCHOMRCF_MUN=2). */
    static ServeProcess start(Path dir, SeedSite site, String... options) throws Exception {
        return start(dir, site, GrpcSite.SEED_ENV, options);
    }

    /** @param site null for a server without an array (the CCI commands then fail) */
    static ServeProcess start(Path dir, SeedSite site, Map<String, String> vshtch, String... options) throws Exception {
        return start(dir, site, vshtch, List.of(), Map.of(), options);
    }

    /** With options for its JVM (-Xmx...) and extra process environment (MALLOC_*), e.g. to run it short of memory. */
    static ServeProcess start(Path dir, SeedSite site, Map<String, String> vshtch, List<String> jvmOptions, Map<String, String> env,
            String... options) throws Exception {
        ServeProcess serve = new ServeProcess(dir, site, List.of(options), jvmOptions, env);
        try {
            serve.start(vshtch);
        } catch (Exception e) {
            serve.close();
            throw e;
        }
        return serve;
    }

    /** Starts (again) with this VSHTCH* environment; returns what it printed until it listened. */
    String start(Map<String, String> vshtch) throws IOException, InterruptedException {
        if (isRunning()) {
            throw new IllegalStateException("rmvss serve is still running; kill9() or stop() it first");
        }
        log = logDir.resolve("serve-" + (++starts) + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.rmvss.cli.Main", "serve", "--state", state.toString(),
                "--horcm-dir", SeedSite.CCI_BIN.toString()));
        if (site != null) {
            command.addAll(List.of("--horcm-etc", site.etc.toString()));
        }
        command.addAll(options);
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // Only what the test gives: the developer's own VSHTCH*, HORCM* or RMVSS_* must not leak in.
        b.environment().keySet().removeIf(k -> k.startsWith("VSHTCH") || k.startsWith("HORC") || k.startsWith("RMVSS"));
        b.environment().putAll(GrpcSite.env(site, vshtch));
        b.environment().putAll(extraEnv);
        process = b.start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!log().contains("listening on")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("rmvss serve did not start within " + START_TIMEOUT.toSeconds() + " s: " + log());
            }
            process.waitFor(20, TimeUnit.MILLISECONDS);
        }
        return log();
    }

    /** What the current (or last) process printed. */
    String log() throws IOException {
        return Files.readString(log);
    }

    /** The running server's process id (for prlimit, /proc). */
    long pid() {
        return process.pid();
    }

    boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Waits until serve runs this CCI command (e.g. pairsplit) as a child process; returns it, so a test can outlive it. */
    ProcessHandle awaitCommand(String command, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> child = process.descendants().filter(p -> argv0(p).endsWith("/" + command)).findFirst();
            if (child.isPresent()) {
                return child.get();
            }
            process.waitFor(10, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException("rmvss serve did not run " + command + " within " + timeout.toSeconds() + " s");
    }

    /** The name a child was started as (bin/cci/pairsplit), which ProcessHandle.Info hides behind the symlink's target. */
    private static String argv0(ProcessHandle p) {
        try {
            String cmdline = Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline"));
            int end = cmdline.indexOf('\0');
            return end < 0 ? cmdline : cmdline.substring(0, end);
        } catch (IOException e) {
            return ""; // ended meanwhile
        }
    }

    /** SIGKILL: no shutdown hook runs, the port file stays. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("rmvss serve survived SIGKILL for 30 s");
        }
        if (process.exitValue() != 137) {
            throw new IllegalStateException("rmvss serve ended with " + process.exitValue() + ", not by SIGKILL (137)");
        }
    }

    /** SIGTERM: a clean stop. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("rmvss serve did not stop within 30 s of SIGTERM");
        }
    }

    RpcClient client() throws IOException {
        String address = Files.readString(state.resolve("port")).strip();
        return new RpcClient("127.0.0.1", Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)),
                TokenFile.load(state.resolve("token")), Duration.ofSeconds(120));
    }

    /** The admin service's list: the sets in memory and in the journal, by set id. */
    Map<String, SnapshotSetSummary> sets() throws IOException {
        Map<String, SnapshotSetSummary> sets = new HashMap<>();
        try (RpcClient admin = client()) {
            for (SnapshotSetSummary s : admin.call(ProviderAdminMethods.LIST_SNAPSHOT_SETS, ListSnapshotSetsRequest.getDefaultInstance())
                    .getSetsList()) {
                sets.put(s.getSnapshotSetId(), s);
            }
        }
        return sets;
    }

    /** Every line of events.jsonl, oldest first. */
    List<JsonNode> events() {
        Path file = state.resolve("events.jsonl");
        List<JsonNode> events = new ArrayList<>();
        try {
            if (!Files.exists(file)) {
                return events;
            }
            ObjectMapper json = new ObjectMapper();
            for (String line : Files.readAllLines(file)) {
                events.add(json.readTree(line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }

    @Override
    public void close() throws InterruptedException {
        if (isRunning()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
