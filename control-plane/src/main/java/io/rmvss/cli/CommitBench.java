package io.rmvss.cli;

import io.rmvss.array.LdevId;
import io.rmvss.array.SimulatedArray;
import io.rmvss.array.cci.CciCommands;
import io.rmvss.array.daemon.ArrayClient;
import io.rmvss.array.daemon.ArrayDaemon;
import io.rmvss.array.daemon.CommandLatency;
import io.rmvss.array.layout.ArrayLayout;
import io.rmvss.array.shadowimage.CreateOptions;
import io.rmvss.array.shadowimage.PairState;
import io.rmvss.control.cci.CciInstallation;
import io.rmvss.control.cci.CommandCciDriver;
import io.rmvss.control.config.ProviderConfig;
import io.rmvss.control.events.Events;
import io.rmvss.control.journal.MemoryJournal;
import io.rmvss.control.luns.LunInfo;
import io.rmvss.control.snapshot.ProviderSettings;
import io.rmvss.control.snapshot.SnapshotProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The freeze window: how long CommitSnapshots takes for a snapshot set of N copy groups when
 * every CCI command takes as long as on a real array, against splitting the N groups one after
 * another. The control plane drives bin/cci against the simulated array, as on a site.
 */
final class CommitBench {
    private static final int SERIAL = 64002;
    private static final int MAX_GROUPS = 64;

    private final Path root;
    private final Duration latency;

    CommitBench(Path root, Duration latency) {
        this.root = root;
        this.latency = latency;
    }

    void run(List<Integer> groupCounts, Map<String, Object> figures) throws Exception {
        Path arrayDir = Files.createDirectories(root.resolve("commit"));
        Path etc = Files.createDirectories(root.resolve("commit-etc"));
        SimulatedArray.create(arrayDir, ArrayLayout.parse(layout())).close();
        Files.writeString(etc.resolve("horcm50.conf"), conf(52050, 52051, 0));
        Files.writeString(etc.resolve("horcm51.conf"), conf(52051, 52050, MAX_GROUPS));
        try (SimulatedArray array = SimulatedArray.open(arrayDir);
             ArrayDaemon daemon = new ArrayDaemon(array, new CciCommands(array, arrayDir.resolve("horcm")), CommandLatency.none(),
                     ArrayClient.socketOf(arrayDir))) {
            daemon.start();
            for (int g = 1; g <= MAX_GROUPS; g++) {
                array.shadowImage().create(pvol(g), svol(g), 0, CreateOptions.defaults());
            }
            CciRunner cci = new CciRunner(Install.cciBin(), arrayDir, etc);
            expectZero(cci.run(Map.of(), "horcmstart", "50", "51"));
            awaitAllPair(array);
            daemon.setLatency(new CommandLatency(latency, Map.of()));

            CciInstallation installation = new CciInstallation(Install.cciBin(), etc, Map.of("RMVSS_ARRAY", arrayDir.toString()),
                    Duration.ofSeconds(120));
            ProviderConfig config = ProviderConfig.fromEnvironment(Map.of("VSHTCHORCMINST_LOCAL", "50",
                    "VSHTCHORCMINST_REMOTE", "51", "VSHTCHOMRCF_MUN", "0"));
            try (SnapshotProvider provider = new SnapshotProvider(config, ProviderSettings.defaults(),
                    new CommandCciDriver(installation), Events.discarding(), new MemoryJournal())) {
                provider.onLoad();
                for (int n : groupCounts) {
                    List<LunInfo> luns = new ArrayList<>();
                    for (int g = 1; g <= n; g++) {
                        luns.add(CoordinatorLuns.of(array, pvol(g)));
                    }
                    figures.put("commit_ms_N" + n, commitMillis(provider, luns));
                    awaitAllPair(array);
                    figures.put("sequential_ms_N" + n, sequentialMillis(cci, n));
                    for (int g = 1; g <= n; g++) {
                        array.shadowImage().resync(pvol(g), 0, true);
                    }
                    awaitAllPair(array);
                }
            }
            daemon.setLatency(CommandLatency.none());
            expectZero(cci.run(Map.of(), "horcmshutdown", "50", "51"));
        }
        figures.put("commit_latency_ms", latency.toMillis());
    }

