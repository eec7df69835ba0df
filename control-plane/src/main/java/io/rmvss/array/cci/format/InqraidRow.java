package io.rmvss.array.cci.format;

/**
 * One device of inqraid -CLI. For a disk that is not a Hitachi LUN only deviceFile and productId are set.
 *
 * @param mirrors H/M/12 (e.g. {@code s/P/ss}); null for a command device or a local disk
 * @param ssid    null for a command device or a local disk
 */
public record InqraidRow(String deviceFile, String port, Integer serial, Integer ldev, String mirrors, String ssid,
                         String raidGroup, String productId) {
}
