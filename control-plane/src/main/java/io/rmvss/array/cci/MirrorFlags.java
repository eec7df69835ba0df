package io.rmvss.array.cci;

import io.rmvss.array.LdevId;
import io.rmvss.array.shadowimage.ShadowImage;

/**
 * inqraid's H/M/12 column, e.g. {@code s/P/ss}: H = TrueCopy at MU#0 (always simplex on this array),
 * M = ShadowImage at MU#0, then MU#1 and MU#2; P = P-VOL, S = S-VOL, s = simplex.
 */
public final class MirrorFlags {
    private MirrorFlags() {
    }

    public static String of(ShadowImage si, LdevId ldev) {
        return "s/" + letter(si, ldev, 0) + "/" + letter(si, ldev, 1) + letter(si, ldev, 2);
    }

    private static char letter(ShadowImage si, LdevId ldev, int mu) {
        return switch (VolumeStatus.of(si, ldev, mu).role()) {
            case PVOL -> 'P';
            case SVOL -> 'S';
            case SMPL -> 's';
        };
    }
}
