package io.rmvss.array.cci;

import io.rmvss.array.horcm.SeedConfs;
import static org.assertj.core.api.Assertions.assertThat;

import io.rmvss.array.LdevId;
import io.rmvss.array.SimulatedArray;
import io.rmvss.array.layout.ArrayLayout;
import io.rmvss.array.shadowimage.PairInfo;
import io.rmvss.array.shadowimage.PairState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refused commands against the real {@link SimulatedArray}: CCI's code and text on the first stderr line,
 * the cause on the second, CCI's exit code, and nothing changed on the array or in the instances.
 */
class CciErrorTest {
    private static final LdevId SVOL = new LdevId(62496, 19);

    @TempDir
    Path dir;
    SimulatedArray array;
    CciRunner cci;

    private void open(ArrayLayout layout) throws Exception {
        array = SimulatedArray.create(dir.resolve("array"), layout);
        cci = new CciRunner(new CciCommands(array, dir.resolve("array/horcm")), dir);
        Files.writeString(dir.resolve("horcm50.conf"), SeedConfs.HORCM50);
        Files.writeString(dir.resolve("horcm51.conf"), SeedConfs.HORCM51);
    }

    private void startBoth() throws Exception {
        assertThat(cci.run("horcmstart 50 51").exit()).isZero();
        cci.set("HORCMINST", "51").set("HORCC_MRCF", "1");
    }

    @AfterEach
    void close() {
        if (array != null) {
            array.close();
        }
    }

