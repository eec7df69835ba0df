package io.rmvss.array.cci;

import io.rmvss.array.ArrayException;
import io.rmvss.array.CciError;
import io.rmvss.array.LdevId;
import io.rmvss.array.StorageArray;
import io.rmvss.array.StorageArray.LunPath;
import io.rmvss.array.horcm.DeviceEntry;
import io.rmvss.array.horcm.DeviceLocation;
import io.rmvss.array.horcm.PartnerEntry;
import io.rmvss.array.horcm.StartedInstance;
import io.rmvss.array.storage.Ldev;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns {@code -g group} / {@code -d dev_name} into volumes: the local side from the attached
 * instance's HORCM_DEV/HORCM_LDEV, the remote side from the partner instance that HORCM_INST
 * names (matched by service against the other started instances' HORCM_MON), paired by dev_name.
 */
public final class GroupResolver {
    private GroupResolver() {
    }

    /** The selected local volumes only (raidvchkset works on these). */
    public static List<PairVolume> localVolumes(Invocation inv) throws ArrayException {
        StartedInstance local = inv.attach();
        List<PairVolume> volumes = new ArrayList<>();
        for (DeviceEntry e : selectedEntries(inv, local)) {
            volumes.add(resolve(inv.context().array(), local, e));
        }
        return volumes;
    }

    /** The selected pair volumes with both sides, after checking the MU#s suit the command's mode. */
    public static List<GroupPair> pairs(Invocation inv) throws ArrayException {
        StartedInstance local = inv.attach();
        List<DeviceEntry> entries = selectedEntries(inv, local);
        String group = entries.get(0).group();
        StartedInstance partner = partnerOf(inv, local, group);
        List<GroupPair> pairs = new ArrayList<>();
        for (DeviceEntry e : entries) {
            DeviceEntry remoteEntry = partner.conf().devicesOf(e.group()).stream()
                    .filter(r -> r.devName().equals(e.devName())).findFirst()
                    .orElseThrow(() -> new ArrayException(CciError.EX_ENOENT, "the partner instance " + partner.number().value()
                            + " (" + partner.conf().file().getFileName() + ") has no dev_name " + e.devName() + " in group " + e.group()
                            + "; define it there and restart that instance"));
            checkMu(inv, local, e);
            checkMu(inv, partner, remoteEntry);
            pairs.add(new GroupPair(e.group(), e.devName(),
                    resolve(inv.context().array(), local, e), resolve(inv.context().array(), partner, remoteEntry)));
        }
        return pairs;
    }

    private static List<DeviceEntry> selectedEntries(Invocation inv, StartedInstance local) throws ArrayException {
        Optional<String> group = inv.options().value("-g");
        Optional<String> dev = inv.options().value("-d");
        if (group.isEmpty() && dev.isEmpty()) {
            throw new ArrayException(CciError.EX_REQARG, "name the group with -g <group> or a pair volume with -d <dev_name>");
        }
        String confName = local.conf().file().getFileName().toString();
        if (group.isPresent()) {
            List<DeviceEntry> entries = local.conf().devicesOf(group.get());
            if (entries.isEmpty()) {
                throw new ArrayException(CciError.EX_ENOGRP, "group '" + group.get() + "' is not defined in HORCM_DEV/HORCM_LDEV of " + confName
                        + " (instance " + local.number() + "); known groups: " + describe(local.conf().groups())
                        + ". Edit the file and restart the instance (horcmshutdown, horcmstart)");
            }
            if (dev.isPresent()) {
                entries = entries.stream().filter(e -> e.devName().equals(dev.get())).toList();
                if (entries.isEmpty()) {
                    throw new ArrayException(CciError.EX_ENOENT, "group '" + group.get() + "' of " + confName + " has no dev_name '" + dev.get() + "'");
                }
            }
            return entries;
        }
        Optional<DeviceEntry> byName = local.conf().device(dev.get());
        if (byName.isPresent()) {
            return List.of(byName.get());
        }
        // -d also takes a raw device (Harddisk1, \\.\PhysicalDrive1, E:): the conf line whose volume it is.
        Optional<LdevId> raw = inv.context().array().hostDisk(dev.get()).flatMap(d -> d.ldev());
        if (raw.isPresent()) {
            for (DeviceEntry e : local.conf().devices()) {
                if (sameVolume(inv.context().array(), local, e, raw.get())) {
                    return List.of(e);
                }
            }
        }
        throw new ArrayException(CciError.EX_ENOENT, "no dev_name or device '" + dev.get() + "' in " + confName
                + " (instance " + local.number() + ")");
    }

    private static boolean sameVolume(StorageArray array, StartedInstance instance, DeviceEntry e, LdevId id) {
        try {
            return resolve(array, instance, e).id().equals(id);
        } catch (ArrayException unresolvable) {
            return false;
        }
    }

    /** The started instance that HORCM_INST of the group names; EX_ENORMT when there is none. */
    public static StartedInstance partnerOf(Invocation inv, StartedInstance local, String group) throws ArrayException {
        List<PartnerEntry> partners = local.conf().partnersOf(group);
        if (partners.isEmpty()) {
            throw new ArrayException(CciError.EX_ENORMT, "group '" + group + "' has no HORCM_INST line in "
                    + local.conf().file().getFileName() + "; add 'dev_group ip_address service' naming the partner instance");
        }
        // Every instance runs on this host, so the service (HORCM_MON port) alone tells which instance is meant.
        for (PartnerEntry p : partners) {
            for (StartedInstance other : inv.context().instances().all()) {
                if (!other.number().equals(local.number()) && other.conf().monitor().service().equals(p.service())) {
                    return other;
                }
            }
        }
        PartnerEntry first = partners.get(0);
        throw new ArrayException(CciError.EX_ENORMT, "no started instance listens on service " + first.service() + " (HORCM_INST of group '"
                + group + "', " + local.conf().file().getFileName() + " line " + first.lineNumber()
                + "); start the partner instance with horcmstart");
    }

    /**
     * ShadowImage takes MU# 0-2; TrueCopy-style h0-h3 belong to remote copy. In TrueCopy mode (no HORCC_MRCF)
     * a group that names a ShadowImage MU# is refused with EX_INVMUN, as CCI's HORC mode refuses an MRCF mirror;
     * one without an MU# would be a TrueCopy pair, which this single-array simulator cannot form (EX_INVMOD).
     */
    private static void checkMu(Invocation inv, StartedInstance instance, DeviceEntry e) throws ArrayException {
        String where = instance.conf().file().getFileName() + " line " + e.lineNumber();
        if (inv.mode() == CopyMode.TRUE_COPY) {
            if (e.mu().explicit() && !e.mu().remoteCopy()) {
                throw new ArrayException(CciError.EX_INVMUN, e.group() + "/" + e.devName() + " names ShadowImage MU#" + e.mu().value()
                        + " (" + where + ") but the command runs in TrueCopy mode; set HORCC_MRCF=1 or use -IM" + inv.instanceNumber().value());
            }
            throw new ArrayException(CciError.EX_INVMOD, "TrueCopy (HORC mode) is not available on the simulated array; set HORCC_MRCF=1"
                    + " or use -IM<instance> to address " + e.group() + " as a ShadowImage group");
        }
        if (e.mu().remoteCopy() || e.mu().value() > 2) {
            throw new ArrayException(CciError.EX_INVMUN, "MU#" + e.mu().text() + " of " + e.devName() + " (" + where
                    + ") is not a ShadowImage mirror; ShadowImage uses MU# 0, 1 or 2");
        }
    }

    static PairVolume resolve(StorageArray array, StartedInstance instance, DeviceEntry e) throws ArrayException {
        String where = instance.conf().file().getFileName() + " line " + e.lineNumber();
        if (e.location() instanceof DeviceLocation.PortTargetLun ptl) {
            int serial = CommandDevices.primary(array, instance.conf()).map(l -> l.id().serial())
                    .orElseThrow(() -> new ArrayException(CciError.EX_CMDIOE, "the command device of instance " + instance.number()
                            + " is no longer reachable: " + CommandDevices.whyUnusable(array, instance.conf())));
            Ldev ldev = array.ldevAt(serial, ptl.port(), ptl.targetId(), ptl.lun()).orElseThrow(() -> new ArrayException(CciError.EX_ENOOBJ,
                    "nothing is mapped at " + ptl.port() + " TID " + ptl.targetId() + " LU " + ptl.lun() + " of storage system " + serial
                            + " (" + where + "); find the right port/TID/LU with raidscan -pi $Phys -find"));
            return new PairVolume(instance.number(), e, ldev, Optional.of(new LunPath(ptl.port(), ptl.targetId(), ptl.lun())));
        }
        DeviceLocation.SerialLdev sl = (DeviceLocation.SerialLdev) e.location();
        LdevId id = new LdevId(sl.serial(), sl.ldev());
        Ldev ldev = array.ldev(id).orElseThrow(() -> new ArrayException(CciError.EX_ENOOBJ,
                "storage system " + sl.serial() + " has no LDEV " + sl.ldev() + " (" + where + ")"));
        return new PairVolume(instance.number(), e, ldev, array.pathsOf(id).stream().findFirst());
    }

    private static String describe(List<String> groups) {
        return groups.isEmpty() ? "none" : String.join(", ", groups);
    }
}
