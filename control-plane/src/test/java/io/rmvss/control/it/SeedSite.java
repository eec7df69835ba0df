package io.rmvss.control.it;

import io.rmvss.array.daemon.ArrayProcess;
import io.rmvss.array.horcm.SeedConfs;
import io.rmvss.array.layout.ArrayLayout;
import io.rmvss.control.cci.CciInstallation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The seed's 3.7.2 site on the simulated array: a daemon process ({@link ArrayProcess}, so a test can kill -9 it),
 * horcm50.conf (P-VOL LU 1, MU#2) and horcm51.conf (S-VOL LU 2) in an etc directory, instances 50 and 51 started, the S-VOL
 * hidden (-vg idb) and the pair created with -m noread and in PAIR. Commands run through the real bin/cci.
 */
final class SeedSite implements AutoCloseable {
    static final Path REPO = ArrayProcess.REPO;
    static final Path CCI_BIN = ArrayProcess.CCI_BIN;
    static final Map<String, String> INST50 = Map.of("HORCMINST", "50", "HORCC_MRCF", "1");
    static final Map<String, String> INST51 = Map.of("HORCMINST", "51", "HORCC_MRCF", "1");

    final ArrayProcess array;
    final Path data;
    final Path etc;

    private SeedSite(ArrayProcess array) {
        this.array = array;
        this.data = array.dataDir;
        this.etc = array.workDir;
    }

    static SeedSite start(Path root) throws Exception {
        return start(root, List.of());
    }

    /** @param daemonOptions options of {@code rmvss array serve}, e.g. {@code --latency pairsplit=3s} */
    static SeedSite start(Path root, List<String> daemonOptions) throws Exception {
        SeedSite site = withLayout(root, ArrayLayout.seedExample(), daemonOptions);
        try {
            Files.writeString(site.etc.resolve("horcm50.conf"), SeedConfs.HORCM50);
            Files.writeString(site.etc.resolve("horcm51.conf"), SeedConfs.HORCM51);
            site.check(Map.of(), "horcmstart", "50", "51");
            site.check(INST51, "raidvchkset", "-g", "snap", "-vg", "idb");
            site.check(INST51, "paircreate", "-g", "snap", "-vr", "-m", "noread");
            site.check(INST51, "pairevtwait", "-g", "snap", "-s", "pair", "-t", "60");
        } catch (Exception e) {
            site.close();
            throw e;
        }
        return site;
    }

    /** The simulated array with {@code layout} and its daemon only: no conf written, no instance started (sites other than 3.7.2's). */
    static SeedSite withLayout(Path root, ArrayLayout layout) throws Exception {
        return withLayout(root, layout, List.of());
    }

    static SeedSite withLayout(Path root, ArrayLayout layout, List<String> daemonOptions) throws Exception {
        return new SeedSite(ArrayProcess.create(root, layout, daemonOptions.toArray(String[]::new)));
    }

    CciInstallation installation() {
        return installation(CCI_BIN);
    }

    CciInstallation installation(Path commandDir) {
        return new CciInstallation(commandDir, etc, Map.of("RMVSS_ARRAY", data.toString()), Duration.ofSeconds(60));
    }

    ArrayProcess.Result cci(Map<String, String> env, String command, String... args) throws IOException, InterruptedException {
        return array.cci(env, command, args);
    }

    ArrayProcess.Result check(Map<String, String> env, String command, String... args) throws IOException, InterruptedException {
        ArrayProcess.Result r = cci(env, command, args);
        if (r.exit() != 0) {
            throw new IllegalStateException(command + " " + String.join(" ", args) + " exited " + r.exit() + ": " + r.err());
        }
        return r;
    }

    /**
     * {@code P/S Status} of the P-VOL and S-VOL lines of pairdisplay through instance 50: e.g. [P-VOL PSUS, S-VOL COPY]. While
     * instance 50 is shut down (pairdisplay needs both), from raidscan of port CL2-C through instance 51.
     */
    List<String> statuses() throws IOException, InterruptedException {
        ArrayProcess.Result r = cci(INST50, "pairdisplay", "-g", "snap", "-CLI");
        if (r.exit() != 0 && r.err().contains("[EX_ATTHOR]")) {
            return List.of(raidscanStatus("2", "18"), raidscanStatus("0", "19"));
        }
        if (r.exit() != 0) {
            throw new IllegalStateException("pairdisplay -g snap exited " + r.exit() + ": " + r.err());
        }
        return r.out().lines().skip(1).map(l -> l.trim().split("\\s+")).map(t -> t[9] + " " + t[10]).toList();
    }

    private String raidscanStatus(String mu, String ldev) throws IOException, InterruptedException {
        return check(INST51, "raidscan", "-p", "CL2-C", "-m", mu, "-CLI").out().lines().skip(1).map(l -> l.trim().split("\\s+"))
                .filter(t -> t[5].equals(ldev)).map(t -> t[6] + " " + t[7]).findFirst()
                .orElseThrow(() -> new IllegalStateException("raidscan -p CL2-C shows no LDEV " + ldev));
    }

    /** True when the host cannot see the S-VOL (raidvchkset -vg idb): a read of LDEV 19 is refused as INVISIBLE. */
    boolean svolHidden() throws IOException, InterruptedException {
        ArrayProcess.Result read = array.io("sum", "62496:19", "0", "4096");
        return read.exit() != 0 && read.err().contains("INVISIBLE");
    }

    /** kill -9 of the array daemon: commands in flight lose their connection, later ones find no array. */
    void killDaemon() throws InterruptedException {
        array.kill();
    }

    @Override
    public void close() throws Exception {
        array.close();
    }
}
