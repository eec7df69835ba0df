package io.rmvss.array.cci;

import io.rmvss.array.ArrayException;
import io.rmvss.array.CciError;
import io.rmvss.array.shadowimage.ShadowImage;
import java.util.Optional;

/** Finds the pair a group's dev_name stands for, refusing volumes that are paired with something else. */
public final class PairBindings {
    private PairBindings() {
    }

    /**
     * The pair joining the two volumes; empty when both are simplex at their MU#s. A volume that is
     * paired with a third volume (or at another MU#) is a combination error: changing that pair through
     * this group would act on a pair the configuration does not describe.
     */
    public static Optional<GroupPair.Binding> find(ShadowImage si, GroupPair p) throws ArrayException {
        Optional<GroupPair.Binding> binding = p.binding(si);
        if (binding.isPresent()) {
            return binding;
        }
        VolumeStatus local = VolumeStatus.of(si, p.local().id(), p.local().mu());
        VolumeStatus remote = VolumeStatus.of(si, p.remote().id(), p.remote().mu());
        if (local.role() != VolumeStatus.Role.SMPL || remote.role() != VolumeStatus.Role.SMPL) {
            VolumeStatus busy = local.role() != VolumeStatus.Role.SMPL ? local : remote;
            PairVolume v = busy == local ? p.local() : p.remote();
            var other = busy.pair().orElseThrow();
            throw new ArrayException(CciError.EX_EVOLCE, p.devName() + ": LDEV " + v.id().ldev() + " is " + busy.attribute()
                    + " of another pair (P-VOL " + other.pvol().ldev() + " MU#" + other.mu() + ", S-VOL " + other.svol().ldev()
                    + "), not of LDEV " + (busy == local ? p.remote() : p.local()).id().ldev() + " as group " + p.group() + " says");
        }
        return Optional.empty();
    }

    /** The binding, or EX_INVSTP naming the dev_name when the volumes are simplex. */
    public static GroupPair.Binding require(ShadowImage si, GroupPair p, String fix) throws ArrayException {
        return find(si, p).orElseThrow(() -> new ArrayException(CciError.EX_INVSTP,
                p.devName() + " of group " + p.group() + " is SMPL; " + fix));
    }
}
