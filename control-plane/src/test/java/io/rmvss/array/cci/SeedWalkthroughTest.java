package io.rmvss.array.cci;

import io.rmvss.array.horcm.SeedConfs;
import static io.rmvss.array.cci.SeedText.collapse;
import static org.assertj.core.api.Assertions.assertThat;

import io.rmvss.array.LdevId;
import io.rmvss.array.SimulatedArray;
import io.rmvss.array.layout.ArrayLayout;
import io.rmvss.array.storage.Guard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed manual's 3.7.2 procedure and 3.7.3 states, step by step, through {@link CciCommands} against the
 * real {@link SimulatedArray} of {@link ArrayLayout#seedExample()}. Every sample line of the manual is
 * compared with whitespace runs collapsed (the manual's typesetting mangled its spacing).
 */
class SeedWalkthroughTest {
    private static final LdevId PVOL = new LdevId(62496, 18);
    private static final LdevId SVOL = new LdevId(62496, 19);

    @TempDir
    Path dir;
    SimulatedArray array;
    CciRunner cci;

    @BeforeEach
    void setUp() throws Exception {
        array = SimulatedArray.create(dir.resolve("array"), ArrayLayout.seedExample());
        cci = new CciRunner(new CciCommands(array, dir.resolve("array/horcm")), dir);
    }

    @AfterEach
    void tearDown() {
        array.close();
    }

    @Test
    void section372() throws Exception {
        // 1. Discover the command device.
        assertSeed(cci.run("ingraid", List.of("-CLI", "$Phy")).out(), """
                DEVICE_FILE      PORT      SERIAL    LDEV CTG   H/M/12  SSID R:Group  PRODUCT_ID
                Harddisk0      CL2-C    62496    16  -     -       -       - OPEN-3-CM
                Harddisk1        CL2-C     62496     18   -     s/s/ss  0004 5:01-04 OPEN-3
                Harddisk2        CL2-C     62496     19   -     s/s/ss  0004 5:01-04 OPEN-3
                Harddisk3        -         -         -    -     -       -       - L040L2
                """);
        assertSeed(cci.run("ingraid", List.of("-CLI", "$LETALL")).out(), """
                DEVICE_FILE      PORT      SERIAL    LDEV CTG   H/M/12  SSID R:Group  PRODUCT_ID
                E:\\Vol12\\Dsk1  CL2-C    62496    18  -     s/s/ss  0004 5:01-04 OPEN-3
                D:\\Vol1\\Dsk3     -         -         -    -     -       -       - L040L2
                """);
        Files.writeString(dir.resolve("horcm50.conf"), SeedConfs.HORCM50_MON_CMD_ONLY);

        // 2. horcmstart 50 with HORCM_MON and HORCM_CMD only.
        assertSeed(cci.run("horcmstart 50").out(), """
                starting HORCM inst 50
                HORCM inst 50 starts successfully.
                """);

        // 3. Verify the physical mapping.
        cci.set("HORCMINST", "50");
        assertSeed(cci.run("raidscan", List.of("-pi", "$Phys", "-find")).out(), """
                DEVICE_FILE      UID  S/F  PORT  TARG  LUN  SERIAL  LDEV  PRODUCT_ID
                Harddisk0        0   F   CL2-C  25   0    62496   16   OPEN-3-CM
                Harddisk1        0   F   CL2-C  25   1    62496   18   OPEN-3
                Harddisk2        0   F   CL2-C  25   2    62496   19   OPEN-3
                """);

        // 4. Shut it down.
        assertSeed(cci.run("horcmshutdown 50").out(), """
                inst 50:
                HORCM Shutdown inst 50 !!!
                """);

        // 5./6. The full files, then both instances.
        Files.writeString(dir.resolve("horcm50.conf"), SeedConfs.HORCM50);
        Files.writeString(dir.resolve("horcm51.conf"), SeedConfs.HORCM51);
        assertSeed(cci.run("horcmstart 50 51").out(), """
                starting HORCM inst 50
                HORCM inst 50 starts successfully.
                starting HORCM inst 51
                HORCM inst 51 starts successfully.
                """);
        cci.set("HORCMINST", "51").set("HORCC_MRCF", "1");
        assertSeed(cci.run("pairdisplay -g snap -fdc").out(), """
                Group   PairVol(L/R) Device_File      ,Seq#,LDEV#.P/S,Status,   % ,P-LDEV# M
                snap    snapdev1(L)  Harddisk2      62496  19..SMPL  ----,-----  ---- -
                snap    snapdev1(R)  Harddisk1      62496  18..SMPL  ----,-----  ---- -
                """);

        // 7. INVISIBLE S-VOL: hide it, create the pair with noread.
        assertThat(cci.run("raidvchkset -g snap -vg idb").exit()).isZero();
        assertThat(array.guards(SVOL)).containsExactly(Guard.INVISIBLE);
        assertThat(array.hostDisk("Harddisk2")).as("the hidden S-VOL disappears from the host").isEmpty();
        var create = cci.run("paircreate -g snap -vr -m noread");
        assertThat(create.exit()).isZero();
        assertThat(create.out()).isEmpty();
        assertThat(create.err()).isEmpty();
        assertSeed(cci.run("pairevtwait -g snap -s pair -t 60").out(), "pairevtwait : Wait status done.\n");
        assertSeed(cci.run("pairdisplay -g snap").out(), """
                Group   PairVol(L/R) (Port#,TID,LU-M),Seq#,LDEV#.P/S,Status, Seq#,P-LDEV# M
                snap    snapdev1(L) (CL2-C ,25, 2-0)62496 19..S-VOL PAIR,----- 18 -
                snap    snapdev1(R) (CL2-C ,25, 1-2)62496 18..P-VOL PAIR,62496 19 N
                """);
    }

    @Test
    void section373StatesAroundABackup() throws Exception {
        startSeedInstances();
        assertThat(cci.run("paircreate -g snap -vr -m noread").exit()).isZero();
        assertThat(cci.run("pairevtwait -g snap -s pair -t 60").exit()).isZero();

        // Quick split (what the provider does at commit): PVOL_PSUS with SVOL_COPY, then SVOL_SSUS.
        cci.set("HORCC_SPLT", "QUICK");
        assertThat(cci.run("pairsplit -g snap").exit()).isZero();
        assertThat(statuses()).isIn(List.of("S-VOL COPY", "P-VOL PSUS"), List.of("S-VOL SSUS", "P-VOL PSUS"));
        assertThat(cci.run("pairevtwait -g snap -s psus -t 1").exit()).as("-s psus is reached at once").isZero();
        assertThat(cci.run("pairevtwait -g snap -ss ssus -t 60").exit()).isZero();
        assertThat(statuses()).containsExactly("S-VOL SSUS", "P-VOL PSUS");
        assertThat(cci.run("pairvolchk -g snap -ss").exit()).isEqualTo(34);

        // Snapshot deleted (OnLunEmpty): resync, PVOL_COPY/SVOL_COPY then PAIR.
        assertThat(cci.run("pairresync -g snap").exit()).isZero();
        assertThat(statuses()).isIn(List.of("S-VOL COPY", "P-VOL COPY"), List.of("S-VOL PAIR", "P-VOL PAIR"));
        assertThat(cci.run("pairevtwait -g snap -s pair -t 60").exit()).isZero();
        assertThat(statuses()).containsExactly("S-VOL PAIR", "P-VOL PAIR");

        // Normal (steady) split: COPY on both sides until the differential is copied, then PSUS/SSUS.
        cci.set("HORCC_SPLT", null);
        assertThat(cci.run("pairsplit -g snap -fq normal").exit()).isZero();
        assertThat(cci.run("pairevtwait -g snap -s psus -t 60").exit()).isZero();
        assertThat(statuses()).containsExactly("S-VOL SSUS", "P-VOL PSUS");
        assertThat(cci.run("pairdisplay -g snap").out().get(2)).endsWith(" W");

        assertThat(cci.run("pairresync -g snap -fq quick").exit()).isZero();
        assertThat(cci.run("pairevtwait -g snap -s pair -t 60").exit()).isZero();
        assertThat(cci.run("pairsplit -g snap -S").exit()).isZero();
        assertThat(array.shadowImage().pairs()).isEmpty();
    }

    @Test
    void instanceStateSurvivesARestartOfTheCommands() throws Exception {
        startSeedInstances();
        CciRunner afterRestart = new CciRunner(new CciCommands(array, dir.resolve("array/horcm")), dir)
                .set("HORCMINST", "51").set("HORCC_MRCF", "1");
        assertThat(afterRestart.run("pairdisplay -g snap").exit()).isZero();
        assertThat(afterRestart.run("horcmstart 50").exit()).isNotZero();
    }

    void startSeedInstances() throws Exception {
        Files.writeString(dir.resolve("horcm50.conf"), SeedConfs.HORCM50);
        Files.writeString(dir.resolve("horcm51.conf"), SeedConfs.HORCM51);
        assertThat(cci.run("horcmstart 50 51").exit()).isZero();
        cci.set("HORCMINST", "51").set("HORCC_MRCF", "1");
    }

    /** {@code P/S Status} of each pairdisplay line, local first: e.g. {@code S-VOL SSUS}, {@code P-VOL PSUS}. */
    private List<String> statuses() throws Exception {
        return cci.run("pairdisplay -g snap -CLI").out().stream().skip(1)
                .map(l -> l.trim().split("\\s+")).map(t -> t[9] + " " + t[10]).toList();
    }

    private static void assertSeed(List<String> printed, String seedSample) {
        assertThat(printed).map(SeedText::collapse).containsExactlyElementsOf(seedSample.lines().map(SeedText::collapse).toList());
    }
}
