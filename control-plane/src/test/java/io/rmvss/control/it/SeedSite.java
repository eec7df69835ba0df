package io.rmvss.control.it;

import io.rmvss.array.horcm.SeedConfs;
import io.rmvss.array.SimulatedArray;
import io.rmvss.array.daemon.ArrayClient;
import io.rmvss.array.layout.ArrayLayout;
import io.rmvss.control.cci.CciInstallation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The seed's 3.7.2 site on the simulated array: a daemon process, horcm50.conf (P-VOL LU 1, MU#2) and
 * horcm51.conf (S-VOL LU 2) in an etc directory, instances 50 and 51 started, the S-VOL hidden (-vg idb) and
 * the pair created with -m noread and in PAIR. Commands run through the real bin/cci.
 */
final class SeedSite implements AutoCloseable {
    static final Path REPO = Path.of(System.getProperty("rmvss.repo", "..")).toAbsolutePath().normalize();
    static final Path CCI_BIN = REPO.resolve("bin/cci");
    static final Map<String, String> INST50 = Map.of("HORCMINST", "50", "HORCC_MRCF", "1");
    static final Map<String, String> INST51 = Map.of("HORCMINST", "51", "HORCC_MRCF", "1");

    record Result(int exit, String out, String err) {
    }

    final Path data;
    final Path etc;
    private Process daemon;

    private SeedSite(Path data, Path etc) {
        this.data = data;
        this.etc = etc;
    }

    static SeedSite start(Path root) throws Exception {
        return start(root, List.of());
    }

    /** @param daemonOptions passed to {@code rmvss array serve}, e.g. {@code --latency pairvolchk=30s} */
    static SeedSite start(Path root, List<String> daemonOptions) throws Exception {
        SeedSite site = withLayout(root, ArrayLayout.seedExample(), daemonOptions);
        Files.writeString(site.etc.resolve("horcm50.conf"), SeedConfs.HORCM50);
        Files.writeString(site.etc.resolve("horcm51.conf"), SeedConfs.HORCM51);
        site.check(Map.of(), "horcmstart", "50", "51");
        site.check(INST51, "raidvchkset", "-g", "snap", "-vg", "idb");
        site.check(INST51, "paircreate", "-g", "snap", "-vr", "-m", "noread");
        site.check(INST51, "pairevtwait", "-g", "snap", "-s", "pair", "-t", "60");
        return site;
    }

    /** The simulated array with {@code layout} and its daemon only: no conf written, no instance started (sites other than 3.7.2's). */
    static SeedSite withLayout(Path root, ArrayLayout layout) throws Exception {
        return withLayout(root, layout, List.of());
    }

    static SeedSite withLayout(Path root, ArrayLayout layout, List<String> daemonOptions) throws Exception {
        if (!Files.isExecutable(REPO.resolve("build/rmvss-cci"))) {
            throw new IllegalStateException("build the native CCI front end first: cmake -S . -B build && cmake --build build");
        }
        SeedSite site = new SeedSite(Files.createDirectories(root.resolve("array")), Files.createDirectories(root.resolve("etc")));
        SimulatedArray.create(site.data, layout).close();
        site.startDaemon(daemonOptions);
        return site;
    }

    CciInstallation installation() {
        return installation(CCI_BIN);
    }

    CciInstallation installation(Path commandDir) {
        return new CciInstallation(commandDir, etc, Map.of("RMVSS_ARRAY", data.toString()), Duration.ofSeconds(60));
    }

    private void startDaemon(List<String> options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.rmvss.cli.Main", "array", "serve", "--data", data.toString()));
        command.addAll(options);
        daemon = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(data.resolve("daemon.log").toFile()).start();
        Path socket = ArrayClient.socketOf(data);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!(Files.exists(socket) && ArrayClient.isServing(socket))) {
            if (!daemon.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("array daemon did not start: " + Files.readString(data.resolve("daemon.log")));
            }
            daemon.waitFor(20, TimeUnit.MILLISECONDS);
        }
    }

    Result cci(Map<String, String> env, String command, String... args) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(CCI_BIN.resolve(command).toString()));
        line.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(line).directory(etc.toFile());
        b.environment().keySet().removeIf(k -> k.startsWith("HORC"));
        b.environment().put("RMVSS_ARRAY", data.toString());
        b.environment().putAll(env);
        Path out = Files.createTempFile(etc, "out", ".txt");
        Path err = Files.createTempFile(etc, "err", ".txt");
        Process p = b.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(line + " hung");
        }
        Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    Result check(Map<String, String> env, String command, String... args) throws IOException, InterruptedException {
        Result r = cci(env, command, args);
        if (r.exit() != 0) {
            throw new IllegalStateException(command + " " + String.join(" ", args) + " exited " + r.exit() + ": " + r.err());
        }
        return r;
    }

    /** {@code P/S Status} of the P-VOL and S-VOL lines of pairdisplay through instance 50: e.g. [P-VOL PSUS, S-VOL COPY]. */
    List<String> statuses() throws IOException, InterruptedException {
        return check(INST50, "pairdisplay", "-g", "snap", "-CLI").out().lines().skip(1)
                .map(l -> l.trim().split("\\s+")).map(t -> t[9] + " " + t[10]).toList();
    }

    /** kill -9 of the array daemon: commands in flight lose their connection, later ones find no array. */
    void killDaemon() throws InterruptedException {
        daemon.destroyForcibly();
        daemon.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        if (daemon != null && daemon.isAlive()) {
            daemon.destroy();
            if (!daemon.waitFor(10, TimeUnit.SECONDS)) {
                daemon.destroyForcibly();
            }
        }
    }
}
