package io.rmvss.array.cci.command;

import io.rmvss.array.ArrayException;
import io.rmvss.array.CciError;
import io.rmvss.array.cci.CciCommand;
import io.rmvss.array.cci.GroupResolver;
import io.rmvss.array.cci.Invocation;
import io.rmvss.array.cci.OptionSpec;
import io.rmvss.array.cci.PairVolume;
import io.rmvss.array.storage.Guard;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * raidvchkset -g group | -d dev_name -vg [idb|inv|sz0|rwd|wtd|svd] [rtime]: sets the guard attribute of
 * this instance's volumes of the group (replacing the previous one); -vg without a type releases them.
 * The seed's {@code idb} hides the LUN from SCSI inquiry like {@code inv}.
 */
public final class RaidVChkSet implements CciCommand {
    @Override
    public String name() { return "raidvchkset"; }

    @Override
    public OptionSpec options() {
        return OptionSpec.builder("raidvchkset {-g <group> | -d <pair Vol>} -vg [idb|inv|sz0|rwd|wtd|svd] [rtime]")
                .valued("-g", "-d").flags("-vg").build();
    }

    @Override
    public int run(Invocation inv) throws ArrayException {
        if (!inv.options().has("-vg")) {
            throw new ArrayException(CciError.EX_REQARG, "give -vg <type> to guard the volumes, or -vg alone to release them");
        }
        List<String> rest = inv.options().positionals();
        if (rest.size() > 2 || (rest.size() == 2 && !rest.get(1).matches("\\d+"))) {
            throw new ArrayException(CciError.EX_INVARG, "-vg takes a type and optionally a retention time in days, found " + rest);
        }
        Set<Guard> guards = rest.isEmpty() ? Set.of() : Set.of(guard(rest.get(0)));
        List<PairVolume> volumes = GroupResolver.localVolumes(inv);
        inv.context().changes().lock();
        try {
            for (PairVolume v : volumes) {
                if (v.ldev().commandDevice()) {
                    throw new ArrayException(CciError.EX_CMDRJE, v.entry().devName() + " is the command device LDEV " + v.id().ldev()
                            + "; guard attributes apply to data volumes");
                }
            }
            for (PairVolume v : volumes) {
                inv.context().array().setGuards(v.id(), guards);
            }
        } finally {
            inv.context().changes().unlock();
        }
        return 0;
    }

    private static Guard guard(String type) throws ArrayException {
        String t = type.toLowerCase(Locale.ROOT);
        if (t.equals("idb")) {
            return Guard.INVISIBLE;
        }
        for (Guard g : Guard.values()) {
            if (g.cciName().equals(t)) {
                return g;
            }
        }
        throw new ArrayException(CciError.EX_INVARG, "-vg type '" + type + "' is unknown; use idb or inv (hide), sz0, rwd, wtd or svd");
    }
}
