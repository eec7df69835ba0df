package io.rmvss.array.cci.format;

/** inqraid -CLI's fixed-width layout (header tokens as CCI prints them; '-' for what a device does not have). */
public final class InqraidFormatter {
    private static final String LAYOUT = "%-16s %-6s %6s %5s %3s  %-7s %-4s %-7s %s";

    private InqraidFormatter() {
    }

    public static String header() {
        return String.format(LAYOUT, "DEVICE_FILE", "PORT", "SERIAL", "LDEV", "CTG", "H/M/12", "SSID", "R:Group", "PRODUCT_ID");
    }

    public static String row(InqraidRow r, boolean hex) {
        return String.format(LAYOUT, r.deviceFile(), dash(r.port()), dash(r.serial()),
                r.ldev() == null ? "-" : hex ? Integer.toHexString(r.ldev()) : r.ldev().toString(),
                "-", dash(r.mirrors()), dash(r.ssid()), dash(r.raidGroup()), r.productId().trim());
    }

    private static String dash(Object value) {
        return value == null ? "-" : value.toString();
    }
}
