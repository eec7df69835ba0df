package io.rmvss.array.host;

/**
 * What a host learns from SCSI INQUIRY of a LUN: the standard page, page 0x80 and page 0x83.
 * The seed's 3.7.4 rules hold: vendor {@code HITACHI}, non-blank product and revision equal
 * between P-VOL and S-VOL, page 0x80 serial number, page 0x83 designator with serial and LDEV.
 *
 * @param vendor         8 characters, {@code "HITACHI "}
 * @param product        16 characters, space padded
 * @param revision       4 characters
 * @param unitSerial     page 0x80 product serial number (ASCII)
 * @param naaDesignator  page 0x83 NAA-6 identifier, 16 bytes ({@code 60060e80...}: array serial and LDEV)
 * @param commandDevice  the LUN is a CCI command device
 */
public record Inquiry(String vendor, String product, String revision, String unitSerial,
                      byte[] naaDesignator, boolean commandDevice) {
}
