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

    /**
     * The disk's device interface name as VSS hands it to a provider, {@code \\?\scsi#disk&ven_hitachi&prod_open-v#1&0f420&0&000012}.
     * Windows derives vendor and product from the inquiry; the instance part is the simulated host's own: {@code 1&}, the array
     * serial in 5 hex digits, {@code &0&}, the LDEV in 6 hex digits (local disks: {@code 0&00000&0&} and the disk number),
     * so a test harness can name a LUN's device from its serial and LDEV.
     */
    public String interfaceName() {
        String instance = ldev.map(id -> String.format("1&%05x&0&%06x", id.serial(), id.ldev()))
                .orElse(String.format("0&00000&0&%06x", number));
        return "\\\\?\\scsi#disk&ven_" + pnp(vendor) + "&prod_" + pnp(productId) + "#" + instance;
    }

    private static String pnp(String text) {
        return text.strip().toLowerCase(java.util.Locale.ROOT).replace(' ', '_');
    }
}
