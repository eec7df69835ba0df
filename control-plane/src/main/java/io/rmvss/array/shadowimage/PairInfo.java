package io.rmvss.array.shadowimage;

import io.rmvss.array.LdevId;

/**
 * A snapshot of one ShadowImage pair, as pairdisplay reports it.
 *
 * @param copyPercent        while copying: progress 0-100; in PAIR/PSUS: percentage of identical tracks
 * @param noread             created with {@code paircreate -m noread} (M column {@code N})
 * @param svolWritable       split read/write ({@code pairsplit -rw}, the default) rather than {@code -r}
 * @param svolWrittenSinceSplit the host wrote to the S-VOL after the split (M column {@code W} on the S-VOL)
 * @param copyPace           {@code paircreate -c}: tracks copied per cycle, 1-15
 */
public record PairInfo(
        LdevId pvol,
        LdevId svol,
        int mu,
        PairState state,
        int copyPercent,
        boolean noread,
        boolean svolWritable,
        boolean svolWrittenSinceSplit,
        int copyPace) {
}
