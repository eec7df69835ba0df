package io.rmvss.array.layout;

/**
 * One disk of the host, numbered as Windows numbers them (Harddisk0, 1, ...).
 * Either an array LUN ({@code arrayLun} set) or a local disk that is not on a Hitachi array
 * ({@code arrayLun} null, with its own vendor and product).
 */
public record HostDiskLayout(int number, ArrayLunAddress arrayLun, String vendor, String productId) {
    public boolean local() { return arrayLun == null; }

    /** Where on the array a host disk is: serial, port, target ID, LUN. */
    public record ArrayLunAddress(int serial, String port, int targetId, int lun) {
    }
}
