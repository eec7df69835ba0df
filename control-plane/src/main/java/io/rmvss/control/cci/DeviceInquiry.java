package io.rmvss.control.cci;

/**
 * One line of {@code inqraid <device> -CLI}: what a host device answers to SCSI inquiry.
 *
 * @param serial the array serial number, or -1 when the device answered no Hitachi identity ('-')
 * @param ldev   the LDEV, or -1 likewise
 */
public record DeviceInquiry(String device, String port, int serial, int ldev, String productId) {
    public boolean hitachi() { return serial >= 0 && ldev >= 0; }
}
