package io.rmvss.cli;

import io.rmvss.array.SimulatedArray;
import io.rmvss.array.cci.CciCommands;
import io.rmvss.array.daemon.ArrayClient;
import io.rmvss.array.daemon.ArrayDaemon;
import io.rmvss.array.daemon.CommandLatency;
import io.rmvss.array.horcm.SeedConfs;
import io.rmvss.array.layout.ArrayLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/** {@code rmvss array}: create, serve and use the embedded simulated Hitachi array. */
@Command(name = "array", mixinStandardHelpOptions = true,
        description = "The embedded simulated Hitachi array (LDEVs on sparse files, ShadowImage, HORCM instances, CCI commands in bin/cci).",
        subcommands = {ArrayCommand.Init.class, ArrayCommand.Serve.class, ArrayCommand.Stop.class,
                ArrayCommand.Status.class, ArrayCommand.Io.class, ArrayCommand.SeedConfsCommand.class})
final class ArrayCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** Where the array lives unless --data says otherwise; bin/cci finds it the same way (RMVSS_ARRAY). */
    static Path defaultDataDir() {
        String env = System.getenv("RMVSS_ARRAY");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".rmvss", "array");
    }

    abstract static class DataDirOption {
        @Option(names = "--data", paramLabel = "DIR", description = "array data directory (default: $RMVSS_ARRAY or ~/.rmvss/array)")
        Path data;

        Path dataDir() {
            return (data != null ? data : defaultDataDir()).toAbsolutePath();
        }
    }

    @Command(name = "init", mixinStandardHelpOptions = true, description = "Create an array: LDEVs, ports, host disks.")
    static final class Init extends DataDirOption implements Callable<Integer> {
        @Option(names = "--layout", defaultValue = "seed-example", paramLabel = "seed-example|FILE",
                description = "topology: 'seed-example' (the manual's 3.7.2: serial 62496, CL2-C, LDEV 16/18/19) or a JSON layout file")
        String layout;

        @Override
        public Integer call() throws Exception {
            ArrayLayout chosen = "seed-example".equals(layout) ? ArrayLayout.seedExample() : ArrayLayout.read(Path.of(layout));
            try (SimulatedArray array = SimulatedArray.create(dataDir(), chosen)) {
                array.systems().forEach(s -> System.out.printf("created array serial %d (%s), %d host disks, in %s%n",
                        s.serial(), s.model(), array.hostDisks().size(), dataDir()));
            }
            return 0;
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Run the array daemon on a Unix socket in the data directory (for bin/cci and rmvss array io).")
    static final class Serve extends DataDirOption implements Callable<Integer> {
        @Option(names = "--command-latency", paramLabel = "D", description = "make every CCI command take this long, e.g. 300ms")
        String commandLatency;

        @Option(names = "--latency", paramLabel = "CMD=D", description = "per-command latency, e.g. pairsplit=500ms (repeatable)")
        List<String> overrides = new ArrayList<>();

        @Option(names = "--hold-copy", description = "hold the background copy: pending tracks stay pending (a quick split stays in COPY)"
                + " until the daemon is started again without this option. For tests and demos that need a copy in progress")
        boolean holdCopy;

        @Override
        public Integer call() throws Exception {
            Path dir = dataDir();
            CommandLatency latency = CommandLatency.parse(commandLatency, overrides);
            try (SimulatedArray array = SimulatedArray.open(dir);
                 ArrayDaemon daemon = new ArrayDaemon(array, new CciCommands(array, dir.resolve("horcm")), latency,
                         ArrayClient.socketOf(dir))) {
                if (holdCopy) {
                    array.engine().pauseBackgroundCopy();
                }
                daemon.start();
                Runtime.getRuntime().addShutdownHook(new Thread(daemon::close));
                System.out.println("array daemon serving " + daemon.socket() + " (set RMVSS_ARRAY=" + dir + " for bin/cci)");
                daemon.awaitStop();
            }
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the array daemon (state is kept).")
    static final class Stop extends DataDirOption implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            return client(dataDir()).stop(System.out, System.err);
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show the array daemon's arrays and pairs.")
    static final class Status extends DataDirOption implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            return client(dataDir()).status(System.out, System.err);
        }
    }

    @Command(name = "io", mixinStandardHelpOptions = true,
            description = "Host I/O on a LUN: read DEV OFFSET LENGTH [--out FILE] | write DEV OFFSET (--text T | --file F)"
                    + " | fill DEV OFFSET LENGTH [--seed N] | sum DEV [OFFSET LENGTH]. DEV: Harddisk1, \\\\.\\PhysicalDrive1, E: or SERIAL:LDEV.")
    static final class Io extends DataDirOption implements Callable<Integer> {
        // The verb's own options (--seed, --out, --text, --file) pass through to the daemon untouched.
        @Unmatched
        List<String> words = new ArrayList<>();

        @Override
        public Integer call() throws IOException {
            if (words.size() < 2) {
                throw new IllegalArgumentException("give a verb and a device, e.g.: rmvss array io sum E: 0 4MiB");
            }
            return client(dataDir()).io(words, Path.of("").toAbsolutePath(), System.out, System.err);
        }
    }

    // Scripts (tests/e2e, the bridge's native test) need the same files as the demo and the Java tests: one source, SeedConfs.
    @Command(name = "seed-confs", mixinStandardHelpOptions = true,
            description = "Write the seed's 3.7.2 horcm50.conf (P-VOL, LU 1, MU#2) and horcm51.conf (S-VOL, LU 2) into a directory.")
    static final class SeedConfsCommand implements Callable<Integer> {
        @Option(names = "--etc", paramLabel = "DIR", description = "where to write them (default: $HORCM_ETC, as bin/cci reads them)")
        Path etc;

        @Override
        public Integer call() throws IOException {
            String env = System.getenv("HORCM_ETC");
            if (etc == null && (env == null || env.isBlank())) {
                throw new IllegalArgumentException("give --etc DIR (or set HORCM_ETC): where horcm50.conf and horcm51.conf go");
            }
            Path dir = Files.createDirectories((etc != null ? etc : Path.of(env)).toAbsolutePath());
            Files.writeString(dir.resolve("horcm50.conf"), SeedConfs.HORCM50);
            Files.writeString(dir.resolve("horcm51.conf"), SeedConfs.HORCM51);
            System.out.println("wrote " + dir.resolve("horcm50.conf") + " and " + dir.resolve("horcm51.conf") + " (seed 3.7.2)");
            return 0;
        }
    }

    static ArrayClient client(Path dataDir) throws IOException {
        Path socket = ArrayClient.socketOf(dataDir);
        if (!Files.exists(socket) || !ArrayClient.isServing(socket)) {
            throw new IOException("no array daemon serves " + dataDir + "; start it with: rmvss array serve --data " + dataDir);
        }
        return new ArrayClient(socket);
    }
}
