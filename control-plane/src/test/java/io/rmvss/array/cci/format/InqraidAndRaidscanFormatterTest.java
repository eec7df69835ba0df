package io.rmvss.array.cci.format;

import static io.rmvss.array.cci.SeedText.collapse;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InqraidAndRaidscanFormatterTest {
    @Test
    void inqraidSeedLines() {
        assertThat(collapse(InqraidFormatter.header()))
                .isEqualTo(collapse("DEVICE_FILE      PORT      SERIAL    LDEV CTG   H/M/12  SSID R:Group  PRODUCT_ID"));
        assertThat(collapse(InqraidFormatter.row(new InqraidRow("Harddisk0", "CL2-C", 62496, 16, null, null, null, "OPEN-3-CM       "), false)))
                .isEqualTo(collapse("Harddisk0      CL2-C    62496    16  -     -       -       - OPEN-3-CM"));
        assertThat(collapse(InqraidFormatter.row(new InqraidRow("Harddisk1", "CL2-C", 62496, 18, "s/s/ss", "0004", "5:01-04", "OPEN-3"), false)))
                .isEqualTo(collapse("Harddisk1        CL2-C     62496     18   -     s/s/ss  0004 5:01-04 OPEN-3"));
        assertThat(collapse(InqraidFormatter.row(new InqraidRow("Harddisk3", null, null, null, null, null, null, "L040L2"), false)))
                .isEqualTo(collapse("Harddisk3        -         -         -    -     -       -       - L040L2"));
    }

    @Test
    void raidscanFindSeedLines() {
        assertThat(collapse(RaidscanFindFormatter.header()))
                .isEqualTo(collapse("DEVICE_FILE      UID  S/F  PORT  TARG  LUN  SERIAL  LDEV  PRODUCT_ID"));
        assertThat(collapse(RaidscanFindFormatter.row("Harddisk0", 0, "CL2-C", 25, 0, 62496, 16, "OPEN-3-CM", false)))
                .isEqualTo(collapse("Harddisk0        0   F   CL2-C  25   0    62496   16   OPEN-3-CM"));
    }

    @Test
    void raidscanPortLinesCarryEveryColumn() {
        var paired = new RaidscanPortFormatter.Row("CL2-C", 25, 1, 62496, 18, "P-VOL", "PAIR", 62496, 19);
        assertThat(collapse(RaidscanPortFormatter.row(paired, true, false))).isEqualTo("CL2-C 25 1 62496 1 18 P-VOL PAIR NEVER 62496 19");
        assertThat(collapse(RaidscanPortFormatter.header(true)))
                .isEqualTo("Port# TargetID# Lun# Seq# Num LDEV# P/S Status Fence P-Seq# P-LDEV#");
        assertThat(RaidscanPortFormatter.row(paired, false, false)).startsWith("CL2-C , 25,   1..  1(18)......P-VOL PAIR  NEVER");
    }
}
