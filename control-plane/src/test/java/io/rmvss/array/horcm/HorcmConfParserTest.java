package io.rmvss.array.horcm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rmvss.array.horcm.DeviceLocation.PortTargetLun;
import io.rmvss.array.horcm.DeviceLocation.SerialLdev;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HorcmConfParserTest {
    private static final Path FILE = Path.of("horcm50.conf");

    @Test
    void readsEverySectionOfTheSeedFile() throws Exception {
        HorcmConf conf = HorcmConfParser.parse(FILE, SeedConfs.HORCM50);
        assertThat(conf.monitor()).isEqualTo(new MonitorEntry("127.0.0.1", "52050", 1000, 3000, 3));
        assertThat(conf.commandDevices()).containsExactly(java.util.List.of("\\\\.\\PhysicalDrive0"));
        assertThat(conf.devices()).containsExactly(
                new DeviceEntry("snap", "snapdev1", new PortTargetLun("CL2-C", 25, 1), new MuNumber(2, false, true), 11));
        assertThat(conf.partners()).containsExactly(new PartnerEntry("snap", "127.0.0.1", "52051", -1, 15));
        assertThat(conf.groups()).containsExactly("snap");
    }

    @Test
    void readsLdevSectionInAllThreeNotationsAndInstp() throws Exception {
        HorcmConf conf = HorcmConfParser.parse(FILE, """
                HORCM_MON
                NONE horcm50 -1 3000
                HORCM_CMD
                \\\\.\\CMD-62496 \\\\.\\CMD-62496-16   # two paths to one command device
                HORCM_LDEV
                grp a 62496 01:04 1
                grp b 62496 260
                grp c 62496 0x104 h1
                HORCM_INSTP
                grp 10.0.0.2 52051 3
                """);
        assertThat(conf.commandDevices().get(0)).hasSize(2);
        assertThat(conf.devices()).extracting(DeviceEntry::location).containsExactly(
                new SerialLdev(62496, 0x104), new SerialLdev(62496, 260), new SerialLdev(62496, 0x104));
        assertThat(conf.devices()).extracting(DeviceEntry::mu).containsExactly(
                new MuNumber(1, false, true), MuNumber.UNSPECIFIED, new MuNumber(1, true, true));
        assertThat(conf.partners()).containsExactly(new PartnerEntry("grp", "10.0.0.2", "52051", 3, 10));
        assertThat(conf.monitor().pollTenMs()).isEqualTo(-1);
    }

    @Test
    void aMonitorAndCommandDeviceAloneIsValid() throws Exception {
        HorcmConf conf = HorcmConfParser.parse(FILE, "HORCM_MON\n127.0.0.1 52050 1000 3000\nHORCM_CMD\n\\\\.\\PhysicalDrive0\n");
        assertThat(conf.devices()).isEmpty();
        assertThat(conf.partners()).isEmpty();
    }

    @Test
    void shortDevLineNamesLineAndLayout() {
        String text = SeedConfs.HORCM50.replace("snap            snapdev1        CL2-C          25              1             2",
                "snap snapdev1 CL2-C 25");
        assertThatThrownBy(() -> HorcmConfParser.parse(FILE, text))
                .isInstanceOf(HorcmConfException.class)
                .hasMessageContaining("horcm50.conf line 11")
                .hasMessageContaining("dev_group dev_name port# TargetID LU# [MU#]")
                .hasMessageContaining("'snap snapdev1 CL2-C 25'");
    }

    @Test
    void badValuesAreReportedWithTheirLine() {
        assertError("HORCM_MON\n127.0.0.1 52050 1000\n", 2, "ip_address service poll(10ms) timeout(10ms)");
        assertError(base() + "HORCM_DEV\ng d XX-1 25 1 0\n", 6, "port# 'XX-1'");
        assertError(base() + "HORCM_DEV\ng d CL1-A x 1 0\n", 6, "TargetID 'x'");
        assertError(base() + "HORCM_DEV\ng d CL1-A 1 1 z9\n", 6, "MU# 'z9'");
        assertError(base() + "HORCM_LDEV\ng d 62496 1:2:3\n", 6, "CU:LDEV(LDEV#) '1:2:3'");
        assertError(base() + "HORCM_LDEV\ng d 62496 70000\n", 6, "at most 65535");
        assertError(base() + "HORCM_INST\ng 127.0.0.1\n", 6, "dev_group ip_address service");
        assertError(base() + "HORCM_INSTP\ng 127.0.0.1 52051\n", 6, "pathID");
        assertError(base() + "HORCM_BOGUS\n", 5, "unknown section 'HORCM_BOGUS'");
        assertError("127.0.0.1 52050 1000 3000\n", 1, "expected a section header");
        assertError(base() + "HORCM_DEV\ng d CL1-A 1 1\ng d CL1-A 1 2\n", 7, "dev_name 'd' is defined twice");
        assertError(base() + "HORCM_DEV\ng " + "x".repeat(32) + " CL1-A 1 1\n", 6, "longer than 31");
    }

    @Test
    void missingMonitorOrCommandDeviceIsAnError() {
        assertThatThrownBy(() -> HorcmConfParser.parse(FILE, "HORCM_CMD\n\\\\.\\PhysicalDrive0\n"))
                .hasMessageContaining("HORCM_MON is missing");
        assertThatThrownBy(() -> HorcmConfParser.parse(FILE, "HORCM_MON\n127.0.0.1 52050 1000 3000\n"))
                .hasMessageContaining("HORCM_CMD is missing");
    }

    @Test
    void missingFileIsReported() {
        assertThatThrownBy(() -> HorcmConfParser.read(Path.of("/nonexistent/horcm77.conf")))
                .hasMessageContaining("horcm77.conf: no such file");
    }

    private static String base() {
        return "HORCM_MON\n127.0.0.1 52050 1000 3000\nHORCM_CMD\n\\\\.\\PhysicalDrive0\n";
    }

    private static void assertError(String text, int line, String fragment) {
        assertThatThrownBy(() -> HorcmConfParser.parse(FILE, text))
                .isInstanceOf(HorcmConfException.class)
                .satisfies(e -> assertThat(((HorcmConfException) e).lineNumber()).isEqualTo(line))
                .hasMessageContaining(fragment);
    }
}
