package io.rmvss.array.cci;

import io.rmvss.array.LdevId;
import io.rmvss.array.shadowimage.PairInfo;
import io.rmvss.array.shadowimage.ShadowImage;
import java.util.Optional;

/**
 * A volume's ShadowImage status at one MU#, as CCI reports it: P-VOL of the pair at that MU#,
 * S-VOL (only at MU#0, an S-VOL has a single mirror), or SMPL.
 */
public record VolumeStatus(Role role, Optional<PairInfo> pair) {
    public enum Role { SMPL, PVOL, SVOL }

    public static VolumeStatus of(ShadowImage si, LdevId ldev, int mu) {
        Optional<PairInfo> asPvol = si.pair(ldev, mu);
        if (asPvol.isPresent()) {
            return new VolumeStatus(Role.PVOL, asPvol);
        }
        Optional<PairInfo> asSvol = mu == 0 ? si.pairOfSvol(ldev) : Optional.empty();
        return asSvol.map(p -> new VolumeStatus(Role.SVOL, Optional.of(p))).orElse(new VolumeStatus(Role.SMPL, Optional.empty()));
    }

    /** P-VOL / S-VOL / SMPL as the P/S column shows it. */
    public String attribute() {
        return switch (role) {
            case PVOL -> "P-VOL";
            case SVOL -> "S-VOL";
            case SMPL -> "SMPL";
        };
    }

    /** COPY, PAIR, PSUS, SSUS, RCPY, PSUE, or SMPL. */
    public String status() {
        return switch (role) {
            case PVOL -> pair.orElseThrow().state().pvolStatus();
            case SVOL -> pair.orElseThrow().state().svolStatus();
            case SMPL -> "SMPL";
        };
    }
}
