package io.rmvss.control.luns;

import java.util.List;
import java.util.UUID;

/**
 * VDS_LUN_INFORMATION (vdslun.h) as VSS hands it to the provider and takes it back.
 *
 * @param version             VER_VDS_LUN_INFORMATION (1)
 * @param deviceType          SCSI peripheral device type (0 = direct access)
 * @param busType             VDS_STORAGE_BUS_TYPE (1 SCSI, 6 Fibre, 9 iSCSI, 10 SAS, ...)
 * @param vendorId            standard inquiry vendor, 8 characters ({@code "HITACHI "})
 * @param productId           standard inquiry product, 16 characters
 * @param productRevision     standard inquiry revision, 4 characters
 * @param serialNumber        page 0x80 unit serial number
 * @param diskSignature       m_diskSignature; GUID_NULL for a target LUN not yet seen by the host
 * @param identifiers         page 0x83 designators (m_deviceIdDescriptor.m_rgIdentifiers)
 * @param descriptorVersion   m_deviceIdDescriptor.m_version
 */
public record LunInfo(int version, int deviceType, int deviceTypeModifier, boolean commandQueueing, int busType,
                      String vendorId, String productId, String productRevision, String serialNumber, UUID diskSignature,
                      int descriptorVersion, List<StorageIdentifier> identifiers, List<Interconnect> interconnects) {
    public static final int VER_VDS_LUN_INFORMATION = 1;
    public static final UUID GUID_NULL = new UUID(0, 0);

    public LunInfo {
        identifiers = List.copyOf(identifiers);
        interconnects = List.copyOf(interconnects);
        diskSignature = diskSignature == null ? GUID_NULL : diskSignature;
    }

    /** The same LUN information with other inquiry fields and identifiers, as a target LUN is derived from its source. */
    public LunInfo withIdentity(String revision, String serial, List<StorageIdentifier> ids, UUID signature) {
        return new LunInfo(version, deviceType, deviceTypeModifier, commandQueueing, busType, vendorId, productId, revision, serial,
                signature, descriptorVersion, ids, interconnects);
    }
}
