package io.rmvss.cli;

import io.rmvss.array.horcm.SeedConfs;
import io.rmvss.array.LdevId;
import io.rmvss.array.SimulatedArray;
import io.rmvss.array.cci.CciCommands;
import io.rmvss.array.daemon.ArrayClient;
import io.rmvss.array.daemon.ArrayDaemon;
import io.rmvss.array.daemon.CommandLatency;
import io.rmvss.array.layout.ArrayLayout;
import io.rmvss.array.shadowimage.CreateOptions;
import io.rmvss.array.shadowimage.PairState;
import io.rmvss.array.storage.HostIo;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rmvss bench}: figures, not adjectives. CCI command latency as a shell user sees it
 * (process start of bin/cci included) and ShadowImage copy throughput against {@code cp}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure CCI command latency (p50/p99) and ShadowImage copy throughput against cp.")
final class BenchCommand implements Callable<Integer> {
    private static final LdevId COPY_PVOL = new LdevId(64001, 1);
    private static final LdevId COPY_SVOL = new LdevId(64001, 2);
    private static final Map<String, String> INST51 = Map.of("HORCMINST", "51", "HORCC_MRCF", "1");

    @Option(names = "--json", description = "print one JSON object instead of a table")
    boolean json;

    @Option(names = "--samples", defaultValue = "100", description = "runs of each CCI command (default 100)")
    int samples;

    @Option(names = "--copy-mib", defaultValue = "512", description = "MiB copied by the throughput test (default 512)")
    int copyMib;

    @Option(names = "--command-latency", defaultValue = "300ms",
            description = "latency of every CCI command in the freeze-window benchmark, as a real array's (default 300ms)")
    String commandLatency;

    @Option(names = "--groups", split = ",", defaultValue = "1,8,16,32,64",
            description = "copy-group counts of the freeze-window benchmark (default 1,8,16,32,64; at most 64)")
    List<Integer> groups;

    @Override
    public Integer call() throws Exception {
        Path root = Files.createTempDirectory("rmvss-bench");
        Map<String, Object> figures = new LinkedHashMap<>();
        try {
            cciLatency(root, figures);
            copyThroughput(root, figures);
            new CommitBench(root, CommandLatency.parseDuration(commandLatency)).run(groups, figures);
            new ControlPlaneBench(root).run(1000, figures);
        } finally {
            TempTrees.delete(root);
        }
        print(figures);
        return 0;
    }

    /** Seed topology with a pair in PAIR; the query commands a provider issues most, each run as its own process. */
    private void cciLatency(Path root, Map<String, Object> figures) throws Exception {
        Path arrayDir = Files.createDirectories(root.resolve("seed"));
        Path etc = Files.createDirectories(root.resolve("etc"));
        SimulatedArray.create(arrayDir, ArrayLayout.seedExample()).close();
        try (SimulatedArray array = SimulatedArray.open(arrayDir);
             ArrayDaemon daemon = new ArrayDaemon(array, new CciCommands(array, arrayDir.resolve("horcm")), CommandLatency.none(),
                     ArrayClient.socketOf(arrayDir))) {
            daemon.start();
            Files.writeString(etc.resolve("horcm50.conf"), SeedConfs.HORCM50);
            Files.writeString(etc.resolve("horcm51.conf"), SeedConfs.HORCM51);
            CciRunner cci = new CciRunner(Install.cciBin(), arrayDir, etc);
            expectZero(cci.run(Map.of(), "horcmstart", "50", "51"));
            expectZero(cci.run(INST51, "paircreate", "-g", "snap", "-vr"));
            expectZero(cci.run(INST51, "pairevtwait", "-g", "snap", "-s", "pair", "-t", "60"));
            List<String[]> commands = List.of(
                    new String[] {"pairdisplay", "-g", "snap", "-fcx"},
                    new String[] {"pairvolchk", "-g", "snap", "-ss"},
                    new String[] {"pairevtwait", "-g", "snap", "-s", "pair", "-nowait"},
                    new String[] {"raidqry", "-l"},
                    new String[] {"inqraid", "-CLI", "$Phy"});
            List<Long> all = new ArrayList<>();
            // Warm-up runs are not counted: a long-running daemon has compiled its hot paths long before.
            for (String[] command : commands) {
                for (int i = 0; i < 20; i++) {
                    cci.run(INST51, command[0], java.util.Arrays.copyOfRange(command, 1, command.length));
                }
            }
            for (String[] command : commands) {
                List<Long> times = new ArrayList<>();
                for (int i = 0; i < samples; i++) {
                    long start = System.nanoTime();
                    cci.run(INST51, command[0], java.util.Arrays.copyOfRange(command, 1, command.length));
                    times.add(System.nanoTime() - start);
                }
                all.addAll(times);
                figures.put("cci_" + command[0] + "_p50_ms", millis(percentile(times, 50)));
            }
            figures.put("cci_cmd_p50_ms", millis(percentile(all, 50)));
            figures.put("cci_cmd_p99_ms", millis(percentile(all, 99)));
            expectZero(cci.run(Map.of(), "horcmshutdown", "50", "51"));
        }
    }

