package io.rmvss.cli;

import io.rmvss.array.SimulatedArray;
import io.rmvss.array.cci.CciCommands;
import io.rmvss.array.daemon.ArrayClient;
import io.rmvss.array.daemon.ArrayDaemon;
import io.rmvss.array.daemon.CommandLatency;
import io.rmvss.array.horcm.SeedConfs;
import io.rmvss.array.layout.ArrayLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The control plane as a process: how long {@code rmvss serve} takes to listen, its resident
 * memory, and the round trip of one provider call from C++ (the bridge natively, and the DLL
 * under Wine) to it.
 */
final class ControlPlaneBench {
    private static final Pattern PERCENTILES = Pattern.compile("p50 ([0-9.]+) ms, p99 ([0-9.]+) ms");

    private final Path root;

    ControlPlaneBench(Path root) {
        this.root = root;
    }

    void run(int calls, Map<String, Object> figures) throws Exception {
        Path dir = Files.createDirectories(root.resolve("control"));
        Path arrayDir = dir.resolve("array");
        Path etc = Files.createDirectories(dir.resolve("etc"));
        SimulatedArray.create(arrayDir, ArrayLayout.seedExample()).close();
        Files.writeString(etc.resolve("horcm50.conf"), SeedConfs.HORCM50);
        Files.writeString(etc.resolve("horcm51.conf"), SeedConfs.HORCM51);
        try (SimulatedArray array = SimulatedArray.open(arrayDir);
             ArrayDaemon daemon = new ArrayDaemon(array, new CciCommands(array, arrayDir.resolve("horcm")), CommandLatency.none(),
                     ArrayClient.socketOf(arrayDir));
             VssCycle vss = new VssCycle(dir, arrayDir, etc)) {
            daemon.start();
            CciRunner cci = new CciRunner(Install.cciBin(), arrayDir, etc);
            if (cci.run(Map.of(), "horcmstart", "50", "51").exit() != 0) {
                throw new IllegalStateException("horcmstart 50 51 failed in the control-plane benchmark");
            }
            long start = System.nanoTime();
            vss.startControlPlane(DemoCommand.SEED_ENVIRONMENT);
            figures.put("start_ms", (System.nanoTime() - start) / 1_000_000);

            Path nativeBench = Install.home().resolve("build/provider-native/rmvss-bench-rpc");
            if (Files.isExecutable(nativeBench)) {
                ProcessBuilder b = new ProcessBuilder(nativeBench.toString(), "--state", vss.stateDir().toString(),
                        "--rpc", "GetProviderCapabilities", "-n", String.valueOf(calls)).redirectErrorStream(true);
                Process p = b.start();
                String out = new String(p.getInputStream().readAllBytes());
                p.waitFor();
                percentiles(out, "rpc_native", figures);
            } else {
                figures.put("rpc_native_p50_us", "null");
                figures.put("rpc_native_p99_us", "null");
            }
            if (VssCycle.missingTools().isEmpty()) {
                CciRunner.Result wine = vss.harnessOutput("vsscoord", "bench", "--count", String.valueOf(Math.min(calls, 300)));
                percentiles(wine.out(), "rpc_wine", figures);
            } else {
                figures.put("rpc_wine_p50_us", "null");
                figures.put("rpc_wine_p99_us", "null");
            }
            figures.put("rss_mb", vss.controlPlaneRssKb() / 1024);
            cci.run(Map.of(), "horcmshutdown", "50", "51");
        }
    }

    /** The harnesses print "p50 X ms, p99 Y ms"; the figures are in microseconds. */
    private static void percentiles(String output, String key, Map<String, Object> figures) {
        Matcher m = PERCENTILES.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException(key + " benchmark printed no percentiles: " + output.strip());
        }
        figures.put(key + "_p50_us", Math.round(Double.parseDouble(m.group(1)) * 1000));
        figures.put(key + "_p99_us", Math.round(Double.parseDouble(m.group(2)) * 1000));
    }
}
