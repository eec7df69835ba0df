package io.rmvss.array.horcm;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A parsed horcmNN.conf.
 *
 * @param commandDevices one entry per HORCM_CMD line; each line lists alternate paths to the command device of one storage system
 */
public record HorcmConf(Path file, MonitorEntry monitor, List<List<String>> commandDevices,
                        List<DeviceEntry> devices, List<PartnerEntry> partners) {
    public HorcmConf {
        commandDevices = List.copyOf(commandDevices);
        devices = List.copyOf(devices);
        partners = List.copyOf(partners);
    }

    public List<DeviceEntry> devicesOf(String group) {
        return devices.stream().filter(d -> d.group().equals(group)).toList();
    }

    public Optional<DeviceEntry> device(String devName) {
        return devices.stream().filter(d -> d.devName().equals(devName)).findFirst();
    }

    public List<PartnerEntry> partnersOf(String group) {
        return partners.stream().filter(p -> p.group().equals(group)).toList();
    }

    /** Groups in the order the file first names them. */
    public List<String> groups() {
        return devices.stream().map(DeviceEntry::group).distinct().toList();
    }
}
