package io.rmvss.array.cci;

import io.rmvss.array.StorageArray;
import io.rmvss.array.host.HostDisk;
import io.rmvss.array.horcm.HorcmConf;
import io.rmvss.array.storage.Ldev;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves HORCM_CMD entries to the command device LDEV the host reaches through them:
 * {@code \\.\PhysicalDrive0} / {@code Harddisk0} (a host disk), or CCI's in-band names
 * {@code \\.\CMD-<serial>[-<ldev>[-<port>]]} (any visible command device that matches).
 */
public final class CommandDevices {
    private static final Pattern CMD_NAME = Pattern.compile("\\\\\\\\\\.\\\\CMD-(\\d+)(?:-(\\d+))?(?:-(CL\\w-\\w+))?", Pattern.CASE_INSENSITIVE);

    private CommandDevices() {
    }

    /** The command device of the conf's first HORCM_CMD line that works; its serial is the instance's storage system. */
    public static Optional<Ldev> primary(StorageArray array, HorcmConf conf) {
        for (List<String> line : conf.commandDevices()) {
            for (String name : line) {
                Optional<Ldev> ldev = resolve(array, name);
                if (ldev.isPresent()) {
                    return ldev;
                }
            }
        }
        return Optional.empty();
    }

    /** Why none of the conf's command devices can be used, with what the host does offer. */
    public static String whyUnusable(StorageArray array, HorcmConf conf) {
        List<String> reasons = new ArrayList<>();
        for (List<String> line : conf.commandDevices()) {
            for (String name : line) {
                reasons.add(reason(array, name));
            }
        }
        List<String> offered = new ArrayList<>();
        for (HostDisk disk : array.hostDisks()) {
            disk.ldev().flatMap(array::ldev).filter(Ldev::commandDevice)
                    .ifPresent(l -> offered.add(disk.physicalDrive() + " (" + disk.deviceFile() + ", " + l.productId() + ")"));
        }
        return String.join("; ", reasons) + (offered.isEmpty()
                ? "; the host sees no command device at all"
                : "; name a command device in HORCM_CMD, e.g. " + String.join(" or ", offered));
    }

    static Optional<Ldev> resolve(StorageArray array, String name) {
        Matcher m = CMD_NAME.matcher(name);
        if (m.matches()) {
            int serial = Integer.parseInt(m.group(1));
            for (HostDisk disk : array.hostDisks()) {
                Optional<Ldev> ldev = disk.ldev().flatMap(array::ldev).filter(Ldev::commandDevice);
                if (ldev.isPresent() && ldev.get().id().serial() == serial
                        && (m.group(2) == null || ldev.get().id().ldev() == Integer.parseInt(m.group(2)))
                        && (m.group(3) == null || disk.port().equalsIgnoreCase(m.group(3)))) {
                    return ldev;
                }
            }
            return Optional.empty();
        }
        return array.hostDisk(name).flatMap(HostDisk::ldev).flatMap(array::ldev).filter(Ldev::commandDevice);
    }

    private static String reason(StorageArray array, String name) {
        if (CMD_NAME.matcher(name).matches()) {
            return name + " matches no command device the host sees";
        }
        Optional<HostDisk> disk = array.hostDisk(name);
        if (disk.isEmpty()) {
            return name + " is not a disk of this host";
        }
        Optional<Ldev> ldev = disk.get().ldev().flatMap(array::ldev);
        if (ldev.isEmpty()) {
            return name + " is " + disk.get().deviceFile() + ", a local " + disk.get().productId().trim() + " disk, not a Hitachi LUN";
        }
        return name + " is " + disk.get().deviceFile() + " = LDEV " + ldev.get().id().ldev() + " (" + ldev.get().productId()
                + "), not a command device";
    }
}
