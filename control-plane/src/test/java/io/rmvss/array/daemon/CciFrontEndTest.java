package io.rmvss.array.daemon;

import io.rmvss.array.horcm.SeedConfs;
import static io.rmvss.array.daemon.ArrayProcess.env;
import static org.assertj.core.api.Assertions.assertThat;

import io.rmvss.array.layout.ArrayLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The native bin/cci commands against a daemon process: what a user at a shell sees. */
class CciFrontEndTest {
    private static final Map<String, String> INST51 = env("HORCMINST", "51", "HORCC_MRCF", "1");

    @TempDir
    Path root;
    private ArrayProcess array;

    @BeforeEach
    void start() throws Exception {
        array = ArrayProcess.create(root, ArrayLayout.seedExample(), "--latency", "raidqry=300ms");
        Files.writeString(array.workDir.resolve("horcm50.conf"), SeedConfs.HORCM50);
        Files.writeString(array.workDir.resolve("horcm51.conf"), SeedConfs.HORCM51);
    }

    @AfterEach
    void stop() throws Exception {
        array.close();
    }

    @Test
    void seedPairLifecycleThroughTheNativeCommands() throws Exception {
        ArrayProcess.Result started = array.cci(Map.of(), "horcmstart", "50", "51");
        assertThat(started.exit()).isZero();
        assertThat(started.lines()).containsExactly("starting HORCM inst 50", "HORCM inst 50 starts successfully.",
                "starting HORCM inst 51", "HORCM inst 51 starts successfully.");

        assertThat(collapsed(array.cci(INST51, "pairdisplay", "-g", "snap", "-fdc").out())).containsExactly(
                "Group PairVol(L/R) Device_File ,Seq#,LDEV#.P/S,Status, % ,P-LDEV# M",
                "snap snapdev1(L) Harddisk2 62496 19..SMPL ----,----- ---- -",
                "snap snapdev1(R) Harddisk1 62496 18..SMPL ----,----- ---- -");

        assertThat(array.io("fill", "E:", "0", "4MiB", "--seed", "3").exit()).isZero();
        assertThat(array.cci(INST51, "paircreate", "-g", "snap", "-vr", "-m", "noread").exit()).isZero();
        assertThat(array.cci(INST51, "pairevtwait", "-g", "snap", "-s", "pair", "-t", "60").exit()).isZero();
        assertThat(collapsed(array.cci(INST51, "pairdisplay", "-g", "snap").out())).containsExactly(
                "Group PairVol(L/R) (Port#,TID,LU-M),Seq#,LDEV#.P/S,Status, Seq#,P-LDEV# M",
                "snap snapdev1(L) (CL2-C ,25, 2-0)62496 19..S-VOL PAIR,----- 18 -",
                "snap snapdev1(R) (CL2-C ,25, 1-2)62496 18..P-VOL PAIR,62496 19 N");

        assertThat(array.cci(INST51, "pairsplit", "-g", "snap").exit()).isZero();
        assertThat(array.cci(INST51, "pairevtwait", "-g", "snap", "-s", "psus", "-t", "60").exit()).isZero();
        ArrayProcess.Result volchk = array.cci(INST51, "pairvolchk", "-g", "snap", "-ss");
        assertThat(volchk.exit()).isEqualTo(34); // -ss: 32 COPY, 33 PAIR, 34 PSUS/SSUS, 35 PSUE
        assertThat(array.io("sum", "62496:19", "0", "4MiB").out().split(" ")[0])
                .isEqualTo(array.io("sum", "62496:18", "0", "4MiB").out().split(" ")[0]);

        assertThat(array.cci(INST51, "pairresync", "-g", "snap").exit()).isZero();
        assertThat(array.cci(INST51, "pairevtwait", "-g", "snap", "-s", "pair", "-t", "60").exit()).isZero();
    }

    @Test
    void errorsCarryCciTextAndExitCode() throws Exception {
        ArrayProcess.Result notStarted = array.cci(INST51, "pairdisplay", "-g", "snap");
        assertThat(notStarted.exit()).isEqualTo(251);
        assertThat(notStarted.err()).startsWith("pairdisplay: [EX_ATTHOR] Can't be attached to HORC manager");

        array.cci(Map.of(), "horcmstart", "50", "51");
        ArrayProcess.Result unknownGroup = array.cci(INST51, "pairdisplay", "-g", "nosuch");
        assertThat(unknownGroup.exit()).isEqualTo(239);
        assertThat(unknownGroup.err()).startsWith("pairdisplay: [EX_ENOGRP] No such group");

        ArrayProcess.Result badOption = array.cci(INST51, "pairsplit", "-g", "snap", "-bogus");
        assertThat(badOption.exit()).isEqualTo(252);
        assertThat(badOption.err()).startsWith("pairsplit: [EX_UNWOPT] Unknown option");

        ArrayProcess.Result wrongState = array.cci(INST51, "pairresync", "-g", "snap");
        assertThat(wrongState.exit()).isEqualTo(228);
        assertThat(wrongState.err()).startsWith("pairresync: [EX_INVSTP] Invalid pair status");
    }

    @Test
    void injectedLatencyDelaysTheCommand() throws Exception {
        array.cci(Map.of(), "horcmstart", "50");
        long start = System.nanoTime();
        ArrayProcess.Result r = array.cci(env("HORCMINST", "50"), "raidqry", "-l");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(r.exit()).isZero();
        assertThat(millis).as("raidqry with --latency raidqry=300ms").isGreaterThanOrEqualTo(300);
    }

    @Test
    void commandsSayHowToStartTheArrayWhenItIsDown() throws Exception {
        array.kill();
        ArrayProcess.Result r = array.cci(Map.of(), "pairdisplay", "-g", "snap");
        assertThat(r.exit()).isEqualTo(251);
        assertThat(r.err()).contains("[EX_ATTHOR]").contains("rmvss array serve");
    }

    private static java.util.List<String> collapsed(String text) {
        return text.lines().map(l -> l.trim().replaceAll("\\s+", " ")).toList();
    }
}
