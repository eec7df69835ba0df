package io.rmvss.array.host;

import io.rmvss.array.LdevId;
import java.util.List;
import java.util.Optional;

/**
 * A disk as the host (a Windows server) sees it: {@code Harddisk1}, {@code \\.\PhysicalDrive1}.
 * Array LUNs carry their path (port, target ID, LUN) and LDEV; local disks (not on a Hitachi
 * array) carry only a vendor and product.
 *
 * @param volumes drive letters on this disk, e.g. {@code E:\Vol12\Dsk1}
 */
public record HostDisk(int number, Optional<LdevId> ldev, String port, int targetId, int lun,
                       String vendor, String productId, List<HostVolume> volumes) {
    public String deviceFile() { return "Harddisk" + number; }

    public String physicalDrive() { return "\\\\.\\PhysicalDrive" + number; }
}
