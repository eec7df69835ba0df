package io.rmvss.array.cci;

import io.rmvss.array.horcm.SeedConfs;
import static io.rmvss.array.cci.SeedText.collapse;
import static org.assertj.core.api.Assertions.assertThat;

import io.rmvss.array.LdevId;
import io.rmvss.array.shadowimage.PairState;
import io.rmvss.array.storage.Guard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CCI layer against the in-memory {@link FakeArray}: command flow, output and errors, independent of the engine. */
class CciCommandsFakeArrayTest {
    @TempDir
    Path dir;
    FakeArray array;
    CciRunner cci;

    @BeforeEach
    void setUp() throws Exception {
        array = new FakeArray();
        cci = new CciRunner(new CciCommands(array, dir.resolve("state")), dir);
        Files.writeString(dir.resolve("horcm50.conf"), SeedConfs.HORCM50);
        Files.writeString(dir.resolve("horcm51.conf"), SeedConfs.HORCM51);
    }

    private void startBoth() throws Exception {
        assertThat(cci.run("horcmstart 50 51").exit()).isZero();
        cci.set("HORCMINST", "51").set("HORCC_MRCF", "1");
    }

    @Test
    void seedInqraidBeforeAnyInstance() throws Exception {
        var r = cci.run("ingraid", List.of("-CLI", "$Phy"));
        assertThat(r.exit()).isZero();
        assertThat(r.out()).map(SeedText::collapse).containsExactly(
                collapse("DEVICE_FILE      PORT      SERIAL    LDEV CTG   H/M/12  SSID R:Group  PRODUCT_ID"),
                collapse("Harddisk0      CL2-C    62496    16  -     -       -       - OPEN-3-CM"),
                collapse("Harddisk1        CL2-C     62496     18   -     s/s/ss  0004 5:01-04 OPEN-3"),
                collapse("Harddisk2        CL2-C     62496     19   -     s/s/ss  0004 5:01-04 OPEN-3"),
                collapse("Harddisk3        -         -         -    -     -       -       - L040L2"));
        var letters = cci.run("inqraid", List.of("-CLI", "$LETALL"));
        assertThat(letters.out()).map(SeedText::collapse).containsExactly(
                collapse("DEVICE_FILE      PORT      SERIAL    LDEV CTG   H/M/12  SSID R:Group  PRODUCT_ID"),
                collapse("E:\\Vol12\\Dsk1  CL2-C    62496    18  -     s/s/ss  0004 5:01-04 OPEN-3"),
                collapse("D:\\Vol1\\Dsk3     -         -         -    -     -       -       - L040L2"));
    }

    @Test
    void walkthroughWithCopiesFinishedByTheTest() throws Exception {
        Files.writeString(dir.resolve("horcm50.conf"), SeedConfs.HORCM50_MON_CMD_ONLY);
        assertThat(cci.run("horcmstart 50").out()).containsExactly("starting HORCM inst 50", "HORCM inst 50 starts successfully.");
        cci.set("HORCMINST", "50");
        assertThat(cci.run("raidscan", List.of("-pi", "$Phys", "-find")).out()).map(SeedText::collapse).containsExactly(
                collapse("DEVICE_FILE      UID  S/F  PORT  TARG  LUN  SERIAL  LDEV  PRODUCT_ID"),
                collapse("Harddisk0        0   F   CL2-C  25   0    62496   16   OPEN-3-CM"),
                collapse("Harddisk1        0   F   CL2-C  25   1    62496   18   OPEN-3"),
                collapse("Harddisk2        0   F   CL2-C  25   2    62496   19   OPEN-3"));
        assertThat(cci.run("horcmshutdown 50").out()).containsExactly("inst 50:", "HORCM Shutdown inst 50 !!!");
        Files.writeString(dir.resolve("horcm50.conf"), SeedConfs.HORCM50);
        assertThat(cci.run("horcmstart 50 51").out()).containsExactly("starting HORCM inst 50", "HORCM inst 50 starts successfully.",
                "starting HORCM inst 51", "HORCM inst 51 starts successfully.");
        cci.set("HORCMINST", "51").set("HORCC_MRCF", "1");
        assertThat(cci.run("pairdisplay -g snap -fdc").out()).map(SeedText::collapse).containsExactly(
                collapse("Group   PairVol(L/R) Device_File      ,Seq#,LDEV#.P/S,Status,   % ,P-LDEV# M"),
                collapse("snap    snapdev1(L)  Harddisk2      62496  19..SMPL  ----,-----  ---- -"),
                collapse("snap    snapdev1(R)  Harddisk1      62496  18..SMPL  ----,-----  ---- -"));
        assertThat(cci.run("raidvchkset -g snap -vg idb").exit()).isZero();
        assertThat(array.guards(new LdevId(62496, 19))).containsExactly(Guard.INVISIBLE);
        var create = cci.run("paircreate -g snap -vr -m noread");
        assertThat(create.exit()).isZero();
        assertThat(create.out()).isEmpty();
        assertThat(cci.run("pairevtwait -g snap -nowait").exit()).isEqualTo(2);
        array.finishCopies();
        assertThat(cci.run("pairevtwait -g snap -s pair -t 60").out()).containsExactly("pairevtwait : Wait status done.");
        assertThat(cci.run("pairdisplay -g snap").out()).map(SeedText::collapse).containsExactly(
                collapse("Group   PairVol(L/R) (Port#,TID,LU-M),Seq#,LDEV#.P/S,Status, Seq#,P-LDEV# M"),
                collapse("snap    snapdev1(L) (CL2-C ,25, 2-0)62496 19..S-VOL PAIR,----- 18 -"),
                collapse("snap    snapdev1(R) (CL2-C ,25, 1-2)62496 18..P-VOL PAIR,62496 19 N"));

        cci.set("HORCC_SPLT", "QUICK");
        assertThat(cci.run("pairsplit -g snap").exit()).isZero();
        assertThat(statuses()).containsExactly("SVOL COPY", "PVOL PSUS");
        assertThat(cci.run("pairevtwait -g snap -s psus -t 1").exit()).isZero();
        assertThat(cci.run("pairvolchk -g snap -ss").exit()).isEqualTo(32);
        array.finishCopies();
        assertThat(cci.run("pairevtwait -g snap -ss ssus -t 5").exit()).isZero();
        assertThat(statuses()).containsExactly("SVOL SSUS", "PVOL PSUS");

        assertThat(cci.run("pairresync -g snap").exit()).isZero();
        array.finishCopies();
        assertThat(cci.run("pairevtwait -g snap -s pair -t 5").exit()).isZero();
        cci.set("HORCC_SPLT", null);
        assertThat(cci.run("pairsplit -g snap").exit()).isZero();
        assertThat(statuses()).containsExactly("SVOL COPY", "PVOL COPY");
        array.finishCopies();
        assertThat(statuses()).containsExactly("SVOL SSUS", "PVOL PSUS");
    }

