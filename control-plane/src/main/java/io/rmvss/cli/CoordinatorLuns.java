package io.rmvss.cli;

import io.rmvss.array.LdevId;
import io.rmvss.array.StorageArray;
import io.rmvss.array.host.Inquiry;
import io.rmvss.control.luns.LunInfo;
import io.rmvss.control.luns.StorageIdentifier;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * What the VSS coordinator hands the provider for a disk: VDS_LUN_INFORMATION built from the
 * LUN's SCSI inquiry, as Windows builds it (standard page, page 0x80, page 0x83 NAA designator).
 */
final class CoordinatorLuns {
    private static final int BUS_TYPE_FIBRE = 6;

    private CoordinatorLuns() {
    }

    static LunInfo of(StorageArray array, LdevId ldev) {
        Inquiry inquiry = array.inquiry(ldev).orElseThrow(() -> new IllegalStateException(
                "LDEV " + ldev + " answers no inquiry (hidden from the host?)"));
        StorageIdentifier naa = new StorageIdentifier(StorageIdentifier.CODE_SET_BINARY, StorageIdentifier.TYPE_FCPH_NAME,
                inquiry.naaDesignator());
        // A basic disk's signature as the host reads it from the MBR; any stable value per LDEV serves.
        UUID signature = UUID.nameUUIDFromBytes(("disk-" + ldev).getBytes(StandardCharsets.US_ASCII));
        return new LunInfo(LunInfo.VER_VDS_LUN_INFORMATION, 0, 0, true, BUS_TYPE_FIBRE, inquiry.vendor(), inquiry.product(),
                inquiry.revision(), inquiry.unitSerial(), signature, 1, List.of(naa), List.of());
    }
}
