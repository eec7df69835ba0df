package io.rmvss.array.cci;

import io.rmvss.array.horcm.SeedConfs;
import static io.rmvss.array.cci.SeedText.collapse;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reporting commands and options beyond the seed walkthrough, against the in-memory array. */
class CciCommandsReportingTest {
    @TempDir
    Path dir;
    FakeArray array;
    CciRunner cci;

    @BeforeEach
    void setUp() throws Exception {
        array = new FakeArray();
        cci = new CciRunner(new CciCommands(array, dir.resolve("state")), dir);
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Files.writeString(etc.resolve("horcm50.conf"), SeedConfs.HORCM50);
        Files.writeString(etc.resolve("horcm51.conf"), SeedConfs.HORCM51);
        cci.set("HORCM_ETC", "etc");
        assertThat(cci.run("horcmstart 50 51").exit()).isZero();
        cci.set("HORCMINST", "51").set("HORCC_MRCF", "1");
    }

    @Test
    void pairvolchkReportsAttributeAndStatusCodes() throws Exception {
        var smpl = cci.run("pairvolchk -g snap");
        assertThat(smpl.exit()).isEqualTo(1);
        assertThat(smpl.out()).containsExactly("pairvolchk : Volstat is SMPL.");
        assertThat(cci.run("pairvolchk -g snap -s").exit()).isEqualTo(11);
        cci.run("paircreate -g snap -vr");
        array.finishCopies();
        var svol = cci.run("pairvolchk -g snap -ss");
        assertThat(svol.exit()).isEqualTo(33);
        assertThat(svol.out()).containsExactly("pairvolchk : Volstat is S-VOL.[status = PAIR ]");
        var pvol = cci.run("pairvolchk -g snap -c");
        assertThat(pvol.exit()).isEqualTo(2);
        assertThat(pvol.out()).containsExactly("pairvolchk : Volstat is P-VOL.[status = PAIR ]");
        cci.run("pairsplit -g snap -r");
        array.finishCopies();
        assertThat(cci.run("pairvolchk -g snap -s -I50").exit()).isEqualTo(24);
        assertThat(cci.run("pairvolchk -g snap -ss").exit()).isEqualTo(34);
        assertThat(cci.run("pairevtwait -g snap -nowaits").exit()).isEqualTo(4);
    }

    @Test
    void pairdisplayOptions() throws Exception {
        var wrongDirection = cci.run("paircreate -g snap -vl");
        assertThat(wrongDirection.exit()).as("LDEV 18 would be an S-VOL at MU#2").isEqualTo(220);
        assertThat(cci.run("paircreate -g snap -vl -I50").exit()).isZero();
        array.finishCopies();
        var local = cci.run("pairdisplay -g snap -l -fcx -I50");
        assertThat(local.out()).containsExactly(
                "Group   PairVol(L/R) (Port#,TID, LU-M) ,Seq#,LDEV#.P/S,Status,   % ,P-LDEV# M",
                "snap    snapdev1(L)  (CL2-C ,25,   1-2 )62496    12.P-VOL PAIR,  100      13 -");
        // A second mirror of LDEV 18 (MU#0) that no conf line names shows up with -m all.
        array.shadowImage().create(new io.rmvss.array.LdevId(FakeArray.SERIAL, 18), new io.rmvss.array.LdevId(FakeArray.SERIAL,
                FakeArray.SPARE_LDEV), 0, io.rmvss.array.shadowimage.CreateOptions.defaults());
        var all = cci.run("pairdisplay -d snapdev1 -m all");
        assertThat(all.exit()).isZero();
        assertThat(all.out()).hasSize(4);
        assertThat(collapse(all.out().get(3))).isEqualTo("--- ----(R) (CL2-C ,25, 1-0)62496 18..P-VOL COPY,62496 20 -");
        var cli = cci.run("pairdisplay -g snap -CLI -fd");
        assertThat(collapse(cli.out().get(0))).isEqualTo("Group PairVol L/R Device_File Seq# LDEV# P/S Status Seq# P-LDEV# M");
        assertThat(collapse(cli.out().get(1))).isEqualTo("snap snapdev1 L Harddisk2 62496 19 S-VOL PAIR - 18 -");
    }

    @Test
    void raidqryAndRaidscanPort() throws Exception {
        var l = cci.run("raidqry -l");
        assertThat(collapse(l.out().get(0))).isEqualTo("No Group Hostname HORCM_ver Uid Serial# Micro_ver Cache(MB)");
        assertThat(collapse(l.out().get(1))).matches("1 --- \\S+ 01-24-03/05 0 62496 21-06-22/00 2048");
        var g = cci.run("raidqry -g");
        assertThat(collapse(g.out().get(1))).startsWith("1 snap ");
        assertThat(cci.run("raidqry -r snap").out()).hasSize(3);
        cci.run("paircreate -g snap -vr");
        var scan = cci.run("raidscan -p CL2-C -CLI -m 2");
        assertThat(scan.out()).map(SeedText::collapse).containsExactly(
                "Port# TargetID# Lun# Seq# Num LDEV# P/S Status Fence P-Seq# P-LDEV#",
                "CL2-C 25 0 62496 1 16 SMPL - - - -",
                "CL2-C 25 1 62496 1 18 P-VOL COPY NEVER 62496 19",
                "CL2-C 25 2 62496 1 19 SMPL - - - -");
        assertThat(cci.run("raidscan -p XX").exit()).isEqualTo(253);
    }

