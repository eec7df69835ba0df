package io.rmvss.array.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rmvss.array.LdevId;
import io.rmvss.array.storage.Ldev;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArrayLayoutTest {
    @Test
    void seedExampleIsTheManualsTopology() {
        ArrayLayout layout = ArrayLayout.seedExample();
        SystemLayout system = layout.system(62496);
        assertThat(system.info().microcode()).isEqualTo("21-06-22/00");
        assertThat(system.info().revision()).isEqualTo("2106");
        assertThat(system.ldevs()).extracting(l -> l.id().ldev()).containsExactly(16, 18, 19);
        Ldev cmd = system.ldevs().get(0);
        assertThat(cmd.commandDevice()).isTrue();
        assertThat(cmd.productId()).isEqualTo("OPEN-3-CM");
        Ldev ldev18 = system.ldevs().get(1);
        assertThat(ldev18.productId()).isEqualTo("OPEN-3");
        assertThat(ldev18.sizeBytes()).isEqualTo(2_403_360L * 1024);
        assertThat(ldev18.ssid()).isEqualTo("0004");
        assertThat(ldev18.raidGroup()).isEqualTo("5:01-04");
        assertThat(system.luns()).containsExactly(new LunMapping("CL2-C", 25, 0, 16),
                new LunMapping("CL2-C", 25, 1, 18), new LunMapping("CL2-C", 25, 2, 19));
        assertThat(layout.hostDisks()).hasSize(4);
        assertThat(layout.hostDisks().get(3).local()).isTrue();
        assertThat(layout.hostDisks().get(3).productId()).isEqualTo("L040L2");
        assertThat(layout.driveLetters()).containsExactly(new DriveLetter('E', 12, 1), new DriveLetter('D', 1, 3));
    }

    @Test
    void rangesScaleToHundredsOfLdevs() {
        ArrayLayout layout = ArrayLayout.parse("""
                {"systems":[{"serial":1,"ldevs":[{"from":256,"count":300,"size":"2347MiB"}],
                  "luns":[{"port":"CL1-A","targetId":0,"fromLun":0,"fromLdev":"01:00","count":300}]}],
                 "host":{"disks":[{"fromDisk":0,"count":300,"serial":1,"port":"CL1-A","targetId":0,"fromLun":0}]}}
                """);
        assertThat(layout.system(1).ldevs()).hasSize(300);
        assertThat(layout.system(1).ldevs().get(299).id()).isEqualTo(new LdevId(1, 555));
        assertThat(layout.system(1).luns().get(299)).isEqualTo(new LunMapping("CL1-A", 0, 299, 555));
        assertThat(layout.hostDisks()).hasSize(300);
        assertThat(ArrayLayout.parse(layout.toJson())).isEqualTo(layout);
    }

    @Test
    void writtenLayoutReadsBackEqual() {
        ArrayLayout layout = ArrayLayout.seedExample();
        assertThat(ArrayLayout.parse(layout.toJson())).isEqualTo(layout);
    }

    @Test
    void readNamesTheFileInErrors(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"systems\": [}");
        assertThatThrownBy(() -> ArrayLayout.read(file)).isInstanceOf(LayoutException.class)
                .hasMessageContaining("bad.json").hasMessageContaining("not valid JSON");
    }

    @Test
    void duplicateLdevIsNamed() {
        assertThatThrownBy(() -> ArrayLayout.parse(system(
                "[{\"ldev\":5,\"size\":\"1MiB\"},{\"from\":4,\"count\":3,\"size\":\"1MiB\"}]", "[]")))
                .hasMessageContaining("LDEV 5").hasMessageContaining("defined twice");
    }

    @Test
    void lunMappedTwiceIsNamed() {
        assertThatThrownBy(() -> ArrayLayout.parse(system("[{\"from\":1,\"count\":2,\"size\":\"1MiB\"}]",
                "[{\"port\":\"CL1-A\",\"targetId\":0,\"lun\":3,\"ldev\":1},{\"port\":\"CL1-A\",\"targetId\":0,\"lun\":3,\"ldev\":2}]")))
                .hasMessageContaining("CL1-A TID 0 LUN 3 is mapped twice");
    }

    @Test
    void unknownLdevInMappingIsNamed() {
        assertThatThrownBy(() -> ArrayLayout.parse(system("[{\"ldev\":1,\"size\":\"1MiB\"}]",
                "[{\"port\":\"CL1-A\",\"targetId\":0,\"lun\":0,\"ldev\":9}]")))
                .hasMessageContaining("maps LDEV 9, which is not defined");
    }

    @Test
    void badSizeAndPortAndUnknownFieldAreExplained() {
        assertThatThrownBy(() -> ArrayLayout.parse(system("[{\"ldev\":1,\"size\":\"12 parsecs\"}]", "[]")))
                .hasMessageContaining("systems[0].ldevs[0].size");
        assertThatThrownBy(() -> ArrayLayout.parse(system("[{\"ldev\":1,\"size\":\"1000\"}]", "[]")))
                .hasMessageContaining("multiple of 512");
        assertThatThrownBy(() -> ArrayLayout.parse(system("[{\"ldev\":1,\"size\":\"1MiB\"}]",
                "[{\"port\":\"CL1-I\",\"targetId\":0,\"lun\":0,\"ldev\":1}]")))
                .hasMessageContaining("not a Hitachi port name");
        assertThatThrownBy(() -> ArrayLayout.parse(system("[{\"ldev\":1,\"sise\":\"1MiB\"}]", "[]")))
                .hasMessageContaining("unknown field \"sise\"");
    }

    @Test
    void hostDisksMustBeNumberedWithoutGapsAndOnMappedLuns() {
        String base = "{\"systems\":[{\"serial\":1,\"ldevs\":[{\"ldev\":1,\"size\":\"1MiB\"}],"
                + "\"luns\":[{\"port\":\"CL1-A\",\"targetId\":0,\"lun\":0,\"ldev\":1}]}],\"host\":{\"disks\":%s}}";
        assertThatThrownBy(() -> ArrayLayout.parse(base.formatted("[{\"disk\":1,\"vendor\":\"X\",\"productId\":\"Y\"}]")))
                .hasMessageContaining("disk 0 is missing");
        assertThatThrownBy(() -> ArrayLayout.parse(base.formatted("[{\"disk\":0,\"serial\":1,\"port\":\"CL1-A\",\"targetId\":0,\"lun\":7}]")))
                .hasMessageContaining("not mapped");
    }

    private static String system(String ldevs, String luns) {
        return "{\"systems\":[{\"serial\":1,\"ldevs\":" + ldevs + ",\"luns\":" + luns + "}]}";
    }
}
