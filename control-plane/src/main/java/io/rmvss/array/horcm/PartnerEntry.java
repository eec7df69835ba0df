package io.rmvss.array.horcm;

/**
 * A HORCM_INST (or HORCM_INSTP) line: the instance that holds the other side of a group.
 *
 * @param pathId HORCM_INSTP's path ID, or -1 for HORCM_INST
 */
public record PartnerEntry(String group, String ipAddress, String service, int pathId, int lineNumber) {
}
