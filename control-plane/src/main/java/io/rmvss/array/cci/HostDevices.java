package io.rmvss.array.cci;

import io.rmvss.array.ArrayException;
import io.rmvss.array.CciError;
import io.rmvss.array.LdevId;
import io.rmvss.array.StorageArray;
import io.rmvss.array.host.HostDisk;
import io.rmvss.array.host.HostVolume;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The host's view of devices for inqraid and raidscan: expands CCI's device-list keywords
 * ({@code $Phy}/{@code $Phys} = every physical drive, {@code $LETALL} = every drive letter) and names.
 */
public final class HostDevices {
    /** A device as listed: the name to print and the host disk behind it. */
    public record Listed(String label, HostDisk disk) {
    }

    private HostDevices() {
    }

    public static List<Listed> expand(StorageArray array, List<String> words) throws ArrayException {
        List<Listed> listed = new ArrayList<>();
        for (String word : words) {
            String key = word.toUpperCase(Locale.ROOT);
            if (key.equals("$PHY") || key.equals("$PHYS")) {
                array.hostDisks().forEach(d -> listed.add(new Listed(d.deviceFile(), d)));
            } else if (key.equals("$LETALL")) {
                for (HostDisk d : array.hostDisks()) {
                    for (HostVolume v : d.volumes()) {
                        listed.add(new Listed(v.deviceFile(), d));
                    }
                }
            } else {
                // E:\Vol12\Dsk1 as inqraid $LETALL prints it names the disk under drive E:.
                String name = word.length() > 2 && word.charAt(1) == ':' ? word.substring(0, 2) : word;
                HostDisk disk = array.hostDisk(name).orElseThrow(() -> new ArrayException(CciError.EX_ENODEV,
                        "'" + word + "' is not a device of this host; list them with inqraid -CLI $Phy"));
                listed.add(new Listed(word, disk));
            }
        }
        return listed;
    }

    /** The host's device file (Harddisk2) for an LDEV, if the host sees it. */
    public static Optional<String> deviceFileOf(StorageArray array, LdevId id) {
        return array.hostDisks().stream().filter(d -> d.ldev().filter(id::equals).isPresent()).map(HostDisk::deviceFile).findFirst();
    }
}