    /** The S/P attribute and status of each pairdisplay line, e.g. {@code PVOL PSUS}. */
    private List<String> statuses() throws Exception {
        return cci.run("pairdisplay -g snap -CLI").out().stream().skip(1)
                .map(l -> l.trim().split("\\s+")).map(t -> t[9].replace("-", "") + " " + t[10]).toList();
    }

    @Test
    void timeoutReportsEwstot() throws Exception {
        startBoth();
        cci.run("paircreate -g snap -vr");
        var r = cci.run("pairevtwait -g snap -s pair -t 0");
        assertThat(r.exit()).isEqualTo(233);
        assertThat(r.firstErr()).isEqualTo("pairevtwait: [EX_EWSTOT] Timeout waiting for specified status");
        assertThat(r.err().get(1)).contains("still COPY");
    }

    @Test
    void commandsNeedAStartedInstance() throws Exception {
        cci.set("HORCMINST", "51").set("HORCC_MRCF", "1");
        var r = cci.run("pairdisplay -g snap");
        assertThat(r.exit()).isEqualTo(251);
        assertThat(r.err()).first().isEqualTo("pairdisplay: [EX_ATTHOR] Can't be attached to HORC manager");
        assertThat(r.err().get(1)).contains("horcmstart 51");
    }

    @Test
    void unknownGroupAndMissingPartner() throws Exception {
        assertThat(cci.run("horcmstart 51").exit()).isZero();
        cci.set("HORCMINST", "51").set("HORCC_MRCF", "1");
        var noGroup = cci.run("pairdisplay -g nosuch");
        assertThat(noGroup.exit()).isEqualTo(239);
        assertThat(noGroup.firstErr()).isEqualTo("pairdisplay: [EX_ENOGRP] No such group");
        assertThat(noGroup.err().get(1)).contains("known groups: snap");
        var noPartner = cci.run("paircreate -g snap -vr");
        assertThat(noPartner.exit()).isEqualTo(242);
        assertThat(noPartner.firstErr()).startsWith("paircreate: [EX_ENORMT]");
        assertThat(array.shadowImage().pairs()).isEmpty();
    }

    @Test
    void trueCopyModeRefusesShadowImageGroup() throws Exception {
        startBoth();
        cci.set("HORCC_MRCF", null);
        var r = cci.run("paircreate -g snap -vr");
        assertThat(r.exit()).isEqualTo(220);
        assertThat(r.firstErr()).isEqualTo("paircreate: [EX_INVMUN] Invalid mu# with HORC_MRCF or TrueCopy");
        assertThat(array.shadowImage().pairs()).isEmpty();
        assertThat(cci.run("paircreate -g snap -vr -IM51").exit()).isZero();
    }