    /** The coordinator's create sequence; only CommitSnapshots is timed. Abort then resyncs what split. */
    private static long commitMillis(SnapshotProvider provider, List<LunInfo> luns) {
        String set = UUID.randomUUID().toString();
        if (!provider.areLunsSupported(luns, 0)) {
            throw new IllegalStateException("the provider does not support the benchmark's LUNs");
        }
        provider.beginPrepareSnapshot(set, UUID.randomUUID().toString(), 0, luns);
        provider.endPrepareSnapshots(set);
        provider.preCommitSnapshots(set);
        long start = System.nanoTime();
        provider.commitSnapshots(set);
        long millis = (System.nanoTime() - start) / 1_000_000;
        provider.abortSnapshots(set);
        return millis;
    }

    /** What a provider that split one copy group after another would spend inside the freeze. */
    private static long sequentialMillis(CciRunner cci, int n) throws Exception {
        Map<String, String> env = Map.of("HORCMINST", "50", "HORCC_MRCF", "1");
        long start = System.nanoTime();
        for (int g = 1; g <= n; g++) {
            expectZero(cci.run(env, "pairsplit", "-g", "g" + g, "-fq", "quick"));
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void awaitAllPair(SimulatedArray array) throws InterruptedException {
        for (int g = 1; g <= MAX_GROUPS; g++) {
            var info = array.shadowImage().await(pvol(g), 0, p -> p.state() == PairState.PAIR, Duration.ofMinutes(2));
            if (info.state() != PairState.PAIR) {
                throw new IllegalStateException("pair of group g" + g + " did not reach PAIR: " + info.state());
            }
        }
    }

    private static LdevId pvol(int group) {
        return new LdevId(SERIAL, group);
    }

    private static LdevId svol(int group) {
        return new LdevId(SERIAL, MAX_GROUPS + group);
    }

    /** One command device, 64 P-VOLs and 64 S-VOLs on CL1-A, each a host disk. */
    private static String layout() {
        return """
                {"systems": [{"serial": %1$d, "model": "RAID700", "microcode": "70-06-70/00", "revision": "7006", "cacheMb": 65536,
                  "ldevs": [{"ldev": 0, "size": "48MiB", "productId": "OPEN-V-CM", "commandDevice": true},
                            {"from": 1, "count": %2$d, "size": "16MiB", "productId": "OPEN-V"}],
                  "luns": [{"port": "CL1-A", "targetId": 0, "fromLun": 0, "fromLdev": 0, "count": %3$d}]}],
                 "host": {"disks": [{"fromDisk": 0, "count": %3$d, "serial": %1$d, "port": "CL1-A", "targetId": 0, "fromLun": 0}],
                          "driveLetters": []}}
                """.formatted(SERIAL, 2 * MAX_GROUPS, 2 * MAX_GROUPS + 1);
    }

    /** horcm50.conf (P-VOLs, LU 1..64) or horcm51.conf (S-VOLs, LU 65..128): one copy group per pair. */
    private static String conf(int service, int partner, int luOffset) {
        StringBuilder text = new StringBuilder("""
                HORCM_MON
                127.0.0.1 %d 1000 3000
                HORCM_CMD
                \\\\.\\PhysicalDrive0
                HORCM_DEV
                """.formatted(service));
        for (int g = 1; g <= MAX_GROUPS; g++) {
            text.append("g%d dev%d CL1-A 0 %d 0%n".formatted(g, g, luOffset + g));
        }
        text.append("HORCM_INST\n");
        for (int g = 1; g <= MAX_GROUPS; g++) {
            text.append("g%d 127.0.0.1 %d%n".formatted(g, partner));
        }
        return text.toString();
    }

    private static void expectZero(CciRunner.Result r) {
        if (r.exit() != 0) {
            throw new IllegalStateException("commit bench command failed (" + r.exit() + "): " + r.err().strip());
        }
    }
}
