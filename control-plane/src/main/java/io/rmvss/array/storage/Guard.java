package io.rmvss.array.storage;

/**
 * Data Retention / LUN-hiding attributes that {@code raidvchkset -vg} sets on a volume.
 * {@code idb} (the seed's 3.7.2) and {@code inv} both hide the LUN from SCSI inquiry (INVISIBLE).
 */
public enum Guard {
    /** Hidden from SCSI inquiry: the host does not see the LUN (INVISIBLE S-VOL). */
    INVISIBLE("inv"),
    /** Read capacity answers 0. */
    SIZE_ZERO("sz0"),
    /** Read and write disabled. */
    READ_WRITE_DISABLED("rwd"),
    /** Write disabled. */
    WRITE_DISABLED("wtd"),
    /** May not become an S-VOL. */
    SVOL_DISABLED("svd");

    private final String cciName;

    Guard(String cciName) { this.cciName = cciName; }

    public String cciName() { return cciName; }
}
