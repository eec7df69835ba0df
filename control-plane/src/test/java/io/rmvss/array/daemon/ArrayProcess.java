package io.rmvss.array.daemon;

import io.rmvss.array.SimulatedArray;
import io.rmvss.array.layout.ArrayLayout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A simulated array served by a real daemon process (so a test can kill -9 it), driven through
 * the real bin/cci commands, as a user on a host would. Public: the control plane's system tests
 * (io.rmvss.control.it.SeedSite) run their array with it too.
 */
public final class ArrayProcess implements AutoCloseable {
    /** What a command printed and returned. */
    public record Result(int exit, String out, String err) {
        public List<String> lines() {
            return out.lines().toList();
        }
    }

    public static final Path REPO = Path.of(System.getProperty("rmvss.repo", "..")).toAbsolutePath().normalize();
    public static final Path CCI_BIN = REPO.resolve("bin/cci");

    public final Path dataDir;
    public final Path workDir;
    private List<String> serveOptions;
    private Process daemon;

    private ArrayProcess(Path dataDir, Path workDir, List<String> serveOptions) {
        this.dataDir = dataDir;
        this.workDir = workDir;
        this.serveOptions = serveOptions;
    }

    public static ArrayProcess create(Path root, ArrayLayout layout, String... serveOptions) throws IOException, InterruptedException {
        Path native_ = REPO.resolve("build/rmvss-cci");
        if (!Files.isExecutable(native_)) {
            throw new IllegalStateException(native_ + " is missing: build the native CCI front end first with "
                    + "'cmake -S . -B build && cmake --build build' (./setup-and-run test does it)");
        }
        Path data = Files.createDirectories(root.resolve("array"));
        Path work = Files.createDirectories(root.resolve("etc"));
        SimulatedArray.create(data, layout).close();
        ArrayProcess array = new ArrayProcess(data, work, List.of(serveOptions));
        array.start();
        return array;
    }

    public void start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.rmvss.cli.Main", "array", "serve", "--data", dataDir.toString()));
        command.addAll(serveOptions);
        daemon = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("daemon.log").toFile()).start();
        Path socket = ArrayClient.socketOf(dataDir);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!(Files.exists(socket) && ArrayClient.isServing(socket))) {
            if (!daemon.isAlive()) {
                throw new IllegalStateException("array daemon exited: " + Files.readString(dataDir.resolve("daemon.log")));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("array daemon did not listen within 30 s");
            }
            daemon.waitFor(20, TimeUnit.MILLISECONDS);
        }
    }

    /** The next {@link #start()} serves with these options instead (e.g. without --hold-copy). */
    public void serveWith(String... options) {
        serveOptions = List.of(options);
    }

    public boolean isRunning() {
        return daemon != null && daemon.isAlive();
    }

    /** kill -9: no shutdown hook, no flush. */
    public void kill() throws InterruptedException {
        daemon.destroyForcibly();
        daemon.waitFor();
    }

    /** Runs a bin/cci command with HORCMINST (and HORCC_MRCF) as a shell user would set them. */
    public Result cci(Map<String, String> env, String command, String... args) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        line.add(CCI_BIN.resolve(command).toString());
        line.addAll(List.of(args));
        return run(line, env);
    }

    public Result io(String... args) throws IOException, InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new ArrayClient(ArrayClient.socketOf(dataDir)).io(List.of(args), workDir, out, err);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    public Result run(List<String> line, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(line).directory(workDir.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(k -> k.startsWith("HORC"));
        environment.put("RMVSS_ARRAY", dataDir.toString());
        environment.putAll(env);
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        Process p = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close(); // nothing piped in unless the command line pipes it itself
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(line + " did not finish within 120 s");
        }
        Result result = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return result;
    }

    public static Map<String, String> env(String... keyValues) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            env.put(keyValues[i], keyValues[i + 1]);
        }
        return env;
    }

    @Override
    public void close() throws InterruptedException {
        if (daemon != null && daemon.isAlive()) {
            daemon.destroy();
            if (!daemon.waitFor(10, TimeUnit.SECONDS)) {
                daemon.destroyForcibly();
            }
        }
    }
}
