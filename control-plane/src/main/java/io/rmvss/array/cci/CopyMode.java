package io.rmvss.array.cci;

/** Which replication product a CCI command addresses: HORCC_MRCF=1 or -IM selects ShadowImage (HOMRCF), otherwise TrueCopy (HORC). */
public enum CopyMode {
    SHADOW_IMAGE,
    TRUE_COPY
}
