package io.rmvss.cli;

import io.rmvss.array.horcm.SeedConfs;
import io.rmvss.array.LdevId;
import io.rmvss.array.SimulatedArray;
import io.rmvss.array.cci.CciCommands;
import io.rmvss.array.daemon.ArrayClient;
import io.rmvss.array.daemon.ArrayDaemon;
import io.rmvss.array.daemon.CommandLatency;
import io.rmvss.array.layout.ArrayLayout;
import io.rmvss.array.storage.HostIo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The main job: the seed manual's 3.7.2 walkthrough on the simulated array, then one backup
 * cycle as 3.7.3 describes it (split while the host writes, prove the shadow copy, delete it).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Walk through the manual's 3.7.2 CCI set-up and a backup cycle (3.7.3) on a fresh simulated array.")
final class DemoCommand implements Callable<Integer> {
    private static final LdevId PVOL = new LdevId(62496, 18);
    private static final LdevId SVOL = new LdevId(62496, 19);
    /** The manual's 3.7.2 settings of VSHTCHORCMINST_LOCAL, VSHTCHORCMINST_REMOTE and VSHTCHOMRCF_MUN. */
    static final Map<String, String> SEED_ENVIRONMENT =
            Map.of("VSHTCHORCMINST_LOCAL", "50", "VSHTCHORCMINST_REMOTE", "51", "VSHTCHOMRCF_MUN", "2");
    private static final Map<String, String> INST51 = Map.of("HORCMINST", "51", "HORCC_MRCF", "1");

    @Option(names = "--data-mib", defaultValue = "64", description = "MiB of data written to E: before the backup (default 64)")
    int dataMib;

    @Option(names = "--keep", description = "keep the demo directory (array, confs) instead of removing it")
    boolean keep;

    private CciRunner cci;
    private int step;

    @Override
    public Integer call() throws Exception {
        Path root = Files.createTempDirectory("rmvss-demo");
        Path arrayDir = Files.createDirectories(root.resolve("array"));
        Path etc = Files.createDirectories(root.resolve("etc"));
        say("Creating the seed-example array (serial 62496, port CL2-C TID 25: LDEV 16 command device, LDEV 18 and 19 OPEN-3) in " + root);
        SimulatedArray.create(arrayDir, ArrayLayout.seedExample()).close();
        boolean ok = false;
        try (SimulatedArray array = SimulatedArray.open(arrayDir);
             ArrayDaemon daemon = new ArrayDaemon(array, new CciCommands(array, arrayDir.resolve("horcm")), CommandLatency.none(),
                     ArrayClient.socketOf(arrayDir))) {
            daemon.start();
            cci = new CciRunner(Install.cciBin(), arrayDir, etc);
            walkthrough(array, root, arrayDir, etc);
            ok = true;
        } finally {
            if (!keep) {
                TempTrees.delete(root);
            } else {
                System.out.println("demo: kept " + root);
            }
        }
        System.out.println(ok ? "demo: SUCCESS: the shadow copy held the point-in-time data and the pair is resynchronised" : "demo: FAILED");
        return ok ? 0 : 1;
    }

    private void walkthrough(SimulatedArray array, Path root, Path arrayDir, Path etc) throws Exception {
        say("3.7.2 step 1: discover the command device (OPEN-3-CM) and describe it in horcm50.conf");
        show(Map.of(), "inqraid", "-CLI", "$Phy");
        show(Map.of(), "inqraid", "-CLI", "$LETALL");
        Files.writeString(etc.resolve("horcm50.conf"), SeedConfs.HORCM50_MON_CMD_ONLY);

        say("3.7.2 steps 2-4: start instance 50, map the physical drives, shut it down");
        show(Map.of(), "horcmstart", "50");
        show(Map.of("HORCMINST", "50"), "raidscan", "-pi", "$Phys", "-find");
        show(Map.of(), "horcmshutdown", "50");

        say("3.7.2 steps 5-6: describe HORCM_DEV/HORCM_INST (P-VOL LU 1 MU#2 in 50, S-VOL LU 2 in 51) and start both instances");
        Files.writeString(etc.resolve("horcm50.conf"), SeedConfs.HORCM50);
        Files.writeString(etc.resolve("horcm51.conf"), SeedConfs.HORCM51);
        show(Map.of(), "horcmstart", "50", "51");
        show(INST51, "pairdisplay", "-g", "snap", "-fdc");

        long length = (long) dataMib << 20;
        say("Writing " + dataMib + " MiB of data to E: (Harddisk1, the P-VOL)");
        writeRandom(array, PVOL, 0, length, new SplittableRandom(42));

        say("3.7.2 step 7: hide the S-VOL (INVISIBLE), create the pair with -m noread, wait for the initial copy");
        show(INST51, "raidvchkset", "-g", "snap", "-vg", "idb");
        show(INST51, "paircreate", "-g", "snap", "-vr", "-m", "noread");
        waitWithProgress(INST51, "pair");
        show(INST51, "pairdisplay", "-g", "snap");

        String missing = VssCycle.missingTools();
        if (missing.isEmpty()) {
            vssBackup(array, root, arrayDir, etc, length);
        } else {
            System.out.println("  The provider DLL runs under Wine, built with MinGW-w64; missing here: " + missing
                    + ". Install with: sudo apt-get install -y " + missing + " (./setup-and-run demo does).");
            System.out.println("  Falling back to the same backup cycle driven with the CCI commands directly.");
            cciBackup(array, length);
        }
        show(Map.of(), "horcmshutdown", "50", "51");
    }

