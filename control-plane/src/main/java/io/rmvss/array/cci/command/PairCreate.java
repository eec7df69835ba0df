package io.rmvss.array.cci.command;

import io.rmvss.array.ArrayException;
import io.rmvss.array.CciError;
import io.rmvss.array.StorageArray;
import io.rmvss.array.cci.CciCommand;
import io.rmvss.array.cci.GroupPair;
import io.rmvss.array.cci.GroupResolver;
import io.rmvss.array.cci.Invocation;
import io.rmvss.array.cci.OptionSpec;
import io.rmvss.array.cci.PairBindings;
import io.rmvss.array.cci.PairVolume;
import io.rmvss.array.cci.SplitMode;
import io.rmvss.array.shadowimage.CreateOptions;
import io.rmvss.array.shadowimage.PairState;
import io.rmvss.array.shadowimage.ShadowImage;
import io.rmvss.array.shadowimage.SplitOptions;
import io.rmvss.array.storage.Guard;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * paircreate -g group | -d dev_name {-vl | -vr} [-m noread] [-split] [-c pace]: pairs every volume of
 * the selection. Every pair is checked before any is created, so a refused group changes nothing.
 * Prints nothing on success, like CCI.
 */
public final class PairCreate implements CciCommand {
    private static final int MIN_PACE = 1;
    private static final int MAX_PACE = 15;

    @Override
    public String name() { return "paircreate"; }

    @Override
    public OptionSpec options() {
        return OptionSpec.builder("paircreate {-g <group> | -d <pair Vol>} {-vl | -vr} [-m noread] [-split] [-c <size>]")
                .valued("-g", "-d", "-m", "-c").flags("-vl", "-vr", "-split").build();
    }

    /** One pair to create: the P-VOL side (whose MU# names the pair) and the S-VOL side. */
    private record Plan(GroupPair pair, PairVolume pvol, PairVolume svol, Optional<PairState> existing) {
    }

    @Override
    public int run(Invocation inv) throws ArrayException {
        boolean localIsPvol = direction(inv);
        CreateOptions options = new CreateOptions(pace(inv), noread(inv), inv.options().has("-split"));
        List<GroupPair> pairs = GroupResolver.pairs(inv);
        StorageArray array = inv.context().array();
        ShadowImage si = array.shadowImage();
        inv.context().changes().lock();
        try {
            List<Plan> plans = new ArrayList<>();
            for (GroupPair p : pairs) {
                plans.add(check(array, p, localIsPvol ? p.local() : p.remote(), localIsPvol ? p.remote() : p.local(), options));
            }
            for (Plan plan : plans) {
                if (plan.existing().isEmpty()) {
                    si.create(plan.pvol().id(), plan.svol().id(), plan.pvol().mu(), options);
                } else if (options.splitAfterCreate() && !plan.existing().get().split() && plan.existing().get() != PairState.PSUE) {
                    // paircreate -split on a pair in COPY or PAIR splits it (CCI's acceptance table).
                    si.split(plan.pvol().id(), plan.pvol().mu(), new SplitOptions(SplitMode.quickSplit(inv), true));
                }
            }
        } finally {
            inv.context().changes().unlock();
        }
        return 0;
    }

    private static boolean direction(Invocation inv) throws ArrayException {
        boolean vl = inv.options().has("-vl");
        boolean vr = inv.options().has("-vr");
        if (vl == vr) {
            throw new ArrayException(vl ? CciError.EX_INVARG : CciError.EX_REQARG,
                    "give exactly one of -vl (this instance's volumes become P-VOLs) or -vr (the partner instance's volumes do)");
        }
        return vl;
    }

    private static int pace(Invocation inv) throws ArrayException {
        Optional<String> text = inv.options().value("-c");
        if (text.isEmpty()) {
            return CreateOptions.DEFAULT_PACE;
        }
        try {
            int pace = Integer.parseInt(text.get());
            if (pace >= MIN_PACE && pace <= MAX_PACE) {
                return pace;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ArrayException(CciError.EX_INVARG, "-c takes a copy pace of " + MIN_PACE + "-" + MAX_PACE + " tracks, not '" + text.get() + "'");
    }

    private static boolean noread(Invocation inv) throws ArrayException {
        Optional<String> m = inv.options().value("-m");
        if (m.isPresent() && !m.get().equals("noread")) {
            throw new ArrayException(CciError.EX_INVARG, "paircreate -m takes 'noread' (S-VOL unreadable while paired), not '" + m.get() + "'");
        }
        return m.isPresent();
    }

    private static Plan check(StorageArray array, GroupPair p, PairVolume pvol, PairVolume svol, CreateOptions options) throws ArrayException {
        ShadowImage si = array.shadowImage();
        if (svol.entry().mu().value() != 0) {
            throw new ArrayException(CciError.EX_INVMUN, p.devName() + ": the S-VOL side (instance " + svol.instance() + ", "
                    + "line " + svol.entry().lineNumber() + ") has MU#" + svol.entry().mu().text()
                    + "; an S-VOL has only MU#0 (the P-VOL side's MU# names the pair)");
        }
        for (PairVolume v : List.of(pvol, svol)) {
            if (v.ldev().commandDevice()) {
                throw new ArrayException(CciError.EX_CMDRJE, p.devName() + ": LDEV " + v.id().ldev() + " is a command device and cannot be paired");
            }
        }
        if (pvol.id().equals(svol.id())) {
            throw new ArrayException(CciError.EX_EVOLCE, p.devName() + ": both sides name LDEV " + pvol.id().ldev() + "; pair two different volumes");
        }
        if (pvol.ldev().sizeBytes() != svol.ldev().sizeBytes()) {
            throw new ArrayException(CciError.EX_ENQSIZ, p.devName() + ": P-VOL LDEV " + pvol.id().ldev() + " has " + pvol.ldev().blocks()
                    + " blocks but S-VOL LDEV " + svol.id().ldev() + " has " + svol.ldev().blocks() + "; ShadowImage pairs volumes of equal size");
        }
        if (array.guards(svol.id()).contains(Guard.SVOL_DISABLED)) {
            throw new ArrayException(CciError.EX_ERPERM, p.devName() + ": LDEV " + svol.id().ldev()
                    + " is guarded against becoming an S-VOL (raidvchkset -vg svd); release it with raidvchkset -vg");
        }
        Optional<GroupPair.Binding> binding = PairBindings.find(si, p);
        if (binding.isEmpty()) {
            return new Plan(p, pvol, svol, Optional.empty());
        }
        GroupPair.Binding b = binding.get();
        if (!p.pvolSide(b).equals(pvol)) {
            throw new ArrayException(CciError.EX_INVVOL, p.devName() + ": LDEV " + pvol.id().ldev() + " is already the S-VOL of this pair;"
                    + " use " + (b.localIsPvol() ? "-vl" : "-vr") + " or delete the pair with pairsplit -S first");
        }
        PairState state = b.info().state();
        boolean accepted = options.splitAfterCreate() || !(state.split() || state == PairState.PSUE);
        if (!accepted) {
            throw new ArrayException(CciError.EX_INVSTP, p.devName() + " is already paired and " + state.pvolStatus()
                    + "; resynchronise it with pairresync, or delete it with pairsplit -S before paircreate");
        }
        return new Plan(p, pvol, svol, Optional.of(state));
    }
}
