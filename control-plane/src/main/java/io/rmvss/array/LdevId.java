package io.rmvss.array;

/** An LDEV as CCI names it: the array's serial number (Seq#) and the LDEV number. */
public record LdevId(int serial, int ldev) implements Comparable<LdevId> {
    @Override
    public int compareTo(LdevId o) {
        int c = Integer.compare(serial, o.serial);
        return c != 0 ? c : Integer.compare(ldev, o.ldev);
    }

    /** CU:LDEV notation, e.g. {@code 00:12} for LDEV 18. */
    public String cuLdev() {
        return String.format("%02X:%02X", ldev >> 8, ldev & 0xff);
    }

    @Override
    public String toString() { return serial + ":" + ldev; }
}