    /** The backup cycle with the CCI commands a provider would issue, for a machine without Wine. */
    private void cciBackup(SimulatedArray array, long length) throws Exception {
        say("3.7.3: back up E: while the host keeps writing: a quick split is the shadow copy's point in time");
        String pointInTime = shadowCopyWhileTheHostWrites(array, length,
                () -> show(Map.of("HORCMINST", "51", "HORCC_MRCF", "1", "HORCC_SPLT", "QUICK"), "pairsplit", "-g", "snap"));

        say("Import the shadow copy (release the INVISIBLE attribute, as LocateLuns does) and compare checksums");
        show(INST51, "raidvchkset", "-g", "snap", "-vg");
        compareImages(array, pointInTime, length);

        say("3.7.3: delete the shadow copy (OnLunEmpty resynchronises the pair): PVOL_COPY/PAIR");
        show(INST51, "raidvchkset", "-g", "snap", "-vg", "idb");
        show(INST51, "pairresync", "-g", "snap");
        show(INST51, "pairdisplay", "-g", "snap", "-fc");
        waitWithProgress(INST51, "pair");
        show(INST51, "pairdisplay", "-g", "snap", "-fc");
    }

    /** The backup as Windows runs it: coordinator -> rmvssprv.dll -> gRPC -> rmvss serve -> bin/cci -> array. */
    private void vssBackup(SimulatedArray array, Path root, Path arrayDir, Path etc, long length) throws Exception {
        try (VssCycle vss = new VssCycle(root, arrayDir, etc)) {
            say("3.7.1: start the control plane with VSHTCHORCMINST_LOCAL=50, VSHTCHORCMINST_REMOTE=51, VSHTCHOMRCF_MUN=2");
            String address = vss.startControlPlane(SEED_ENVIRONMENT);
            System.out.println("  control plane listening on " + address + " (token in " + vss.stateDir().resolve("token") + ")");

            say("3.5: install the RM Shadow Copy Provider under Wine (the first run builds rmvssprv.dll with MinGW-w64"
                    + " and creates a Wine prefix: a minute or two)");
            expectZero(vss.harness("vsscoord", "register"), "registering rmvssprv.dll");
            expectZero(vss.harness("vssadmin", "list", "providers"), "vssadmin list providers");
            Path eDrive = vss.lunFile(array, PVOL, PVOL, "e-drive");
            Path shadowLun = vss.lunFile(array, PVOL, SVOL, "shadow-copy");

            say("3.7.3: back up E: as ntbackup would; the VSS coordinator calls the provider, and the host's writes are"
                    + " held (flush-and-hold) while CommitSnapshots splits the pair");
            String pointInTime = shadowCopyWhileTheHostWrites(array, length,
                    () -> expectZero(vss.harness("vsscoord", "create", "--luns", eDrive.toString()), "the snapshot set"));

            say("Import the shadow copy (LocateLuns releases the INVISIBLE attribute) and compare checksums");
            expectZero(vss.harness("vsscoord", "import", "--luns", shadowLun.toString()), "importing the shadow copy");
            compareImages(array, pointInTime, length);

            say("3.7.3: delete the shadow copy: OnLunEmpty resynchronises the pair (PVOL_COPY/PAIR)");
            expectZero(vss.harness("vsscoord", "delete", "--luns", shadowLun.toString()), "deleting the shadow copy");
            show(INST51, "pairdisplay", "-g", "snap", "-fc");
            waitWithProgress(INST51, "pair");
            show(INST51, "pairdisplay", "-g", "snap", "-fc");
        }
    }

    /** What takes the shadow copy: a pairsplit, or the coordinator's create sequence. */
    private interface ShadowCopy {
        void take() throws Exception;
    }

    /**
     * The host keeps writing E: before, during and after the shadow copy; its writes are held only
     * while the copy is taken (VSS's flush-and-hold). Returns E:'s checksum at that instant.
     */
    private String shadowCopyWhileTheHostWrites(SimulatedArray array, long length, ShadowCopy copy) throws Exception {
        HostWriter writer = new HostWriter(array, PVOL, length);
        Thread writing = new Thread(writer, "demo-host-writer");
        writing.start();
        String pointInTime;
        writer.pause.lock();
        try {
            pointInTime = sha256(array, PVOL, length);
            copy.take();
        } finally {
            writer.pause.unlock();
        }
        show(INST51, "pairdisplay", "-g", "snap", "-fc");
        waitForSsus();
        writer.stop.set(true);
        writing.join();
        show(INST51, "pairdisplay", "-g", "snap", "-fc");
        System.out.printf("  the host wrote %d blocks to E: after the shadow copy was taken%n", writer.writes.get());
        return pointInTime;
    }

