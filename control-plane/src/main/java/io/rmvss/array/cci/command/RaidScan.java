package io.rmvss.array.cci.command;

import io.rmvss.array.ArrayException;
import io.rmvss.array.CciError;
import io.rmvss.array.LdevId;
import io.rmvss.array.StorageArray;
import io.rmvss.array.StorageArray.LunPath;
import io.rmvss.array.cci.CciCommand;
import io.rmvss.array.cci.CommandDevices;
import io.rmvss.array.cci.HostDevices;
import io.rmvss.array.cci.Invocation;
import io.rmvss.array.cci.OptionSpec;
import io.rmvss.array.cci.VolumeStatus;
import io.rmvss.array.cci.format.RaidscanFindFormatter;
import io.rmvss.array.cci.format.RaidscanPortFormatter;
import io.rmvss.array.host.HostDisk;
import io.rmvss.array.horcm.StartedInstance;
import io.rmvss.array.shadowimage.PairInfo;
import io.rmvss.array.storage.Ldev;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * raidscan -find [-pi "devices"] [-fx]: the array identity of host devices ({@code $Phys} = every physical drive);
 * raidscan -p port [-m MU#] [-CLI] [-fx]: the pair status of the LUs of a port of the instance's storage system.
 * Without -pi, -find reads the device names piped in, as CCI does.
 */
public final class RaidScan implements CciCommand {
    private static final Pattern PORT = Pattern.compile("CL[0-9A-G]-[A-Z](-[0-9]{1,3})?", Pattern.CASE_INSENSITIVE);

    @Override
    public String name() { return "raidscan"; }

    @Override
    public OptionSpec options() {
        return OptionSpec.builder("raidscan {-p <port> [-m <MU#>] [-CLI] | -find [-pi <device list>]} [-fx]")
                .valued("-p", "-pi", "-m").flags("-find", "-CLI").formatLetters("x").build();
    }

    @Override
    public int run(Invocation inv) throws ArrayException {
        StartedInstance instance = inv.attach();
        if (!inv.options().positionals().isEmpty()) {
            throw new ArrayException(CciError.EX_INVARG, "unexpected '" + inv.options().positionals().get(0)
                    + "'; the simulator supports plain -find (not -find inst/verify/conf)");
        }
        if (inv.options().has("-find")) {
            find(inv);
        } else if (inv.options().has("-p")) {
            port(inv, instance);
        } else {
            throw new ArrayException(CciError.EX_REQARG, "give -p <port> (e.g. -p CL2-C) or -find with -pi \"$Phys\"");
        }
        return 0;
    }

    private static void find(Invocation inv) throws ArrayException {
        StorageArray array = inv.context().array();
        List<String> words = inv.options().value("-pi").map(s -> Arrays.asList(s.trim().split("\\s+"))).orElseGet(inv::stdinWords);
        inv.out().println(RaidscanFindFormatter.header());
        for (HostDevices.Listed d : HostDevices.expand(array, words.stream().filter(w -> !w.isEmpty()).toList())) {
            HostDisk disk = d.disk();
            Optional<Ldev> ldev = disk.ldev().flatMap(array::ldev);
            if (ldev.isEmpty()) {
                continue; // not a Hitachi LUN: raidscan -find lists only array devices
            }
            int serial = ldev.get().id().serial();
            inv.out().println(RaidscanFindFormatter.row(d.label(), unitId(array, serial), disk.port(), disk.targetId(), disk.lun(),
                    serial, ldev.get().id().ldev(), ldev.get().productId(), inv.options().format('x')));
        }
    }

    private static int unitId(StorageArray array, int serial) {
        var systems = array.systems();
        for (int i = 0; i < systems.size(); i++) {
            if (systems.get(i).serial() == serial) {
                return i;
            }
        }
        return 0;
    }

    private static void port(Invocation inv, StartedInstance instance) throws ArrayException {
        String port = inv.options().value("-p").orElseThrow().toUpperCase(Locale.ROOT);
        if (!PORT.matcher(port).matches()) {
            throw new ArrayException(CciError.EX_INVARG, "'" + port + "' is not a port name such as CL1-A or CL2-C");
        }
        int mu = mu(inv);
        StorageArray array = inv.context().array();
        int serial = CommandDevices.primary(array, instance.conf()).map(l -> l.id().serial()).orElseThrow(() -> new ArrayException(
                CciError.EX_CMDIOE, "the command device of instance " + instance.number() + " is no longer reachable"));
        // LUs of the port that the host sees, plus paired LDEVs there that it may not see (hidden S-VOLs).
        Map<String, RaidscanPortFormatter.Row> rows = new TreeMap<>();
        List<LdevId> candidates = new ArrayList<>();
        array.hostDisks().forEach(d -> d.ldev().ifPresent(candidates::add));
        for (PairInfo p : array.shadowImage().pairs()) {
            candidates.add(p.pvol());
            candidates.add(p.svol());
        }
        for (LdevId id : candidates) {
            if (id == null || id.serial() != serial) {
                continue;
            }
            for (LunPath path : array.pathsOf(id)) {
                if (path.port().equalsIgnoreCase(port)) {
                    rows.put(String.format("%05d.%05d", path.targetId(), path.lun()), row(array, id, path, mu));
                }
            }
        }
        inv.out().println(RaidscanPortFormatter.header(inv.options().has("-CLI")));
        rows.values().stream().sorted(Comparator.comparingInt(RaidscanPortFormatter.Row::targetId).thenComparingInt(RaidscanPortFormatter.Row::lun))
                .forEach(r -> inv.out().println(RaidscanPortFormatter.row(r, inv.options().has("-CLI"), inv.options().format('x'))));
    }

    private static int mu(Invocation inv) throws ArrayException {
        String text = inv.options().value("-m").orElse("0");
        if (!text.matches("[0-2]")) {
            throw new ArrayException(CciError.EX_INVMUN, "-m takes a ShadowImage MU# of 0, 1 or 2, not '" + text + "'");
        }
        return Integer.parseInt(text);
    }

    private static RaidscanPortFormatter.Row row(StorageArray array, LdevId id, LunPath path, int mu) {
        VolumeStatus s = VolumeStatus.of(array.shadowImage(), id, mu);
        if (s.role() == VolumeStatus.Role.SMPL) {
            return new RaidscanPortFormatter.Row(path.port(), path.targetId(), path.lun(), id.serial(), id.ldev(), "SMPL", null, null, null);
        }
        PairInfo p = s.pair().orElseThrow();
        LdevId partner = s.role() == VolumeStatus.Role.PVOL ? p.svol() : p.pvol();
        return new RaidscanPortFormatter.Row(path.port(), path.targetId(), path.lun(), id.serial(), id.ldev(), s.attribute(), s.status(),
                partner.serial(), partner.ldev());
    }
}
