package io.rmvss.array;

import static org.assertj.core.api.Assertions.assertThat;

import io.rmvss.array.host.HostDisk;
import io.rmvss.array.layout.ArrayLayout;
import io.rmvss.array.storage.Guard;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The device interface names VSS hands a provider (\\?\scsi#disk&ven_...), as the simulated host resolves them. */
class HostDeviceNamesTest {
    @TempDir
    Path dir;

    @Test
    void interfaceNamesResolveToTheDiskWhileTheHostSeesIt() throws Exception {
        try (SimulatedArray array = SimulatedArray.create(dir.resolve("a"), ArrayLayout.seedExample())) {
            String svol = "\\\\?\\scsi#disk&ven_hitachi&prod_open-3#1&0f420&0&000013";
            assertThat(array.hostDisk("Harddisk2").orElseThrow().interfaceName()).isEqualTo(svol);
            assertThat(array.hostDisk(svol)).map(HostDisk::number).contains(2);
            assertThat(array.hostDisk(svol.toUpperCase() + "#{53f56307-b6bf-11d0-94f2-00a0c91efb8b}")).map(HostDisk::number).contains(2);
            assertThat(array.hostDisk("\\\\?\\scsi#disk&ven_ibm-esxs&prod_l040l2#0&00000&0&000003")).map(HostDisk::number).contains(3);
            assertThat(array.hostDisk("\\\\?\\scsi#disk&ven_hitachi&prod_open-v#1&0f420&0&000013")).as("another product").isEmpty();

            array.setGuards(new LdevId(62496, 19), Set.of(Guard.INVISIBLE));
            assertThat(array.hostDisk(svol)).as("hidden by raidvchkset -vg idb").isEmpty();
        }
    }
}
