package io.rmvss.array;

import static io.rmvss.array.TestArrays.TRACK;
import static io.rmvss.array.TestArrays.ldev;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rmvss.array.host.HostDisk;
import io.rmvss.array.host.Inquiry;
import io.rmvss.array.layout.ArrayLayout;
import io.rmvss.array.storage.Guard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedArrayTest {
    @TempDir
    Path dir;

    @Test
    void seedTopologyAsTheHostSeesIt() throws Exception {
        try (SimulatedArray array = SimulatedArray.create(dir.resolve("a"), ArrayLayout.seedExample())) {
            assertThat(array.systems()).singleElement().satisfies(s -> {
                assertThat(s.serial()).isEqualTo(62496);
                assertThat(s.revision()).isEqualTo("2106");
            });
            assertThat(array.hostDisks()).extracting(HostDisk::deviceFile)
                    .containsExactly("Harddisk0", "Harddisk1", "Harddisk2", "Harddisk3");
            HostDisk e = array.hostDisk("E:").orElseThrow();
            assertThat(e.number()).isEqualTo(1);
            assertThat(e.ldev()).contains(new LdevId(62496, 18));
            assertThat(e.volumes()).singleElement().satisfies(v -> assertThat(v.deviceFile()).isEqualTo("E:\\Vol12\\Dsk1"));
            assertThat(array.hostDisk("\\\\.\\PhysicalDrive2").orElseThrow().ldev()).contains(new LdevId(62496, 19));
            assertThat(array.hostDisk("PhysicalDrive0").orElseThrow().productId()).isEqualTo("OPEN-3-CM");
            assertThat(array.hostDisk("harddisk1").orElseThrow().port()).isEqualTo("CL2-C");
            assertThat(array.hostDisk("e").orElseThrow().number()).isEqualTo(1);
            HostDisk d = array.hostDisk("D:").orElseThrow();
            assertThat(d.ldev()).isEmpty();
            assertThat(d.productId()).isEqualTo("L040L2");
            assertThat(array.hostDisk("Harddisk9")).isEmpty();
            assertThat(array.ldevAt(62496, "CL2-C", 25, 2)).map(l -> l.id().ldev()).contains(19);
            assertThat(array.pathsOf(new LdevId(62496, 18))).containsExactly(new StorageArray.LunPath("CL2-C", 25, 1));

            Inquiry inquiry = array.inquiry(new LdevId(62496, 18)).orElseThrow();
            assertThat(inquiry.vendor()).isEqualTo("HITACHI ");
            assertThat(inquiry.product()).isEqualTo("OPEN-3          ");
            assertThat(inquiry.revision()).isEqualTo("2106");
            assertThat(inquiry.unitSerial()).isEqualTo("50 0F420 0012");
            assertThat(inquiry.naaDesignator()).hasSize(16).startsWith(0x60, 0x06, 0x0E, 0x80);
            assertThat(inquiry.naaDesignator()[15]).isEqualTo((byte) 18);
            assertThat(inquiry.commandDevice()).isFalse();
            assertThat(array.inquiry(new LdevId(62496, 16)).orElseThrow().commandDevice()).isTrue();
            Inquiry svol = array.inquiry(new LdevId(62496, 19)).orElseThrow();
            assertThat(svol.unitSerial()).hasSameSizeAs(inquiry.unitSerial()).isNotEqualTo(inquiry.unitSerial());
        }
    }

    @Test
    void invisibleLunsAreHiddenFromTheHostAndPersist() throws Exception {
        LdevId s = new LdevId(62496, 19);
        try (SimulatedArray array = SimulatedArray.create(dir.resolve("a"), ArrayLayout.seedExample())) {
            array.setGuards(s, Set.of(Guard.INVISIBLE));
            assertThat(array.hostDisks()).extracting(HostDisk::number).containsExactly(0, 1, 3);
            assertThat(array.inquiry(s)).isEmpty();
            assertThat(array.hostDisk("Harddisk2")).isEmpty();
            assertThatThrownBy(() -> TestArrays.read(array, s, 0, 512)).isInstanceOfSatisfying(ArrayException.class,
                    e -> assertThat(e.error()).isEqualTo(CciError.EX_ENODEV));
        }
        try (SimulatedArray array = SimulatedArray.open(dir.resolve("a"))) {
            assertThat(array.guards(s)).containsExactly(Guard.INVISIBLE);
            array.setGuards(s, Set.of());
            assertThat(array.inquiry(s)).isPresent();
        }
    }

    @Test
    void createRefusesANonEmptyDirectoryAndOpenFindsTheData() throws Exception {
        Path a = dir.resolve("a");
        byte[] data = TestArrays.random(new Random(1), 3 * TRACK + 1000);
        try (SimulatedArray array = TestArrays.small(a)) {
            TestArrays.write(array, ldev(256), TRACK - 500, data);
        }
        assertThatThrownBy(() -> TestArrays.small(a)).hasMessageContaining("not empty");
        try (SimulatedArray array = SimulatedArray.open(a)) {
            assertThat(TestArrays.read(array, ldev(256), TRACK - 500, data.length)).isEqualTo(data);
            assertThat(TestArrays.read(array, ldev(256), 0, 100)).containsOnly(0);
        }
    }

    @Test
    void anOpenArrayCannotBeOpenedTwice() throws Exception {
        Path a = dir.resolve("a");
        try (SimulatedArray array = TestArrays.small(a)) {
            assertThatThrownBy(() -> SimulatedArray.open(a)).hasMessageContaining("already open");
        }
        SimulatedArray.open(a).close();
    }

    @Test
    void ldevFilesAreSparse() throws Exception {
        try (SimulatedArray array = SimulatedArray.create(dir.resolve("a"), ArrayLayout.seedExample())) {
            Path file = dir.resolve("a").resolve("ldevs").resolve("62496-18.img");
            assertThat(Files.size(file)).isEqualTo(2_403_360L * 1024);
            // Allocated size as du reports it (Java has no portable attribute for it).
            Process du = new ProcessBuilder("du", "-k", file.toString()).redirectErrorStream(true).start();
            String out = new String(du.getInputStream().readAllBytes()).trim();
            assertThat(du.waitFor()).isZero();
            assertThat(Long.parseLong(out.split("\\s+")[0])).as("KiB allocated").isLessThan(1024);
        }
    }
}
