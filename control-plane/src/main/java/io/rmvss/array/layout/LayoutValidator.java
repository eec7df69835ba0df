package io.rmvss.array.layout;

import io.rmvss.array.storage.Ldev;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Cross-checks of a layout: duplicates, dangling references, host disk numbering. */
final class LayoutValidator {
    /** Hitachi port names: CL1-A .. CL9-R, letters I and O are not used. */
    private static final Pattern PORT = Pattern.compile("CL[1-9]-[A-HJ-NP-R]");

    private LayoutValidator() {
    }

    static void validate(List<SystemLayout> systems, List<HostDiskLayout> disks, List<DriveLetter> letters) {
        Map<Integer, Map<String, Integer>> lunsBySerial = new HashMap<>();
        for (SystemLayout system : systems) {
            String where = "system " + system.serial();
            if (system.serial() <= 0) {
                throw new LayoutException("systems: serial " + system.serial() + " must be a positive number (the array's Seq#)");
            }
            if (lunsBySerial.containsKey(system.serial())) {
                throw new LayoutException("systems: serial " + system.serial() + " is described twice; merge the two entries or change one serial");
            }
            String revision = system.info().revision();
            if (revision.isBlank() || revision.length() > 4) {
                throw new LayoutException(where + ": revision '" + revision + "' must be 1-4 non-blank characters (SCSI product revision, e.g. \"2106\")");
            }
            Set<Integer> ldevNumbers = new HashSet<>();
            for (Ldev ldev : system.ldevs()) {
                if (!ldevNumbers.add(ldev.id().ldev())) {
                    throw new LayoutException(where + ": LDEV " + ldev.id().ldev() + " (" + ldev.id().cuLdev()
                            + ") is defined twice; remove one entry or shift a range");
                }
            }
            Map<String, Integer> luns = new HashMap<>();
            for (LunMapping lun : system.luns()) {
                String at = lun.port() + " TID " + lun.targetId() + " LUN " + lun.lun();
                if (!PORT.matcher(lun.port()).matches()) {
                    throw new LayoutException(where + ": port '" + lun.port() + "' is not a Hitachi port name; write e.g. CL1-A or CL2-C (letters A-R without I and O)");
                }
                if (lun.targetId() < 0 || lun.targetId() > 255 || lun.lun() < 0 || lun.lun() > 2047) {
                    throw new LayoutException(where + ": " + at + " is out of range; target IDs are 0-255 and LUNs 0-2047");
                }
                if (!ldevNumbers.contains(lun.ldev())) {
                    throw new LayoutException(where + ": " + at + " maps LDEV " + lun.ldev() + ", which is not defined; add it to \"ldevs\" or fix the number");
                }
                Integer previous = luns.put(lunKey(lun.port(), lun.targetId(), lun.lun()), lun.ldev());
                if (previous != null) {
                    throw new LayoutException(where + ": " + at + " is mapped twice (LDEV " + previous + " and LDEV " + lun.ldev()
                            + "); give one of them another LUN");
                }
            }
            lunsBySerial.put(system.serial(), luns);
        }
        Set<Integer> diskNumbers = new HashSet<>();
        Set<String> disksOnLuns = new HashSet<>();
        for (HostDiskLayout disk : disks) {
            String where = "host disk " + disk.number();
            if (!diskNumbers.add(disk.number())) {
                throw new LayoutException(where + " is defined twice; number host disks 0, 1, 2, ... once each");
            }
            if (disk.local()) {
                continue;
            }
            HostDiskLayout.ArrayLunAddress a = disk.arrayLun();
            Map<String, Integer> luns = lunsBySerial.get(a.serial());
            if (luns == null) {
                throw new LayoutException(where + " is on serial " + a.serial() + ", which no system has; add the system or fix the serial");
            }
            String key = lunKey(a.port(), a.targetId(), a.lun());
            if (!luns.containsKey(key)) {
                throw new LayoutException(where + " is " + a.port() + " TID " + a.targetId() + " LUN " + a.lun()
                        + " of serial " + a.serial() + ", which is not mapped; add the LUN to the system's \"luns\"");
            }
            if (!disksOnLuns.add(a.serial() + "/" + key)) {
                throw new LayoutException(where + ": LUN " + a.port() + " TID " + a.targetId() + " LUN " + a.lun()
                        + " is already another host disk; each LUN is one host disk");
            }
        }
        for (int n = 0; n < diskNumbers.size(); n++) {
            if (!diskNumbers.contains(n)) {
                throw new LayoutException("host disks must be numbered 0.." + (diskNumbers.size() - 1) + " without gaps; disk " + n + " is missing");
            }
        }
        Set<Character> seenLetters = new HashSet<>();
        Set<Integer> seenVolumes = new HashSet<>();
        for (DriveLetter letter : letters) {
            String where = "drive letter " + letter.letter() + ":";
            if (!seenLetters.add(letter.letter())) {
                throw new LayoutException(where + " is defined twice; keep one");
            }
            if (!seenVolumes.add(letter.volume())) {
                throw new LayoutException(where + ": volume " + letter.volume() + " already has a drive letter; volume numbers are unique");
            }
            if (!diskNumbers.contains(letter.disk())) {
                throw new LayoutException(where + " is on disk " + letter.disk() + ", which is not a host disk; fix the disk number");
            }
        }
    }

    private static String lunKey(String port, int targetId, int lun) {
        return port + "/" + targetId + "/" + lun;
    }
}
