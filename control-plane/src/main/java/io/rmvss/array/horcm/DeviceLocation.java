package io.rmvss.array.horcm;

/** Where a HORCM_DEV or HORCM_LDEV line says a pair volume is. */
public sealed interface DeviceLocation {
    /** HORCM_DEV: port, target ID and LU number on the storage system of the instance's command device. */
    record PortTargetLun(String port, int targetId, int lun) implements DeviceLocation {
    }

    /** HORCM_LDEV: the storage system's serial number and the LDEV number. */
    record SerialLdev(int serial, int ldev) implements DeviceLocation {
    }
}
