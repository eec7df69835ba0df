package io.rmvss.control.luns;

import io.rmvss.control.cci.CciDriver;
import io.rmvss.control.cci.PairRow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pairs the local instance defines (its HORCM_DEV/HORCM_LDEV), keyed by P-VOL and by S-VOL
 * {@code serial:LDEV}: built with one {@code raidqry -g} and one {@code pairdisplay -g G -CLI} per
 * copy group, so AreLunsSupported answers for hundreds of LUNs without a CCI command per LUN.
 * Only the pairs at the configured MU# count: the local volume's MU#, or on an S-VOL side instance the P-VOL partner's.
 * Rebuilt with {@link #refresh()}.
 */
public final class LunIndex {
    private final CciDriver cci;
    private final int instance;
    private final int mu;
    private volatile Map<Long, PairBinding> byPvol = Map.of();
    private volatile Map<Long, PairBinding> bySvol = Map.of();
    private volatile boolean built;

    public LunIndex(CciDriver cci, int instance, int mu) {
        this.cci = cci;
        this.instance = instance;
        this.mu = mu;
    }

    public synchronized void refresh() {
        Map<Long, PairBinding> pvols = new HashMap<>();
        Map<Long, PairBinding> svols = new HashMap<>();
        for (String group : cci.groups(instance)) {
            List<PairRow> rows = cci.pairs(instance, group);
            for (int i = 0; i < rows.size(); i++) {
                PairRow local = rows.get(i);
                PairRow remote = i + 1 < rows.size() && !rows.get(i + 1).local() ? rows.get(i + 1) : null;
                if (!local.local() || remote == null) {
                    continue;
                }
                // An S-VOL side instance (import host) sees its S-VOL at MU#0 and the P-VOL, at the configured MU#, as the partner.
                boolean svolSide = local.svol() && remote.pvol() && remote.mu() == mu;
                if (!svolSide && local.mu() != mu) {
                    continue;
                }
                PairRow pvol = svolSide ? remote : local;
                PairRow svol = svolSide ? local : remote;
                PairBinding b = new PairBinding(group, local.devName(), pvol.serial(), pvol.ldev(), svol.serial(), svol.ldev(), mu,
                        local.attribute());
                pvols.put(key(pvol.serial(), pvol.ldev()), b);
                svols.put(key(svol.serial(), svol.ldev()), b);
            }
        }
        byPvol = Map.copyOf(pvols);
        bySvol = Map.copyOf(svols);
        built = true;
    }

    public Optional<PairBinding> byPvol(int serial, int ldev) {
        ensureBuilt();
        return Optional.ofNullable(byPvol.get(key(serial, ldev)));
    }

    public Optional<PairBinding> bySvol(int serial, int ldev) {
        ensureBuilt();
        return Optional.ofNullable(bySvol.get(key(serial, ldev)));
    }

    /** The copy groups that hold a pair at the configured MU#, as of the last refresh (none before the first one). */
    public List<String> knownGroups() {
        return byPvol.values().stream().map(PairBinding::group).distinct().sorted().toList();
    }

    public int size() {
        ensureBuilt();
        return byPvol.size();
    }

    private void ensureBuilt() {
        if (!built) {
            refresh();
        }
    }

    private static long key(int serial, int ldev) {
        return ((long) serial << 32) | (ldev & 0xffffffffL);
    }
}
