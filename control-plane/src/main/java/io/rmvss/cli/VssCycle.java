package io.rmvss.cli;

import io.rmvss.array.LdevId;
import io.rmvss.array.SimulatedArray;
import io.rmvss.array.host.Inquiry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The backup as Windows runs it: the VSS coordinator harness (bin/vsscoord, under Wine) calls
 * rmvssprv.dll, which forwards each provider call over gRPC to {@code rmvss serve}, which drives
 * bin/cci against the simulated array. Used by the demo when Wine and MinGW-w64 are there.
 */
final class VssCycle implements AutoCloseable {
    private final Path root;
    private final Path arrayDir;
    private final Path etc;
    private final Path state;
    private Process controlPlane;

    VssCycle(Path root, Path arrayDir, Path etc) {
        this.root = root;
        this.arrayDir = arrayDir;
        this.etc = etc;
        this.state = root.resolve("control");
    }

    /** Wine and MinGW-w64 are what the provider DLL needs here; without them the demo says how to get them. */
    static String missingTools() {
        List<String> missing = new ArrayList<>();
        if (!onPath("wine")) {
            missing.add("wine wine64");
        }
        if (!onPath("x86_64-w64-mingw32-g++-posix")) {
            missing.add("g++-mingw-w64-x86-64-posix");
        }
        return String.join(" ", missing);
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** rmvss serve with the seed's 3.7.1 environment, as the VSS service would see it after the reboot. */
    /** Starts rmvss serve and returns the address it listens on, once it does. */
    String startControlPlane(Map<String, String> seedEnvironment) throws IOException, InterruptedException {
        Files.createDirectories(state);
        ProcessBuilder builder = new ProcessBuilder(Install.home().resolve("bin/rmvss").toString(), "serve", "--state",
                state.toString(), "--horcm-etc", etc.toString())
                .redirectErrorStream(true).redirectOutput(root.resolve("control-plane.log").toFile());
        builder.environment().putAll(seedEnvironment);
        builder.environment().put("RMVSS_ARRAY", arrayDir.toString());
        controlPlane = builder.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.exists(state.resolve("port"))) {
            if (!controlPlane.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("rmvss serve did not start: " + Files.readString(root.resolve("control-plane.log")));
            }
            controlPlane.waitFor(100, TimeUnit.MILLISECONDS);
        }
        return Files.readString(state.resolve("port")).strip();
    }

    Path stateDir() {
        return state;
    }

    /** Resident memory of the control plane process, from /proc (Linux). */
    long controlPlaneRssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(controlPlane.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS for process " + controlPlane.pid());
    }

    /**
     * A LUN file for the harness: vendor, product and revision as the host reads them from the
     * P-VOL (an INVISIBLE S-VOL answers no inquiry; 3.7.4 requires them equal), page 0x80/0x83 of
     * {@code ldev} derived by the harness from serial and LDEV as the array does.
     */
    Path lunFile(SimulatedArray array, LdevId visible, LdevId ldev, String name) throws IOException {
        Inquiry inquiry = array.inquiry(visible).orElseThrow(() -> new IllegalStateException(visible + " answers no inquiry"));
        String text = """
                device = \\\\?\\scsi#disk&ven_hitachi&prod_%s#1&%05x&0&%06x
                vendor = %s
                product = %s
                revision = %s
                bus = fibre
                array = %d %d
                """.formatted(inquiry.product().strip().toLowerCase(), ldev.serial(), ldev.ldev(), inquiry.vendor().strip(),
                inquiry.product().strip(), inquiry.revision().strip(), ldev.serial(), ldev.ldev());
        Path file = root.resolve(name + ".luns");
        Files.writeString(file, text);
        return file;
    }

    /** Runs bin/vsscoord or bin/vssadmin, showing its lines as they come; returns the exit code. */
    int harness(String tool, String... args) throws IOException, InterruptedException {
        return run(true, tool, args).exit();
    }

    /** Runs bin/vsscoord or bin/vssadmin quietly; returns its exit code and output. */
    CciRunner.Result harnessOutput(String tool, String... args) throws IOException, InterruptedException {
        return run(false, tool, args);
    }

    private CciRunner.Result run(boolean show, String tool, String... args) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(Install.home().resolve("bin").resolve(tool).toString()));
        line.addAll(List.of(args));
        StringBuilder shown = new StringBuilder("  $ ").append(tool);
        for (String a : args) {
            shown.append(' ').append(a.startsWith("/") ? Path.of(a).getFileName() : a);
        }
        if (show) {
            System.out.println(shown);
        }
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
        builder.environment().put("RMVSS_CONTROL_STATE", state.toString());
        builder.environment().put("RMVSS_EVENT_FILE", root.resolve("provider-events.jsonl").toString());
        builder.environment().putIfAbsent("WINEDEBUG", "-all");
        Process p = builder.start();
        p.getOutputStream().close();
        StringBuilder output = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l; (l = out.readLine()) != null; ) {
                output.append(l).append('\n');
                if (show) {
                    System.out.println("  " + l);
                }
            }
        }
        return new CciRunner.Result(p.waitFor(), output.toString(), "");
    }

    @Override
    public void close() throws InterruptedException {
        if (controlPlane != null && controlPlane.isAlive()) {
            controlPlane.destroy();
            if (!controlPlane.waitFor(10, TimeUnit.SECONDS)) {
                controlPlane.destroyForcibly();
            }
        }
    }
}
