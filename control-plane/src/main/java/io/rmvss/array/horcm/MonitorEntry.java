package io.rmvss.array.horcm;

/**
 * HORCM_MON: where the instance listens for its partners.
 *
 * @param service    a port number or a services-file name
 * @param pollTenMs  poll interval in 10 ms units; -1 disables monitoring
 * @param timeoutTenMs timeout of communication with the partner, in 10 ms units
 */
public record MonitorEntry(String ipAddress, String service, int pollTenMs, int timeoutTenMs, int lineNumber) {
}
