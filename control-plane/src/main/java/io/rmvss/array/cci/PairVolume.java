package io.rmvss.array.cci;

import io.rmvss.array.LdevId;
import io.rmvss.array.StorageArray.LunPath;
import io.rmvss.array.horcm.DeviceEntry;
import io.rmvss.array.horcm.InstanceNumber;
import io.rmvss.array.storage.Ldev;
import java.util.Optional;

/**
 * One side of a group's pair volume as an instance's configuration defines it, resolved to its LDEV.
 *
 * @param path the port/TID/LU of the conf line (HORCM_DEV), or the LDEV's first mapping (HORCM_LDEV)
 */
public record PairVolume(InstanceNumber instance, DeviceEntry entry, Ldev ldev, Optional<LunPath> path) {
    public LdevId id() { return ldev.id(); }

    public int mu() { return entry.mu().value(); }
}
