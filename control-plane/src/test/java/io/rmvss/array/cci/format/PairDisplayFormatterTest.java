package io.rmvss.array.cci.format;

import static io.rmvss.array.cci.SeedText.collapse;
import static org.assertj.core.api.Assertions.assertThat;

import io.rmvss.array.cci.format.PairDisplayFormatter.Layout;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairDisplayFormatterTest {
    private static final Layout DEFAULT = new Layout(false, false, false, false);
    private static final Layout FDC = new Layout(true, true, false, false);

    @Test
    void seedFdcSimplexSample() {
        List<String> lines = PairDisplayFormatter.format(FDC, List.of(
                new PairDisplayRow("snap", "snapdev1", 'L', "CL2-C", 25, 2, 0, "Harddisk2", 62496, 19, "SMPL", null, null, null, null, '-'),
                new PairDisplayRow("snap", "snapdev1", 'R', "CL2-C", 25, 1, 2, "Harddisk1", 62496, 18, "SMPL", null, null, null, null, '-')));
        assertThat(lines).map(l -> collapse(l)).containsExactly(
                collapse("Group   PairVol(L/R) Device_File      ,Seq#,LDEV#.P/S,Status,   % ,P-LDEV# M"),
                collapse("snap    snapdev1(L)  Harddisk2      62496  19..SMPL  ----,-----  ---- -"),
                collapse("snap    snapdev1(R)  Harddisk1      62496  18..SMPL  ----,-----  ---- -"));
    }

    @Test
    void seedPairSampleWithNoread() {
        List<String> lines = PairDisplayFormatter.format(DEFAULT, List.of(
                new PairDisplayRow("snap", "snapdev1", 'L', "CL2-C", 25, 2, 0, null, 62496, 19, "S-VOL", "PAIR", null, 100, 18, '-'),
                new PairDisplayRow("snap", "snapdev1", 'R', "CL2-C", 25, 1, 2, null, 62496, 18, "P-VOL", "PAIR", 62496, 100, 19, 'N')));
        assertThat(lines).map(l -> collapse(l)).containsExactly(
                collapse("Group   PairVol(L/R) (Port#,TID,LU-M),Seq#,LDEV#.P/S,Status, Seq#,P-LDEV# M"),
                collapse("snap    snapdev1(L) (CL2-C ,25, 2-0)62496 19..S-VOL PAIR,----- 18 -"),
                collapse("snap    snapdev1(R) (CL2-C ,25, 1-2)62496 18..P-VOL PAIR,62496 19 N"));
    }

    @Test
    void copyPercentLayoutFollowsCciCaptureSpacing() {
        String line = PairDisplayFormatter.row(new Layout(false, true, true, false),
                new PairDisplayRow("vgdbRPS", "40:06_40:4b", 'L', "CL1-A-3", 3, 7, 0, null, 85827, 0x404b, "S-VOL", "PAIR", null, 99, 0x4006, '-'));
        assertThat(line).isEqualTo("vgdbRPS 40:06_40:4b(L) (CL1-A-3, 3,   7-0 )85827  404b.S-VOL PAIR,   99    4006 -");
        assertThat(PairDisplayFormatter.header(new Layout(false, true, false, false)))
                .isEqualTo("Group   PairVol(L/R) (Port#,TID, LU-M) ,Seq#,LDEV#.P/S,Status,   % ,P-LDEV# M");
    }

    @Test
    void cliLayoutIsOneTokenPerColumn() {
        List<String> lines = PairDisplayFormatter.format(new Layout(false, false, false, true), List.of(
                new PairDisplayRow("snap", "snapdev1", 'R', "CL2-C", 25, 1, 2, null, 62496, 18, "P-VOL", "PSUS", 62496, 100, 19, 'W')));
        assertThat(collapse(lines.get(0))).isEqualTo("Group PairVol L/R Port# TID LU-M Seq# LDEV# P/S Status Seq# P-LDEV# M");
        assertThat(collapse(lines.get(1))).isEqualTo("snap snapdev1 R CL2-C 25 1 2 62496 18 P-VOL PSUS 62496 19 W");
    }
}
