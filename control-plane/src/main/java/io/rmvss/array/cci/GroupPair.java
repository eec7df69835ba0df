package io.rmvss.array.cci;

import io.rmvss.array.shadowimage.PairInfo;
import io.rmvss.array.shadowimage.ShadowImage;
import java.util.Optional;

/** A dev_name of a group: the local instance's volume and the partner instance's volume of the same name. */
public record GroupPair(String group, String devName, PairVolume local, PairVolume remote) {
    /**
     * The ShadowImage pair that joins these two volumes, if they form one: the P-VOL side's MU# names it,
     * so the local volume is the P-VOL when a pair exists at its MU# with the remote volume as S-VOL, and vice versa.
     */
    public Optional<Binding> binding(ShadowImage si) {
        Optional<PairInfo> localAsPvol = si.pair(local.id(), local.mu()).filter(p -> remote.id().equals(p.svol()));
        if (localAsPvol.isPresent()) {
            return Optional.of(new Binding(localAsPvol.get(), true));
        }
        return si.pair(remote.id(), remote.mu()).filter(p -> local.id().equals(p.svol())).map(p -> new Binding(p, false));
    }

    public PairVolume pvolSide(Binding b) { return b.localIsPvol() ? local : remote; }

    /** A pair joining the two volumes, and which side is its P-VOL. */
    public record Binding(PairInfo info, boolean localIsPvol) {
    }
}