    private static void assertRefused(CciRunner.Result r, String command, String code, String text, int exit, String cause) {
        assertThat(r.exit()).isEqualTo(exit);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).hasSize(2);
        assertThat(r.err().get(0)).isEqualTo(command + ": [" + code + "] " + text);
        assertThat(r.err().get(1)).startsWith(command + ": ").contains(cause);
    }

    @Test
    void unknownGroup() throws Exception {
        open(ArrayLayout.seedExample());
        startBoth();
        assertRefused(cci.run("paircreate -g snapx -vr"), "paircreate", "EX_ENOGRP", "No such group", 239, "known groups: snap");
        assertThat(array.shadowImage().pairs()).isEmpty();
    }

    @Test
    void wrongMuNumbers() throws Exception {
        open(ArrayLayout.seedExample());
        Files.writeString(dir.resolve("horcm50.conf"), SeedConfs.HORCM50.replace("1             2", "1             3"));
        startBoth();
        assertRefused(cci.run("paircreate -g snap -vr"), "paircreate", "EX_INVMUN", "Invalid mu# with HORC_MRCF or TrueCopy", 220,
                "MU#3 of snapdev1 (horcm50.conf line 11)");
        assertRefused(cci.run("paircreate -g snap -vl"), "paircreate", "EX_INVMUN", "Invalid mu# with HORC_MRCF or TrueCopy", 220,
                "MU#3");
        assertThat(array.shadowImage().pairs()).isEmpty();
    }

    @Test
    void svolAtANonZeroMu() throws Exception {
        open(ArrayLayout.seedExample());
        Files.writeString(dir.resolve("horcm51.conf"), SeedConfs.HORCM51.replace("2             0", "2             1"));
        startBoth();
        assertRefused(cci.run("paircreate -g snap -vr"), "paircreate", "EX_INVMUN", "Invalid mu# with HORC_MRCF or TrueCopy", 220,
                "an S-VOL has only MU#0");
        assertThat(array.shadowImage().pairs()).isEmpty();
    }

    @Test
    void malformedConfLine() throws Exception {
        open(ArrayLayout.seedExample());
        Files.writeString(dir.resolve("horcm51.conf"), SeedConfs.HORCM51.replace("snap            127.0.0.1      52050", "snap 127.0.0.1"));
        var r = cci.run("horcmstart 50 51");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).containsExactly("starting HORCM inst 50", "HORCM inst 50 starts successfully.", "starting HORCM inst 51");
        assertThat(r.err()).containsExactly("HORCM inst 51 has failed to start.",
                "horcmstart: " + dir.resolve("horcm51.conf") + " line 15: HORCM_INST expects 'dev_group ip_address service', found 'snap 127.0.0.1'");
        cci.set("HORCMINST", "51").set("HORCC_MRCF", "1");
        // The attaching command says why the instance is down, as HORCM's log would: the provider's [EV_ATTHOR] then names the line.
        assertRefused(cci.run("pairdisplay -g snap"), "pairdisplay", "EX_ATTHOR", "Can't be attached to HORC manager", 251,
                "HORCM instance 51 is not running; its last horcmstart failed: " + dir.resolve("horcm51.conf") + " line 15: HORCM_INST"
                        + " expects 'dev_group ip_address service', found 'snap 127.0.0.1'; correct that and start it with horcmstart 51");
    }

    @Test
    void unknownOption() throws Exception {
        open(ArrayLayout.seedExample());
        startBoth();
        assertRefused(cci.run("paircreate -g snap -vr -nocopyx"), "paircreate", "EX_UNWOPT", "Unknown option", 252, "'-nocopyx'");
        assertThat(array.shadowImage().pairs()).isEmpty();
    }

    @Test
    void svolSmallerThanPvol() throws Exception {
        open(ArrayLayout.parse(ArrayLayout.seedExampleJson().replace("{ \"ldev\": 19, \"size\": \"2403360KB\"", "{ \"ldev\": 19, \"size\": \"1201680KB\"")));
        startBoth();
        assertRefused(cci.run("paircreate -g snap -vr -m noread"), "paircreate", "EX_ENQSIZ", "Unmatched volume size for pairing", 212,
                "P-VOL LDEV 18 has 4806720 blocks but S-VOL LDEV 19 has 2403360");
        assertThat(array.shadowImage().pairs()).isEmpty();
    }

    @Test
    void pairInTheWrongState() throws Exception {
        open(ArrayLayout.seedExample());
        startBoth();
        assertRefused(cci.run("pairresync -g snap"), "pairresync", "EX_INVSTP", "Invalid pair status", 228, "is SMPL");
        assertThat(cci.run("paircreate -g snap -vr").exit()).isZero();
        assertThat(cci.run("pairevtwait -g snap -s pair -t 60").exit()).isZero();
        assertRefused(cci.run("pairresync -g snap -restore"), "pairresync", "EX_INVSTP", "Invalid pair status", 228, "PAIR/PAIR");
        assertThat(cci.run("pairsplit -g snap").exit()).isZero();
        assertThat(cci.run("pairevtwait -g snap -ss ssus -t 60").exit()).isZero();
        PairInfo before = array.shadowImage().pairOfSvol(SVOL).orElseThrow();
        assertRefused(cci.run("paircreate -g snap -vr"), "paircreate", "EX_INVSTP", "Invalid pair status", 228, "pairresync");
        assertThat(array.shadowImage().pairOfSvol(SVOL)).hasValueSatisfying(p -> {
            assertThat(p.state()).isEqualTo(PairState.PSUS);
            assertThat(p).isEqualTo(before);
        });
    }

    @Test
    void instanceNotStarted() throws Exception {
        open(ArrayLayout.seedExample());
        cci.set("HORCMINST", "50").set("HORCC_MRCF", "1");
        for (String line : List.of("pairdisplay -g snap", "paircreate -g snap -vl", "raidscan -p CL2-C", "raidvchkset -g snap -vg idb",
                "raidqry -l", "pairevtwait -g snap -s pair -t 1", "pairvolchk -g snap")) {
            String command = line.split(" ")[0];
            assertRefused(cci.run(line), command, "EX_ATTHOR", "Can't be attached to HORC manager", 251, "horcmstart 50");
        }
        assertThat(array.shadowImage().pairs()).isEmpty();
        assertThat(array.guards(SVOL)).isEmpty();
        var shutdown = cci.run("horcmshutdown 50");
        assertThat(shutdown.exit()).isEqualTo(251);
    }

    @Test
    void partnerNotStarted() throws Exception {
        open(ArrayLayout.seedExample());
        assertThat(cci.run("horcmstart 51").exit()).isZero();
        cci.set("HORCMINST", "51").set("HORCC_MRCF", "1");
        assertRefused(cci.run("paircreate -g snap -vr"), "paircreate", "EX_ENORMT",
                "No remote host alive for remote commands, or Remote Raid Manager might be blocked (sleeping) on an existing I/O", 242,
                "no started instance listens on service 52050");
        assertThat(array.shadowImage().pairs()).isEmpty();
    }

    @Test
    void trueCopyModeOnAShadowImageGroup() throws Exception {
        open(ArrayLayout.seedExample());
        startBoth();
        cci.set("HORCC_MRCF", null);
        assertRefused(cci.run("paircreate -g snap -vr"), "paircreate", "EX_INVMUN", "Invalid mu# with HORC_MRCF or TrueCopy", 220,
                "HORCC_MRCF=1");
        assertThat(array.shadowImage().pairs()).isEmpty();
    }
}
