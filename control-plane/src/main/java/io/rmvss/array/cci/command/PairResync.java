package io.rmvss.array.cci.command;

import io.rmvss.array.ArrayException;
import io.rmvss.array.CciError;
import io.rmvss.array.cci.CciCommand;
import io.rmvss.array.cci.GroupPair;
import io.rmvss.array.cci.GroupResolver;
import io.rmvss.array.cci.Invocation;
import io.rmvss.array.cci.OptionSpec;
import io.rmvss.array.cci.PairBindings;
import io.rmvss.array.cci.PairVolume;
import io.rmvss.array.cci.SplitMode;
import io.rmvss.array.shadowimage.PairState;
import io.rmvss.array.shadowimage.ShadowImage;
import java.util.ArrayList;
import java.util.List;

/**
 * pairresync -g group | -d dev_name [-restore] [-fq quick|normal]: copies P-VOL to S-VOL (HORCC_RSYN),
 * or with -restore S-VOL to P-VOL (HORCC_REST, only from PSUS). Pairs already copying or in PAIR
 * accept a resync without change; every pair is checked before any changes.
 */
public final class PairResync implements CciCommand {
    @Override
    public String name() { return "pairresync"; }

    @Override
    public OptionSpec options() {
        return OptionSpec.builder("pairresync {-g <group> | -d <pair Vol>} [-restore] [-fq quick|normal]")
                .valued("-g", "-d", "-fq").flags("-restore").build();
    }

    @Override
    public int run(Invocation inv) throws ArrayException {
        boolean restore = inv.options().has("-restore");
        boolean quick = SplitMode.quick(inv, restore ? SplitMode.HORCC_REST : SplitMode.HORCC_RSYN);
        List<GroupPair> pairs = GroupResolver.pairs(inv);
        ShadowImage si = inv.context().array().shadowImage();
        inv.context().changes().lock();
        try {
            List<PairVolume> toResync = new ArrayList<>();
            for (GroupPair p : pairs) {
                GroupPair.Binding b = PairBindings.require(si, p, "create the pair with paircreate first");
                PairState state = b.info().state();
                if (restore && state != PairState.PSUS) {
                    throw new ArrayException(CciError.EX_INVSTP, p.devName() + " is " + state.pvolStatus() + "/" + state.svolStatus()
                            + "; a restore needs a split pair whose copy has finished (PSUS/SSUS): wait with pairevtwait -ss ssus");
                }
                if (restore || state.split() || state == PairState.PSUE) {
                    toResync.add(p.pvolSide(b));
                }
            }
            for (PairVolume pvol : toResync) {
                if (restore) {
                    si.restore(pvol.id(), pvol.mu(), quick);
                } else {
                    si.resync(pvol.id(), pvol.mu(), quick);
                }
            }
        } finally {
            inv.context().changes().unlock();
        }
        return 0;
    }
}
