package io.rmvss.array.cci.command;

import io.rmvss.array.ArrayException;
import io.rmvss.array.CciError;
import io.rmvss.array.StorageArray;
import io.rmvss.array.StorageArray.StorageSystemInfo;
import io.rmvss.array.cci.CciCommand;
import io.rmvss.array.cci.CommandDevices;
import io.rmvss.array.cci.GroupResolver;
import io.rmvss.array.cci.Invocation;
import io.rmvss.array.cci.OptionSpec;
import io.rmvss.array.horcm.StartedInstance;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;

/**
 * raidqry -l | -r group | -g: the storage systems this instance reaches (through its command device),
 * those of a group's both instances, or the groups it defines.
 */
public final class RaidQry implements CciCommand {
    /** The CCI release this simulator reports as its HORCM_ver. */
    public static final String HORCM_VERSION = "01-24-03/05";
    private static final String LIST_LAYOUT = "%2s  %-8s %-12s %-11s %3s %9s   %-12s %9s";
    private static final String GROUP_LAYOUT = "%3s  %-9s %-10s %4s %5s %6s %6s";
    /** Interface versions and MU counts CCI reports for a ShadowImage-capable RAID of this class. */
    private static final int IV_HORC = 12;
    private static final int IV_MRCF = 9;
    private static final int MU_HORC = 4;
    private static final int MU_MRCF = 3;

    @Override
    public String name() { return "raidqry"; }

    @Override
    public OptionSpec options() {
        return OptionSpec.builder("raidqry {-l | -r <group> | -g}").valued("-r").flags("-l", "-g").build();
    }

    @Override
    public int run(Invocation inv) throws ArrayException {
        StartedInstance local = inv.attach();
        if (inv.options().has("-l")) {
            inv.out().println(String.format(LIST_LAYOUT, "No", "Group", "Hostname", "HORCM_ver", "Uid", "Serial#", "Micro_ver", "Cache(MB)"));
            inv.out().println(listRow(inv, local, 1, "---"));
        } else if (inv.options().has("-r")) {
            String group = inv.options().value("-r").orElseThrow();
            if (local.conf().devicesOf(group).isEmpty()) {
                throw new ArrayException(CciError.EX_ENOGRP, "group '" + group + "' is not defined in " + local.conf().file().getFileName());
            }
            StartedInstance partner = GroupResolver.partnerOf(inv, local, group);
            inv.out().println(String.format(LIST_LAYOUT, "No", "Group", "Hostname", "HORCM_ver", "Uid", "Serial#", "Micro_ver", "Cache(MB)"));
            inv.out().println(listRow(inv, local, 1, group));
            inv.out().println(listRow(inv, partner, 2, group));
        } else if (inv.options().has("-g")) {
            inv.out().println(String.format(GROUP_LAYOUT, "GNo", "Group", "RAID_type", "IV/H", "IV/M", "MUN/H", "MUN/M"));
            List<String> groups = local.conf().groups();
            for (int i = 0; i < groups.size(); i++) {
                inv.out().println(String.format(GROUP_LAYOUT, i + 1, groups.get(i), "HTC_RAID", IV_HORC, IV_MRCF, MU_HORC, MU_MRCF));
            }
        } else {
            throw new ArrayException(CciError.EX_REQARG, "give -l (this instance's storage system), -r <group> or -g (groups)");
        }
        return 0;
    }

    private static String listRow(Invocation inv, StartedInstance instance, int number, String group) throws ArrayException {
        StorageArray array = inv.context().array();
        int serial = CommandDevices.primary(array, instance.conf()).map(l -> l.id().serial()).orElseThrow(() -> new ArrayException(
                CciError.EX_CMDIOE, "the command device of instance " + instance.number() + " is no longer reachable"));
        StorageSystemInfo system = array.systems().stream().filter(s -> s.serial() == serial).findFirst().orElseThrow(() ->
                new ArrayException(CciError.EX_ENOOBJ, "storage system " + serial + " is not part of the array"));
        return String.format(LIST_LAYOUT, number, group, hostname(), HORCM_VERSION, 0, serial, system.microcode(), system.cacheMb());
    }

    private static String hostname() {
        String name = System.getenv("HOSTNAME");
        if (name == null || name.isBlank()) {
            try {
                name = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                name = "localhost";
            }
        }
        return name;
    }
}
