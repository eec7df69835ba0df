package io.rmvss.array.horcm;

/** One pair volume of a HORCM_DEV or HORCM_LDEV section. */
public record DeviceEntry(String group, String devName, DeviceLocation location, MuNumber mu, int lineNumber) {
}
