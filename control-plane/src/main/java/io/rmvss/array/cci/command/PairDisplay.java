package io.rmvss.array.cci.command;

import io.rmvss.array.ArrayException;
import io.rmvss.array.CciError;
import io.rmvss.array.LdevId;
import io.rmvss.array.StorageArray;
import io.rmvss.array.cci.CciCommand;
import io.rmvss.array.cci.GroupPair;
import io.rmvss.array.cci.GroupResolver;
import io.rmvss.array.cci.HostDevices;
import io.rmvss.array.cci.Invocation;
import io.rmvss.array.cci.OptionSpec;
import io.rmvss.array.cci.PairVolume;
import io.rmvss.array.cci.VolumeStatus;
import io.rmvss.array.cci.format.PairDisplayFormatter;
import io.rmvss.array.cci.format.PairDisplayRow;
import io.rmvss.array.shadowimage.PairInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * pairdisplay -g group | -d dev_name [-fx] [-fc] [-fd] [-CLI] [-l] [-m all]: each pair volume as seen
 * from this instance (L) and its partner (R), each at its own MU#.
 */
public final class PairDisplay implements CciCommand {
    private static final int MAX_SHADOW_IMAGE_MU = 2;

    @Override
    public String name() { return "pairdisplay"; }

    @Override
    public OptionSpec options() {
        return OptionSpec.builder("pairdisplay {-g <group> | -d <pair Vol>} [-fx] [-fc] [-fd] [-CLI] [-l] [-m all]")
                .valued("-g", "-d", "-m").flags("-l", "-CLI").formatLetters("xcd").build();
    }

    @Override
    public int run(Invocation inv) throws ArrayException {
        boolean allMirrors = false;
        if (inv.options().value("-m").isPresent()) {
            String m = inv.options().value("-m").get();
            if (!m.equals("all") && !m.equals("cas")) {
                throw new ArrayException(CciError.EX_INVARG, "-m takes 'all' or 'cas' (every MU# of each volume), not '" + m + "'");
            }
            allMirrors = true;
        }
        List<GroupPair> pairs = GroupResolver.pairs(inv);
        StorageArray array = inv.context().array();
        List<PairDisplayRow> rows = new ArrayList<>();
        for (GroupPair p : pairs) {
            addRows(array, rows, p, p.local(), 'L', allMirrors);
            if (!inv.options().has("-l")) {
                addRows(array, rows, p, p.remote(), 'R', allMirrors);
            }
        }
        var layout = new PairDisplayFormatter.Layout(inv.options().format('d'), inv.options().format('c'), inv.options().format('x'),
                inv.options().has("-CLI"));
        PairDisplayFormatter.format(layout, rows).forEach(inv.out()::println);
        return 0;
    }

    private static void addRows(StorageArray array, List<PairDisplayRow> rows, GroupPair p, PairVolume v, char side, boolean allMirrors) {
        rows.add(row(array, p.group(), p.devName(), v, side, v.mu()));
        if (allMirrors) {
            // The volume's other mirrors, which no line of the group names: CCI shows them with dashes for names.
            for (int mu = 0; mu <= MAX_SHADOW_IMAGE_MU; mu++) {
                if (mu != v.mu() && VolumeStatus.of(array.shadowImage(), v.id(), mu).role() != VolumeStatus.Role.SMPL) {
                    rows.add(row(array, "---", "----", v, side, mu));
                }
            }
        }
    }

    static PairDisplayRow row(StorageArray array, String group, String devName, PairVolume v, char side, int mu) {
        VolumeStatus status = VolumeStatus.of(array.shadowImage(), v.id(), mu);
        String port = v.path().map(StorageArray.LunPath::port).orElse(null);
        int tid = v.path().map(StorageArray.LunPath::targetId).orElse(0);
        int lun = v.path().map(StorageArray.LunPath::lun).orElse(0);
        String deviceFile = HostDevices.deviceFileOf(array, v.id()).orElse(null);
        LdevId id = v.id();
        if (status.role() == VolumeStatus.Role.SMPL) {
            return new PairDisplayRow(group, devName, side, port, tid, lun, mu, deviceFile, id.serial(), id.ldev(), "SMPL", null,
                    null, null, null, '-');
        }
        PairInfo pair = status.pair().orElseThrow();
        boolean pvol = status.role() == VolumeStatus.Role.PVOL;
        LdevId partner = pvol ? pair.svol() : pair.pvol();
        return new PairDisplayRow(group, devName, side, port, tid, lun, mu, deviceFile, id.serial(), id.ldev(), status.attribute(),
                status.status(), pvol ? partner.serial() : null, pair.copyPercent(), partner.ldev(), mark(pair, pvol));
    }

    /** M column: after a split W marks a writable S-VOL (on the P-VOL line) or one written since (on the S-VOL line); N = noread. */
    private static char mark(PairInfo pair, boolean pvol) {
        if (pair.state().split()) {
            return (pvol ? pair.svolWritable() : pair.svolWrittenSinceSplit()) ? 'W' : '-';
        }
        return pvol && pair.noread() ? 'N' : '-';
    }
}