    @Test
    void inqraidShowsPairFlagsAfterPaircreate() throws Exception {
        cci.run("paircreate -g snap -vr");
        var r = cci.run("inqraid", List.of("Harddisk1", "Harddisk2", "-CLI"));
        assertThat(r.out()).map(SeedText::collapse).containsExactly(
                "DEVICE_FILE PORT SERIAL LDEV CTG H/M/12 SSID R:Group PRODUCT_ID",
                "Harddisk1 CL2-C 62496 18 - s/s/sP 0004 5:01-04 OPEN-3",
                "Harddisk2 CL2-C 62496 19 - s/S/ss 0004 5:01-04 OPEN-3");
        var verbose = cci.run("inqraid", List.of("Harddisk1"));
        assertThat(verbose.out().get(0)).startsWith("Harddisk1 -> [ST] CL2-C Ser =  62496 LDEV =   18 [HITACHI ] [OPEN-3");
        assertThat(cci.run("inqraid", List.of("Harddisk9")).exit()).isEqualTo(246);
    }

    @Test
    void pairevtwaitBlocksUntilAnotherClientsChangeLands() throws Exception {
        cci.run("paircreate -g snap -vr");
        CompletableFuture<CciRunner.Result> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return cci.run("pairevtwait -g snap -s pair -t 30");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertThat(waiting).isNotDone();
        assertThat(cci.run("pairdisplay -g snap").exit()).isZero();
        array.finishCopies();
        assertThat(waiting.get(10, TimeUnit.SECONDS).exit()).isZero();
    }

    @Test
    void pairevtwaitEndsOnErrorSuspend() throws Exception {
        cci.run("paircreate -g snap -vr");
        assertThat(cci.run("pairsplit -g snap -E").exit()).isZero();
        var r = cci.run("pairevtwait -g snap -s pair -t 5");
        assertThat(r.exit()).isEqualTo(234);
        assertThat(r.firstErr()).isEqualTo("pairevtwait: [EX_EWSUSE] Pair suspended at WAIT state");
        assertThat(cci.run("pairevtwait -g snap -s pair psue -t 5").exit()).as("several statuses are ORed").isZero();
        assertThat(cci.run("pairevtwait -g snap -s pair bogus -t 5").exit()).isEqualTo(253);
    }

    @Test
    void deleteThenSmplWait() throws Exception {
        cci.run("paircreate -g snap -vr");
        assertThat(cci.run("pairsplit -g snap -S").exit()).isZero();
        assertThat(cci.run("pairevtwait -g snap -s smpl -t 1").exit()).isZero();
        assertThat(cci.run("pairsplit -g snap -S").exit()).isZero();
        assertThat(array.shadowImage().pairs()).isEmpty();
    }

    @Test
    void horcmConfNamesTheFileOfASingleInstance() throws Exception {
        Files.writeString(dir.resolve("other.conf"), SeedConfs.HORCM50.replace("52050", "52060"));
        CciRunner fresh = new CciRunner(new CciCommands(array, dir.resolve("state3")), dir).set("HORCM_CONF", "other.conf");
        var r = fresh.run("horcmstart 60");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).containsExactly("starting HORCM inst 60", "HORCM inst 60 starts successfully.");
        var missing = new CciRunner(new CciCommands(array, dir.resolve("state4")), dir).run("horcmstart 77");
        assertThat(String.join("\n", missing.err())).contains("horcm77.conf does not exist").contains("HORCM_ETC");
    }

    @Test
    void sameServiceTwiceIsRefused() throws Exception {
        Files.writeString(dir.resolve("etc/horcm52.conf"), SeedConfs.HORCM51);
        var r = cci.run("horcmstart 52");
        assertThat(r.exit()).isNotZero();
        assertThat(String.join("\n", r.err())).contains("service 52051").contains("instance 51");
    }

    @Test
    void dashDTakesADevNameOrARawDevice() throws Exception {
        assertThat(cci.run("pairdisplay -d snapdev1 -l -fd").out().get(1)).contains("Harddisk2");
        assertThat(cci.run("pairdisplay -d Harddisk2 -l -fd").out().get(1)).contains("snapdev1(L)");
        assertThat(cci.run("pairdisplay -d Harddisk1 -I50 -l").out().get(1)).contains("1-2");
        var none = cci.run("pairdisplay -d Harddisk1");
        assertThat(none.exit()).isEqualTo(247);
        assertThat(none.firstErr()).isEqualTo("pairdisplay: [EX_ENOENT] No such device or group");
        var quiet = cci.run("pairdisplay -d Harddisk1 -nomsg");
        assertThat(quiet.exit()).isEqualTo(247);
        assertThat(quiet.err()).isEmpty();
    }

    @Test
    void unknownCommandAndHelp() throws Exception {
        assertThat(cci.run("pairfoo -g snap").exit()).isEqualTo(127);
        var help = cci.run("pairdisplay -h");
        assertThat(help.exit()).isZero();
        assertThat(help.out().get(0)).startsWith("Usage: pairdisplay");
    }
}