    private static void compareImages(SimulatedArray array, String pointInTime, long length) throws Exception {
        String shadow = sha256(array, SVOL, length);
        String now = sha256(array, PVOL, length);
        System.out.println("  P-VOL at the shadow copy's instant : " + pointInTime);
        System.out.println("  S-VOL (the shadow copy)            : " + shadow);
        System.out.println("  P-VOL now                          : " + now);
        if (!shadow.equals(pointInTime)) {
            throw new IllegalStateException("the shadow copy differs from the P-VOL at its point in time");
        }
        if (now.equals(pointInTime)) {
            throw new IllegalStateException("the host's writes after the shadow copy did not reach the P-VOL");
        }
    }

    private static void expectZero(int exit, String what) {
        if (exit != 0) {
            throw new IllegalStateException(what + " failed (exit " + exit + "); see the provider calls above");
        }
    }

    private void say(String text) {
        System.out.printf("%n[%d] %s%n", ++step, text);
    }

    private CciRunner.Result show(Map<String, String> env, String command, String... args) throws IOException, InterruptedException {
        StringBuilder prompt = new StringBuilder("  ");
        env.forEach((k, v) -> prompt.append(k).append('=').append(v).append(' '));
        prompt.append("$ ").append(command);
        for (String a : args) {
            prompt.append(' ').append(a);
        }
        System.out.println(prompt);
        CciRunner.Result r = cci.run(env, command, args);
        r.out().lines().forEach(l -> System.out.println("  " + l));
        r.err().lines().forEach(l -> System.out.println("  " + l));
        if (r.exit() != 0 && !command.equals("pairvolchk")) {
            throw new IllegalStateException(command + " exited " + r.exit() + ": " + r.err().strip());
        }
        return r;
    }

    /** pairevtwait blocks silently; show the copy's % from pairdisplay every second instead. */
    private void waitWithProgress(Map<String, String> env, String status) throws IOException, InterruptedException {
        while (true) {
            CciRunner.Result wait = cci.run(env, "pairevtwait", "-g", "snap", "-s", status, "-t", "1");
            if (wait.exit() == 0) {
                return;
            }
            CciRunner.Result display = cci.run(env, "pairdisplay", "-g", "snap", "-fc", "-l");
            display.out().lines().skip(1).findFirst().ifPresent(l -> System.out.println("  copying: " + l.strip()));
        }
    }

    private void waitForSsus() throws IOException, InterruptedException {
        CciRunner.Result r = cci.run(INST51, "pairevtwait", "-g", "snap", "-ss", "ssus", "-t", "600");
        if (r.exit() != 0) {
            throw new IllegalStateException("the S-VOL did not reach SSUS: " + r.err().strip());
        }
    }

    private static void writeRandom(SimulatedArray array, LdevId ldev, long offset, long length, SplittableRandom random)
            throws Exception {
        byte[] block = new byte[HostIo.TRACK_SIZE];
        for (long done = 0; done < length; done += block.length) {
            random.nextBytes(block);
            array.io().write(ldev, offset + done, block, 0, (int) Math.min(block.length, length - done));
        }
    }

    private static String sha256(SimulatedArray array, LdevId ldev, long length) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] block = new byte[HostIo.TRACK_SIZE];
        for (long done = 0; done < length; done += block.length) {
            int n = (int) Math.min(block.length, length - done);
            array.io().read(ldev, done, block, 0, n);
            digest.update(block, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The application on the host: keeps writing 64 KiB blocks at random places of the data area. */
    private static final class HostWriter implements Runnable {
        final ReentrantLock pause = new ReentrantLock();
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong writes = new AtomicLong();
        private final SimulatedArray array;
        private final LdevId ldev;
        private final long length;

        HostWriter(SimulatedArray array, LdevId ldev, long length) {
            this.array = array;
            this.ldev = ldev;
            this.length = length;
        }

        @Override
        public void run() {
            SplittableRandom random = new SplittableRandom(7);
            byte[] block = new byte[64 * 1024];
            while (!stop.get()) {
                random.nextBytes(block);
                long offset = random.nextLong(length / block.length) * block.length;
                pause.lock();
                try {
                    array.io().write(ldev, offset, block, 0, block.length);
                    writes.incrementAndGet();
                } catch (Exception e) {
                    throw new IllegalStateException("host write to E: failed: " + e.getMessage(), e);
                } finally {
                    pause.unlock();
                }
            }
        }
    }
}