    /** A full initial copy of a volume holding data in every track, against cp of the same bytes (both made durable). */
    private void copyThroughput(Path root, Map<String, Object> figures) throws Exception {
        long bytes = (long) copyMib << 20;
        Path arrayDir = root.resolve("copy");
        SimulatedArray.create(arrayDir, ArrayLayout.parse(copyLayout(copyMib))).close();
        Path source = root.resolve("cp-source.bin");
        try (SimulatedArray array = SimulatedArray.open(arrayDir); OutputStream file = Files.newOutputStream(source)) {
            SplittableRandom random = new SplittableRandom(1);
            byte[] block = new byte[HostIo.TRACK_SIZE];
            long start = System.nanoTime();
            for (long done = 0; done < bytes; done += block.length) {
                random.nextBytes(block);
                array.io().write(COPY_PVOL, done, block, 0, block.length);
                file.write(block);
            }
            figures.put("host_write_mb_s", mbPerSecond(bytes, System.nanoTime() - start));

            long copyStart = System.nanoTime();
            array.shadowImage().create(COPY_PVOL, COPY_SVOL, 0, CreateOptions.defaults());
            var done = array.shadowImage().await(COPY_PVOL, 0, p -> p.state() == PairState.PAIR, Duration.ofMinutes(10));
            long copyNanos = System.nanoTime() - copyStart;
            if (done.state() != PairState.PAIR) {
                throw new IllegalStateException("initial copy did not finish within 10 minutes: " + done);
            }
            figures.put("copy_mb_s", mbPerSecond(bytes, copyNanos));
        }
        Path target = root.resolve("cp-target.bin");
        long cpStart = System.nanoTime();
        Process cp = new ProcessBuilder("sh", "-c", "cp \"$0\" \"$1\" && sync \"$1\"", source.toString(), target.toString())
                .inheritIO().start();
        if (!cp.waitFor(10, TimeUnit.MINUTES) || cp.exitValue() != 0) {
            throw new IllegalStateException("cp of " + copyMib + " MiB failed");
        }
        figures.put("cp_mb_s", mbPerSecond(bytes, System.nanoTime() - cpStart));
        figures.put("copy_mib", copyMib);
    }

    private static String copyLayout(int mib) {
        return """
                {"systems": [{"serial": 64001, "model": "RAID700", "microcode": "70-06-70/00", "revision": "7006", "cacheMb": 65536,
                  "ldevs": [{"ldev": 0, "size": "48MiB", "productId": "OPEN-V-CM", "commandDevice": true},
                            {"ldev": 1, "size": "%1$dMiB", "productId": "OPEN-V"},
                            {"ldev": 2, "size": "%1$dMiB", "productId": "OPEN-V"}],
                  "luns": [{"port": "CL1-A", "targetId": 0, "lun": 0, "ldev": 0},
                           {"port": "CL1-A", "targetId": 0, "lun": 1, "ldev": 1},
                           {"port": "CL1-A", "targetId": 0, "lun": 2, "ldev": 2}]}],
                 "host": {"disks": [{"disk": 0, "serial": 64001, "port": "CL1-A", "targetId": 0, "lun": 0},
                                    {"disk": 1, "serial": 64001, "port": "CL1-A", "targetId": 0, "lun": 1},
                                    {"disk": 2, "serial": 64001, "port": "CL1-A", "targetId": 0, "lun": 2}],
                          "driveLetters": []}}
                """.formatted(mib);
    }

    private void print(Map<String, Object> figures) {
        if (json) {
            StringBuilder out = new StringBuilder("{");
            figures.forEach((k, v) -> out.append(out.length() > 1 ? ", " : "").append('"').append(k).append("\": ").append(v));
            System.out.println(out.append('}'));
            return;
        }
        System.out.println("rmvss bench (" + samples + " runs per CCI command, " + copyMib + " MiB copy)");
        System.out.printf("  CCI command latency, bin/cci process included: p50 %s ms, p99 %s ms%n",
                figures.get("cci_cmd_p50_ms"), figures.get("cci_cmd_p99_ms"));
        figures.forEach((k, v) -> {
            if (k.startsWith("cci_") && k.endsWith("_p50_ms") && !k.equals("cci_cmd_p50_ms")) {
                System.out.printf("    %-12s p50 %s ms%n", k.substring(4, k.length() - 7), v);
            }
        });
        System.out.printf("  host writes to a P-VOL (durable):   %s MB/s%n", figures.get("host_write_mb_s"));
        System.out.printf("  ShadowImage initial copy (durable): %s MB/s%n", figures.get("copy_mb_s"));
        System.out.printf("  cp + sync of the same bytes:        %s MB/s%n", figures.get("cp_mb_s"));
        System.out.printf("  control plane (rmvss serve): listening after %s ms, resident memory %s MB%n",
                figures.get("start_ms"), figures.get("rss_mb"));
        System.out.printf("  provider call round trip (GetProviderCapabilities natively through the bridge): p50 %s us, p99 %s us%n",
                figures.get("rpc_native_p50_us"), figures.get("rpc_native_p99_us"));
        System.out.printf("  provider call round trip (AbortSnapshots through rmvssprv.dll under Wine):      p50 %s us, p99 %s us%n",
                figures.get("rpc_wine_p50_us"), figures.get("rpc_wine_p99_us"));
        System.out.printf("  CommitSnapshots (freeze window), every CCI command taking %s ms:%n", figures.get("commit_latency_ms"));
        System.out.println("    copy groups   parallel split (ms)   one after another (ms)");
        for (int n : groups) {
            System.out.printf("    %11d   %19s   %22s%n", n, figures.get("commit_ms_N" + n), figures.get("sequential_ms_N" + n));
        }
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    private static String millis(long nanos) {
        return String.format("%.2f", nanos / 1e6);
    }

    private static String mbPerSecond(long bytes, long nanos) {
        return String.format("%.0f", bytes / 1e6 / (nanos / 1e9));
    }

    private static void expectZero(CciRunner.Result r) {
        if (r.exit() != 0) {
            throw new IllegalStateException("bench set-up command failed (" + r.exit() + "): " + r.err().strip());
        }
    }
}
