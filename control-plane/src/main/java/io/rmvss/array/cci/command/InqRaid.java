package io.rmvss.array.cci.command;

import io.rmvss.array.ArrayException;
import io.rmvss.array.CciError;
import io.rmvss.array.StorageArray;
import io.rmvss.array.cci.CciCommand;
import io.rmvss.array.cci.HostDevices;
import io.rmvss.array.cci.Invocation;
import io.rmvss.array.cci.MirrorFlags;
import io.rmvss.array.cci.OptionSpec;
import io.rmvss.array.cci.format.InqraidFormatter;
import io.rmvss.array.cci.format.InqraidRow;
import io.rmvss.array.host.HostDisk;
import io.rmvss.array.storage.Ldev;
import java.util.List;
import java.util.Optional;

/**
 * inqraid {$Phy | $LETALL | device ...} [-CLI] [-fx]: SCSI identity and pair flags of host devices.
 * Like CCI's inqraid it talks to the devices directly, so it needs no running HORCM instance.
 */
public final class InqRaid implements CciCommand {
    @Override
    public String name() { return "inqraid"; }

    @Override
    public OptionSpec options() {
        return OptionSpec.builder("inqraid {$Phy | $LETALL | <device> ...} [-CLI] [-fx]").flags("-CLI").formatLetters("x").build();
    }

    @Override
    public int run(Invocation inv) throws ArrayException {
        List<String> devices = inv.options().positionals().isEmpty() ? inv.stdinWords() : inv.options().positionals();
        if (devices.isEmpty()) {
            throw new ArrayException(CciError.EX_REQARG, "list the devices: inqraid -CLI $Phy (every disk), $LETALL (every drive letter), names such as Harddisk1, or pipe names in");
        }
        StorageArray array = inv.context().array();
        boolean cli = inv.options().has("-CLI");
        boolean hex = inv.options().format('x');
        if (cli) {
            inv.out().println(InqraidFormatter.header());
        }
        for (HostDevices.Listed d : HostDevices.expand(array, devices)) {
            InqraidRow row = row(array, d);
            if (cli) {
                inv.out().println(InqraidFormatter.row(row, hex));
            } else {
                verbose(inv, array, d, row, hex);
            }
        }
        return 0;
    }

    private static InqraidRow row(StorageArray array, HostDevices.Listed d) {
        HostDisk disk = d.disk();
        Optional<Ldev> ldev = disk.ldev().flatMap(array::ldev);
        if (ldev.isEmpty()) {
            return new InqraidRow(d.label(), null, null, null, null, null, null, disk.productId());
        }
        Ldev l = ldev.get();
        if (l.commandDevice()) {
            return new InqraidRow(d.label(), disk.port(), l.id().serial(), l.id().ldev(), null, null, null, l.productId());
        }
        return new InqraidRow(d.label(), disk.port(), l.id().serial(), l.id().ldev(), MirrorFlags.of(array.shadowImage(), l.id()),
                l.ssid(), l.raidGroup(), l.productId());
    }

    /** CCI's default (non -CLI) form: identity, then the mirror states, then RAID group and SSID. */
    private static void verbose(Invocation inv, StorageArray array, HostDevices.Listed d, InqraidRow row, boolean hex) {
        HostDisk disk = d.disk();
        if (row.serial() == null) {
            inv.out().println(d.label() + " -> NOT supported INQ. [" + disk.vendor().trim() + "] [" + disk.productId().trim() + "]");
            return;
        }
        String ldev = hex ? Integer.toHexString(row.ldev()) : row.ldev().toString();
        inv.out().println(String.format("%s -> [ST] %s Ser = %6d LDEV =%5s [HITACHI ] [%-16s]", d.label(), row.port(), row.serial(), ldev,
                row.productId().trim()));
        if (row.mirrors() == null) {
            inv.out().println("             CMD device");
            return;
        }
        String[] m = row.mirrors().split("/");
        inv.out().println(String.format("             HORC = %s  HOMRCF[MU#0 = %s MU#1 = %s MU#2 = %s]", state(m[0].charAt(0)),
                state(m[1].charAt(0)), state(m[2].charAt(0)), state(m[2].charAt(1))));
        inv.out().println("             RAID[Group " + row.raidGroup() + "] SSID = 0x" + row.ssid());
    }

    private static String state(char flag) {
        return switch (flag) {
            case 'P' -> "P-VOL";
            case 'S' -> "S-VOL";
            default -> "SMPL";
        };
    }
}
