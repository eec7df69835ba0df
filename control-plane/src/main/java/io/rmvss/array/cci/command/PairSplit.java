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
import io.rmvss.array.shadowimage.SplitOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * pairsplit -g group | -d dev_name [-S | -E] [-r | -rw] [-fq quick|normal]: split (steady or quick,
 * HORCC_SPLT), delete (-S) or error-suspend (-E). All pairs are checked first; CCI's acceptance table
 * decides which states accept which variant, and accepted no-ops change nothing.
 */
public final class PairSplit implements CciCommand {
    private enum Action { SPLIT, DELETE, SUSPEND_ON_ERROR }

    private record Step(GroupPair pair, PairVolume pvol) {
    }

    @Override
    public String name() { return "pairsplit"; }

    @Override
    public OptionSpec options() {
        return OptionSpec.builder("pairsplit {-g <group> | -d <pair Vol>} [-S | -E] [-r | -rw] [-fq quick|normal]")
                .valued("-g", "-d", "-fq").flags("-S", "-E", "-r", "-rw").build();
    }

    @Override
    public int run(Invocation inv) throws ArrayException {
        if (inv.options().has("-S") && inv.options().has("-E")) {
            throw new ArrayException(CciError.EX_INVARG, "-S (delete the pair) and -E (suspend it on error) exclude each other");
        }
        if (inv.options().has("-r") && inv.options().has("-rw")) {
            throw new ArrayException(CciError.EX_INVARG, "-r (S-VOL read-only after the split) and -rw (read/write) exclude each other");
        }
        Action action = inv.options().has("-S") ? Action.DELETE : inv.options().has("-E") ? Action.SUSPEND_ON_ERROR : Action.SPLIT;
        SplitOptions split = new SplitOptions(SplitMode.quick(inv, SplitMode.HORCC_SPLT), !inv.options().has("-r"));
        List<GroupPair> pairs = GroupResolver.pairs(inv);
        ShadowImage si = inv.context().array().shadowImage();
        inv.context().changes().lock();
        try {
            List<Step> steps = new ArrayList<>();
            for (GroupPair p : pairs) {
                plan(si, p, action).ifPresent(steps::add);
            }
            for (Step s : steps) {
                switch (action) {
                    case SPLIT -> si.split(s.pvol().id(), s.pvol().mu(), split);
                    case DELETE -> si.delete(s.pvol().id(), s.pvol().mu());
                    case SUSPEND_ON_ERROR -> si.suspendOnError(s.pvol().id(), s.pvol().mu());
                }
            }
        } finally {
            inv.context().changes().unlock();
        }
        return 0;
    }

    /** The change this pair needs; empty when CCI accepts the command without a change. */
    private static Optional<Step> plan(ShadowImage si, GroupPair p, Action action) throws ArrayException {
        var binding = PairBindings.find(si, p);
        if (binding.isEmpty()) {
            if (action == Action.DELETE) {
                return Optional.empty();
            }
            throw new ArrayException(CciError.EX_INVSTP, p.devName() + " of group " + p.group() + " is SMPL; create the pair with paircreate first");
        }
        PairState state = binding.get().info().state();
        PairVolume pvol = p.pvolSide(binding.get());
        return switch (action) {
            case DELETE -> Optional.of(new Step(p, pvol));
            case SUSPEND_ON_ERROR -> state == PairState.PSUE ? Optional.empty() : Optional.of(new Step(p, pvol));
            case SPLIT -> state.split() || state == PairState.PSUE ? Optional.empty() : Optional.of(new Step(p, pvol));
        };
    }
}
