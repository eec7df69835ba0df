package io.rmvss.array.cci.format;

/** raidscan -find's fixed-width layout: one line per Hitachi LUN of the listed devices. */
public final class RaidscanFindFormatter {
    private static final String LAYOUT = "%-16s %3s %3s  %-6s %4s %4s %7s %5s  %s";

    private RaidscanFindFormatter() {
    }

    public static String header() {
        return String.format(LAYOUT, "DEVICE_FILE", "UID", "S/F", "PORT", "TARG", "LUN", "SERIAL", "LDEV", "PRODUCT_ID");
    }

    /** UID is the unit ID of the storage system (0 for the first), S/F is F for a Fibre Channel port. */
    public static String row(String deviceFile, int unitId, String port, int targetId, int lun, int serial, int ldev,
                             String productId, boolean hex) {
        return String.format(LAYOUT, deviceFile, unitId, "F", port, targetId, lun, serial,
                hex ? Integer.toHexString(ldev) : Integer.toString(ldev), productId.trim());
    }
}
