package io.rmvss.array.storage;

import io.rmvss.array.LdevId;

/**
 * One logical device of a storage system.
 *
 * @param productId   SCSI product identification, e.g. {@code OPEN-3}, {@code OPEN-V-CM} for a command device
 * @param ssid        the SSID inqraid shows (4 hex digits), e.g. {@code 0004}
 * @param raidGroup   the R:Group inqraid shows, e.g. {@code 5:01-04}
 */
public record Ldev(LdevId id, long sizeBytes, String productId, boolean commandDevice, String ssid, String raidGroup) {
    /** Size in 512-byte blocks, as CCI reports capacities. */
    public long blocks() { return sizeBytes / 512; }
}
