package io.rmvss.array.layout;

import io.rmvss.array.StorageArray.StorageSystemInfo;
import io.rmvss.array.storage.Ldev;
import java.util.List;

/** One storage system of the layout with its LDEVs and LUN mappings (ranges already expanded). */
public record SystemLayout(StorageSystemInfo info, List<Ldev> ldevs, List<LunMapping> luns) {
    public SystemLayout {
        ldevs = List.copyOf(ldevs);
        luns = List.copyOf(luns);
    }

    public int serial() { return info.serial(); }
}