    @Test
    void optionErrors() throws Exception {
        startBoth();
        var unknown = cci.run("pairdisplay -g snap -zork");
        assertThat(unknown.exit()).isEqualTo(252);
        assertThat(unknown.firstErr()).isEqualTo("pairdisplay: [EX_UNWOPT] Unknown option");
        var missing = cci.run("pairdisplay");
        assertThat(missing.exit()).isEqualTo(254);
        assertThat(missing.firstErr()).isEqualTo("pairdisplay: [EX_REQARG] Required Arg list");
        assertThat(cci.run("paircreate -g snap").exit()).isEqualTo(254);
        assertThat(cci.run("paircreate -g snap -vr -c 99").exit()).isEqualTo(253);
        assertThat(array.shadowImage().pairs()).isEmpty();
    }

    @Test
    void wrongStateIsRefusedWithoutChange() throws Exception {
        startBoth();
        var split = cci.run("pairsplit -g snap");
        assertThat(split.exit()).isEqualTo(228);
        assertThat(split.firstErr()).isEqualTo("pairsplit: [EX_INVSTP] Invalid pair status");
        cci.run("paircreate -g snap -vr");
        var restore = cci.run("pairresync -g snap -restore");
        assertThat(restore.exit()).isEqualTo(228);
        assertThat(array.shadowImage().pairs()).singleElement().satisfies(p -> assertThat(p.state()).isEqualTo(PairState.COPY_PD));
    }

    @Test
    void wrongMuNumber() throws Exception {
        Files.writeString(dir.resolve("horcm51.conf"), SeedConfs.HORCM51.replace("2             0", "2             1"));
        startBoth();
        var r = cci.run("paircreate -g snap -vr");
        assertThat(r.exit()).isEqualTo(220);
        assertThat(r.err().get(1)).contains("an S-VOL has only MU#0");
        assertThat(array.shadowImage().pairs()).isEmpty();
    }

    @Test
    void unequalSizesAreRefused() throws Exception {
        array = new FakeArray(512L * 1024 * 1024);
        cci = new CciRunner(new CciCommands(array, dir.resolve("state2")), dir);
        startBoth();
        var r = cci.run("paircreate -g snap -vr");
        assertThat(r.exit()).isEqualTo(212);
        assertThat(r.firstErr()).isEqualTo("paircreate: [EX_ENQSIZ] Unmatched volume size for pairing");
        assertThat(array.shadowImage().pairs()).isEmpty();
    }

    @Test
    void malformedConfFailsStartWithLineNumber() throws Exception {
        Files.writeString(dir.resolve("horcm50.conf"), SeedConfs.HORCM50.replace("25              1             2", "25"));
        var r = cci.run("horcmstart 50");
        assertThat(r.exit()).isNotZero();
        assertThat(r.out()).containsExactly("starting HORCM inst 50");
        assertThat(String.join("\n", r.err())).contains("horcm50.conf line 11").contains("dev_group dev_name port# TargetID LU# [MU#]");
        assertThat(cci.run("horcmshutdown 50").exit()).isEqualTo(251);
    }

    @Test
    void commandDeviceMustBeOne() throws Exception {
        Files.writeString(dir.resolve("horcm50.conf"), SeedConfs.HORCM50.replace("PhysicalDrive0", "PhysicalDrive1"));
        var r = cci.run("horcmstart 50");
        assertThat(r.exit()).isNotZero();
        assertThat(String.join("\n", r.err())).contains("LDEV 18 (OPEN-3), not a command device").contains("\\\\.\\PhysicalDrive0");
    }

    @Test
    void startedInstanceKeepsItsConfAndSurvivesRestart() throws Exception {
        startBoth();
        assertThat(cci.run("horcmstart 50").exit()).isNotZero();
        Files.writeString(dir.resolve("horcm51.conf"), "garbage\n");
        CciRunner restarted = new CciRunner(new CciCommands(array, dir.resolve("state")), dir).set("HORCMINST", "51").set("HORCC_MRCF", "1");
        assertThat(restarted.run("pairdisplay -g snap").exit()).isZero();
    }

    @Test
    void defaultInstanceUsesHorcmConf() throws Exception {
        Files.writeString(dir.resolve("horcm.conf"), SeedConfs.HORCM50_MON_CMD_ONLY.replace("52050", "52099"));
        var start = cci.run("horcmstart");
        assertThat(start.out()).containsExactly("starting HORCM", "HORCM starts successfully.");
        assertThat(cci.run("raidqry -l").exit()).isZero();
        assertThat(cci.run("horcmshutdown").out()).containsExactly("HORCM Shutdown !!!");
        assertThat(cci.run("raidqry -l").exit()).isEqualTo(251);
    }
}
