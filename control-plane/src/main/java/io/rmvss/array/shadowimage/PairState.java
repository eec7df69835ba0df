package io.rmvss.array.shadowimage;

/**
 * The ShadowImage pair state in Storage Navigator's terms, one per pair; {@link #pvolStatus()}
 * and {@link #svolStatus()} give the status CCI shows on each side.
 */
public enum PairState {
    SMPL("SMPL", "SMPL"),
    /** Initial copy after paircreate. */
    COPY_PD("COPY", "COPY"),
    PAIR("PAIR", "PAIR"),
    /** Steady (normal) split in progress: both sides show COPY until the differential is copied. */
    COPY_SP("COPY", "COPY"),
    /** Quick split: the S-VOL is usable at once, the copy runs behind it (PVOL_PSUS / SVOL_COPY). */
    PSUS_SP("PSUS", "COPY"),
    PSUS("PSUS", "SSUS"),
    /** Resynchronisation P-VOL to S-VOL. */
    COPY_RS("COPY", "COPY"),
    /** Restore S-VOL to P-VOL (pairresync -restore). */
    COPY_RS_R("RCPY", "RCPY"),
    /** Error suspend (pairsplit -E or a copy failure). */
    PSUE("PSUE", "PSUE");

    private final String pvolStatus;
    private final String svolStatus;

    PairState(String pvolStatus, String svolStatus) {
        this.pvolStatus = pvolStatus;
        this.svolStatus = svolStatus;
    }

    public String pvolStatus() { return pvolStatus; }

    public String svolStatus() { return svolStatus; }

    /** True while a background copy runs (P to S, or S to P for a restore). */
    public boolean copying() {
        return this == COPY_PD || this == COPY_SP || this == PSUS_SP || this == COPY_RS || this == COPY_RS_R;
    }

    /** True once the S-VOL holds a frozen point-in-time image (split, whether or not the copy is done). */
    public boolean split() {
        return this == PSUS_SP || this == PSUS;
    }
}
