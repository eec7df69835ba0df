package io.rmvss.array.shadowimage;

import io.rmvss.array.LdevId;

/** A ShadowImage pair's name on the array: its P-VOL and MU#. */
record PairKey(LdevId pvol, int mu) {
    String fileStem() {
        return pvol.serial() + "-" + pvol.ldev() + "-mu" + mu;
    }
}
