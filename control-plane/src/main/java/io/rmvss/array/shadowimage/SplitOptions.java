package io.rmvss.array.shadowimage;

/**
 * pairsplit's options.
 *
 * @param quick        quick split (PSUS(SP)): returns at once, the S-VOL is usable at once,
 *                     the differential is copied behind it; otherwise a steady split (COPY(SP))
 * @param svolWritable {@code -rw} (default) versus {@code -r}: whether the host may write the S-VOL once split
 */
public record SplitOptions(boolean quick, boolean svolWritable) {
}
