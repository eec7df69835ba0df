package io.rmvss.array;

import io.rmvss.array.host.HostDisk;
import io.rmvss.array.host.Inquiry;
import io.rmvss.array.shadowimage.ShadowImage;
import io.rmvss.array.storage.Guard;
import io.rmvss.array.storage.HostIo;
import io.rmvss.array.storage.Ldev;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The simulated Hitachi storage (one or more storage systems by serial number) together with the
 * host that is attached to it. The CCI commands and tests reach the array only through this.
 */
public interface StorageArray extends AutoCloseable {
    List<StorageSystemInfo> systems();

    Optional<Ldev> ldev(LdevId id);

    /** The LDEV mapped at port/target/LUN of the storage system with this serial. */
    Optional<Ldev> ldevAt(int serial, String port, int targetId, int lun);

    /** Every path (port, target ID, LUN) at which the LDEV is mapped. */
    List<LunPath> pathsOf(LdevId id);

    /** The host's disks in disk-number order, including local non-Hitachi disks; hidden LUNs excluded. */
    List<HostDisk> hostDisks();

    /** Host disk by number, or by a device name: {@code Harddisk1}, {@code \\.\PhysicalDrive1}, {@code E:}. */
    Optional<HostDisk> hostDisk(String deviceName);

    /** SCSI inquiry as the host sees it; empty when the LUN is hidden (INVISIBLE). */
    Optional<Inquiry> inquiry(LdevId id);

    Set<Guard> guards(LdevId id);

    /** raidvchkset -vg: replaces the volume's guard attributes (an empty set releases them). */
    void setGuards(LdevId id, Set<Guard> guards) throws ArrayException;

    ShadowImage shadowImage();

    HostIo io();

    @Override
    void close();

    /** A port/target/LUN mapping of an LDEV. */
    record LunPath(String port, int targetId, int lun) {
    }

    /**
     * A storage system as raidqry reports it.
     *
     * @param microcode  e.g. {@code 21-06-22/00}
     * @param revision   the SCSI product revision of its LUNs, e.g. {@code 2106}
     * @param cacheMb    cache size for raidqry -l
     */
    record StorageSystemInfo(int serial, String model, String microcode, String revision, int cacheMb) {
    }
}
